import type { Endpoint } from './types';
import type { Protocol } from '../core/vocabulary';
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
  const known =
    names.length === 0
      ? 'it has no named ports'
      : `it has ${names.map((name) => `"${name}"`).join(', ')}`;
  return {
    kind: 'unresolved',
    code: 'unknown-named-port',
    message: `Pod ${pod.namespace}/${pod.name} has no ${protocol} port named "${port}"; ${known}.${didYouMean(suggestions)}`,
    suggestions,
  };
}
