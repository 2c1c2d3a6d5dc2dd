import type { PolicyPort } from '../model/types';
import type { Endpoint, Flow } from './verdict';

/**
 * Matches one `ports` item against the flow. A named port is resolved on the destination pod,
 * by name and the item's protocol, for egress rules too; an address outside the cluster has none.
 * https://kubernetes.io/docs/concepts/services-networking/network-policies/#targeting-a-range-of-ports
 */
export function matchPort(port: PolicyPort, flow: Flow): boolean {
  if (!port.valid || port.protocol !== flow.protocol) {
    return false;
  }
  // `protocol` with no `port`: every port of that protocol.
  if (port.port === undefined) {
    return true;
  }
  if (typeof port.port === 'number') {
    return port.endPort === undefined
      ? flow.port === port.port
      : port.port <= flow.port && flow.port <= port.endPort;
  }
  return namedPortNumber(flow.destination, port.port, port.protocol) === flow.port;
}

function namedPortNumber(
  destination: Endpoint,
  name: string,
  protocol: PolicyPort['protocol'],
): number | undefined {
  if (destination.kind === 'external') {
    return undefined;
  }
  return destination.pod.ports.find((entry) => entry.name === name && entry.protocol === protocol)
    ?.containerPort;
}
