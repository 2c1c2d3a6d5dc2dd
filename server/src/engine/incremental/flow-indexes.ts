import type { toFlow } from '../flows/evaluate-flows';

type Resolution = ReturnType<typeof toFlow>;

/** The samples (by index) with a pod of each namespace at one end or the other. */
export function indexByNamespace(resolutions: readonly Resolution[]): Map<string, number[]> {
  const byNamespace = new Map<string, number[]>();
  resolutions.forEach((resolution, index) => {
    if ('problems' in resolution) {
      return;
    }
    const namespaces = new Set<string>();
    for (const endpoint of [resolution.flow.source, resolution.flow.destination]) {
      if (endpoint.kind === 'pod') {
        namespaces.add(endpoint.pod.namespace);
      }
    }
    for (const namespace of namespaces) {
      const list = byNamespace.get(namespace);
      if (list === undefined) {
        byNamespace.set(namespace, [index]);
      } else {
        list.push(index);
      }
    }
  });
  return byNamespace;
}

/** The samples (by index) that do not resolve. */
export function unresolvedOf(resolutions: readonly Resolution[]): number[] {
  return resolutions.flatMap((resolution, index) => ('problems' in resolution ? [index] : []));
}
