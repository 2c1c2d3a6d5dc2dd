import * as vscode from 'vscode';
import type { EndpointPort } from '../../server/src/protocol';
import type { Chosen } from './endpoint-picks';

interface PortItem extends vscode.QuickPickItem {
  readonly port?: EndpointPort;
}

export const ENTER_PORT_LABEL = '$(edit) Enter a port…';
const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

// A port number, or a named port as Kubernetes spells them (IANA_SVC_NAME).
const NAMED_PORT = /^(?=.*[a-z])[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/;

/** The destination's container ports first, then "Enter a port…"; the port and its protocol. */
export async function pickPort(
  title: string,
  destination: Chosen,
): Promise<{ port: string; protocol?: string } | undefined> {
  const ports = destination.endpoint?.ports ?? [];
  if (ports.length > 0) {
    const items: PortItem[] = [
      ...ports.map((port) => ({
        label: String(port.port),
        description: [port.name, port.protocol].filter(Boolean).join(' · '),
        port,
      })),
      { label: ENTER_PORT_LABEL, alwaysShow: true },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: `Pick a port of ${destination.ref}, or enter one`,
    });
    if (picked === undefined) {
      return undefined;
    }
    if (picked.port !== undefined) {
      return { port: String(picked.port.port), protocol: picked.port.protocol };
    }
  }
  const typed = await vscode.window.showInputBox({
    title,
    prompt: `Enter the destination port: a number or a named port of ${destination.ref}`,
    placeHolder: '8080',
    validateInput: (value) =>
      isPort(value.trim()) ? null : 'Enter a port from 1 to 65535, or a port name.',
  });
  return typed === undefined ? undefined : { port: typed.trim() };
}

function isPort(value: string): boolean {
  if (/^\d+$/.test(value)) {
    const number = Number(value);
    return number >= 1 && number <= 65535;
  }
  return NAMED_PORT.test(value);
}

/** TCP, UDP, SCTP, with `preferred` (the picked container port's protocol, else TCP) first. */
export async function pickProtocol(title: string, preferred = 'TCP'): Promise<string | undefined> {
  const ordered = [preferred, ...PROTOCOLS.filter((protocol) => protocol !== preferred)];
  const picked = await vscode.window.showQuickPick(
    ordered.map((protocol, index) => ({
      label: protocol,
      description: index === 0 ? 'default' : undefined,
    })),
    { title, placeHolder: 'Pick the protocol' },
  );
  return picked?.label;
}
