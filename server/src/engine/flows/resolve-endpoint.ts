import type { Endpoint } from './types';
import { normalizeAddress } from '../model/ip-block';
import type { Pod, World } from '../world/types';
import { didYouMean, suggest } from '../core/suggest';
import type { UnresolvedEndpoint } from './types';

const KINDS = ['pod', 'deployment', 'statefulset', 'daemonset', 'replicaset', 'job', 'cronjob'];

/**
 * Resolves an endpoint reference: `namespace/name` (the pod of that name, else the workload),
 * `namespace/kind/name` (kind case-insensitive), or an IP address (the pod with that IP, else
 * an endpoint outside the cluster).
 */
export function resolveEndpoint(world: World, reference: string): Endpoint | UnresolvedEndpoint {
  const ip = mayBeAddress(reference) ? normalizeAddress(reference) : undefined;
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
  const assumed = world.assumedDns?.ip === ip ? [world.assumedDns] : [];
  const pods = world.podsByIp.get(ip) ?? assumed;
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
  const named = podsNamed(world, namespace, name);
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
  const pod = podsNamed(world, namespace, name).find((candidate) => kindOf(candidate) === kind);
  if (pod !== undefined) {
    return { kind: 'pod', pod };
  }
  const suggestions = suggest(reference, world.pods.map(longReference));
  const what = KINDS.includes(kind)
    ? `No ${kind} "${namespace}/${name}"`
    : `Unknown kind "${kind}" in "${reference}"`;
  return unknown(reference, `${what} in the workspace.${didYouMean(suggestions)}`, suggestions);
}

// A dotted quad is digits and dots, and an IPv6 address has a colon: anything else (`shop/web`)
// skips the address parser, which is slow on text it rejects.
const FOUR_PART_DECIMAL = /^\d+\.\d+\.\d+\.\d+$/;

function mayBeAddress(reference: string): boolean {
  return reference.includes(':') || FOUR_PART_DECIMAL.test(reference);
}

// Pods by name, per namespace and world, built for a namespace when it is first asked about:
// flows name pods again and again, and a world never changes once built.
const podsByName = new WeakMap<World, Map<string, ReadonlyMap<string, readonly Pod[]>>>();

function podsNamed(world: World, namespace: string, name: string): readonly Pod[] {
  let byNamespace = podsByName.get(world);
  if (byNamespace === undefined) {
    byNamespace = new Map();
    podsByName.set(world, byNamespace);
  }
  let byName = byNamespace.get(namespace);
  if (byName === undefined) {
    // The assumed cluster DNS is in no list of the world, yet flows may name it.
    const assumed = world.assumedDns?.namespace === namespace ? [world.assumedDns] : [];
    byName = indexByName([...(world.podsByNamespace.get(namespace) ?? []), ...assumed]);
    byNamespace.set(namespace, byName);
  }
  return byName.get(name) ?? [];
}

function indexByName(pods: readonly Pod[]): ReadonlyMap<string, readonly Pod[]> {
  const byName = new Map<string, Pod[]>();
  for (const pod of pods) {
    const named = byName.get(pod.name);
    if (named === undefined) {
      byName.set(pod.name, [pod]);
    } else {
      named.push(pod);
    }
  }
  return byName;
}

function kindOf(pod: Pod): string {
  return (pod.workload?.kind ?? 'Pod').toLowerCase();
}

/** `namespace/name`, the short reference form. */
export function shortReference(pod: Pod): string {
  return `${pod.namespace}/${pod.name}`;
}

/**
 * The reference a sample flow would write for `pod`: `namespace/name`, which names the Pod of
 * that name before any workload (docs/design.md §5), unless a workload shares its name with
 * another pod of its namespace and needs its kind, `namespace/kind/name`.
 */
export function referenceTo(world: World, pod: Pod): string {
  if (pod.workload === undefined) {
    return shortReference(pod);
  }
  const namesakes = (world.podsByNamespace.get(pod.namespace) ?? []).filter(
    (other) => other.name === pod.name,
  );
  return namesakes.length > 1
    ? `${pod.namespace}/${pod.workload.kind.toLowerCase()}/${pod.workload.name}`
    : shortReference(pod);
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
