import type { Endpoint } from '../evaluate/verdict';
import { normalizeAddress } from '../model/ip-block';
import type { Pod, World } from '../world/types';
import { didYouMean, suggest } from '../suggest';
import type { UnresolvedEndpoint } from './types';

const KINDS = ['pod', 'deployment', 'statefulset', 'daemonset', 'replicaset', 'job', 'cronjob'];

/**
 * Resolves an endpoint reference: `namespace/name` (the pod of that name, else the workload),
 * `namespace/kind/name` (kind case-insensitive), or an IP address (the pod with that IP, else
 * an endpoint outside the cluster).
 */
export function resolveEndpoint(world: World, reference: string): Endpoint | UnresolvedEndpoint {
  const ip = normalizeAddress(reference);
  if (ip !== undefined) {
    return resolveIp(world, ip);
  }
  const parts = reference.split('/');
  if (parts.length === 2) {
    return resolveName(world, reference, parts[0]!, parts[1]!);
  }
  if (parts.length === 3) {
    return resolveKindName(world, reference, parts[0]!, parts[1]!.toLowerCase(), parts[2]!);
  }
  return unknown(
    reference,
    `Endpoint "${reference}" is not namespace/name, namespace/kind/name or an IP address.`,
    suggest(reference, shortReferences(world)),
  );
}

function resolveIp(world: World, ip: string): Endpoint | UnresolvedEndpoint {
  const pods = world.podsByIp.get(ip) ?? [];
  if (pods.length === 1) {
    return { kind: 'pod', pod: pods[0]!, ip };
  }
  if (pods.length > 1) {
    const names = pods.map(longReference);
    return ambiguous(`Several pods have the IP ${ip}: ${names.join(', ')}.`, names);
  }
  return { kind: 'external', ip };
}

function resolveName(
  world: World,
  reference: string,
  namespace: string,
  name: string,
): Endpoint | UnresolvedEndpoint {
  const named = (world.podsByNamespace.get(namespace) ?? []).filter((pod) => pod.name === name);
  const pod = named.find((candidate) => candidate.workload === undefined);
  if (pod !== undefined) {
    return { kind: 'pod', pod };
  }
  if (named.length === 1) {
    return { kind: 'pod', pod: named[0]! };
  }
  if (named.length > 1) {
    const names = named.map(longReference);
    return ambiguous(`Several workloads are named "${reference}": ${names.join(', ')}.`, names);
  }
  const suggestions = suggest(reference, shortReferences(world));
  return unknown(
    reference,
    `No pod or workload "${reference}" in the workspace.${didYouMean(suggestions)}`,
    suggestions,
  );
}

function resolveKindName(
  world: World,
  reference: string,
  namespace: string,
  kind: string,
  name: string,
): Endpoint | UnresolvedEndpoint {
  const pod = (world.podsByNamespace.get(namespace) ?? []).find(
    (candidate) => candidate.name === name && kindOf(candidate) === kind,
  );
  if (pod !== undefined) {
    return { kind: 'pod', pod };
  }
  const suggestions = suggest(reference, world.pods.map(longReference));
  const what = KINDS.includes(kind)
    ? `No ${kind} "${namespace}/${name}"`
    : `Unknown kind "${kind}" in "${reference}"`;
  return unknown(reference, `${what} in the workspace.${didYouMean(suggestions)}`, suggestions);
}

function kindOf(pod: Pod): string {
  return (pod.workload?.kind ?? 'Pod').toLowerCase();
}

/** `namespace/name`, the short reference form. */
export function shortReference(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

/** `namespace/kind/name`, the form that names a workload explicitly. */
export function longReference(pod: Pod): string {
  return `${pod.namespace}/${kindOf(pod)}/${pod.name}`;
}

function shortReferences(world: World): string[] {
  return world.pods.map(shortReference);
}

function unknown(
  _reference: string,
  message: string,
  suggestions: readonly string[],
): UnresolvedEndpoint {
  return { kind: 'unresolved', code: 'unknown-endpoint', message, suggestions };
}

function ambiguous(message: string, suggestions: readonly string[]): UnresolvedEndpoint {
  return { kind: 'unresolved', code: 'ambiguous-endpoint', message, suggestions };
}
