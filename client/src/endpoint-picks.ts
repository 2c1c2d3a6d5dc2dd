import { isIP } from 'node:net';
import * as vscode from 'vscode';
import type { Endpoint, EndpointPort, EndpointsResult } from '../../server/src/protocol';

/** What the user chose as one end of a flow: a reference, and the endpoint when it is known. */
export interface Chosen {
  readonly ref: string;
  readonly endpoint?: Endpoint;
}

interface EndpointItem extends vscode.QuickPickItem {
  readonly endpoint?: Endpoint;
}

export const ENTER_IP_LABEL = '$(edit) Enter an IP address…';

/** A quick pick of the world's endpoints, grouped by namespace, plus "Enter an IP address…". */
export async function pickEndpoint(
  endpoints: EndpointsResult,
  title: string,
  placeHolder: string,
): Promise<Chosen | undefined> {
  const items: EndpointItem[] = [
    {
      label: ENTER_IP_LABEL,
      description: 'an endpoint inside or outside the cluster',
      alwaysShow: true,
    },
  ];
  for (const group of endpoints.namespaces) {
    items.push({ label: group.name, kind: vscode.QuickPickItemKind.Separator });
    items.push(...group.endpoints.map(toItem));
  }
  const picked = await vscode.window.showQuickPick(items, {
    title,
    placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked === undefined) {
    return undefined;
  }
  if (picked.endpoint !== undefined) {
    return { ref: picked.endpoint.ref, endpoint: picked.endpoint };
  }
  const ip = await vscode.window.showInputBox({
    title,
    prompt: 'Enter an IPv4 or IPv6 address',
    placeHolder: '203.0.113.10',
    validateInput: (value) =>
      isIP(value.trim()) === 0 ? 'Enter an IPv4 or IPv6 address, such as 203.0.113.10.' : null,
  });
  return ip === undefined ? undefined : { ref: ip.trim() };
}

function toItem(endpoint: Endpoint): EndpointItem {
  return {
    label: endpoint.ref,
    description: `${endpoint.kind} · ${endpoint.ip}`,
    detail: endpoint.ports.length === 0 ? undefined : endpoint.ports.map(describePort).join(', '),
    endpoint,
  };
}

export function describePort(port: EndpointPort): string {
  return `${port.port}${port.name === undefined ? '' : ` (${port.name})`}/${port.protocol}`;
}

/** The endpoint a reference names, if the world lists it. */
export function findEndpoint(endpoints: EndpointsResult, ref: string): Endpoint | undefined {
  return endpoints.namespaces
    .flatMap((group) => group.endpoints)
    .find((endpoint) => endpoint.ref === ref);
}
