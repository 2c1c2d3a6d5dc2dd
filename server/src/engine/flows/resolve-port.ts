import type { Endpoint } from './types';
import type { Protocol } from '../core/vocabulary';
import type { ContainerPort } from '../world/types';
import { didYouMean, suggest } from '../core/suggest';

export type PortResolution =
  | { readonly kind: 'port'; readonly port: number; readonly portName?: string }
  | {
      readonly kind: 'unresolved';
      readonly code: 'unknown-named-port' | 'named-port-external';
      readonly message: string;
      readonly suggestions: readonly string[];
    };

/** A named port is resolved on the destination pod, by name and protocol. */
export function resolvePort(
  destination: Endpoint,
  port: number | string,
  protocol: Protocol,
): PortResolution {
  if (typeof port === 'number') {
    return { kind: 'port', port };
  }
  if (destination.kind === 'external') {
    return {
      kind: 'unresolved',
      code: 'named-port-external',
      message: `Port "${port}" is a name, but ${destination.ip} is outside the cluster and has no named ports.`,
      suggestions: [],
    };
  }
  const pod = destination.pod;
  const found = pod.ports.find((entry) => entry.name === port && entry.protocol === protocol);
  if (found !== undefined) {
    return { kind: 'port', port: found.containerPort, portName: port };
  }
  const names = pod.ports.flatMap((entry) =>
    entry.name !== undefined && entry.protocol === protocol ? [entry.name] : [],
  );
  const suggestions = suggest(port, names);
  return {
    kind: 'unresolved',
    code: 'unknown-named-port',
    message: `Pod ${pod.namespace}/${pod.name} has no ${protocol} port named "${port}"; ${describeNamedPorts(pod.ports, port, protocol)}.${didYouMean(suggestions)}`,
    suggestions,
  };
}

/**
 * What a pod has instead of a named port: its other names for the protocol, and the protocols
 * under which it has that very name.
 */
export function describeNamedPorts(
  ports: readonly ContainerPort[],
  name: string,
  protocol: Protocol,
): string {
  const names = ports.flatMap((entry) =>
    entry.name !== undefined && entry.protocol === protocol ? [entry.name] : [],
  );
  const elsewhere = [
    ...new Set(ports.filter((entry) => entry.name === name).map((entry) => entry.protocol)),
  ];
  const parts = [
    ...(names.length === 0 ? [] : [`it has ${names.map((each) => `"${each}"`).join(', ')}`]),
    ...(elsewhere.length === 0 ? [] : [`"${name}" is a ${elsewhere.join(' and ')} port`]),
  ];
  return parts.length === 0 ? `it has no named ${protocol} ports` : parts.join('; ');
}
