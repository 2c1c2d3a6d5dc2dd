import type { Address } from '../model/ip-block';
import { parseAddress } from '../model/ip-block';
import { isolates, selectsPod } from '../model/types';
import type { Labels, NetworkPolicy } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import { createPodMemo } from './pod-memo';
import type { Direction, PolicyRef } from './verdict';

/** The policies that select a pod for one direction. */
export interface Selection {
  readonly policies: readonly NetworkPolicy[];
  readonly refs: readonly PolicyRef[];
}

/** What the evaluator needs to know about a pod, found once and kept together. */
export interface PodFacts {
  readonly ingress: Selection;
  readonly egress: Selection;
  readonly namespaceLabels: Labels;
  readonly addresses: readonly Address[];
}

/** A lookup of pod facts, filled on first use; policies are indexed by namespace up front. */
export function createFactsLookup(
  policies: readonly NetworkPolicy[],
  world: World,
  selectionKeyOf?: (pod: Pod) => number,
): (pod: Pod) => PodFacts {
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace);
    if (list === undefined) {
      byNamespace.set(policy.namespace, [policy]);
    } else {
      list.push(policy);
    }
  }
  const facts = createPodMemo<PodFacts>();
  // Pods of one selection key (same namespace and labels) share their selections.
  const selections = new Map<number, Pick<PodFacts, 'ingress' | 'egress'>>();
  const selectionsOf = (pod: Pod): Pick<PodFacts, 'ingress' | 'egress'> => {
    const key = selectionKeyOf?.(pod);
    let found = key === undefined ? undefined : selections.get(key);
    if (found === undefined) {
      const candidates = byNamespace.get(pod.namespace) ?? [];
      found = {
        ingress: select(candidates, pod, 'ingress'),
        egress: select(candidates, pod, 'egress'),
      };
      if (key !== undefined) {
        selections.set(key, found);
      }
    }
    return found;
  };
  return (pod) => {
    let found = facts.get(pod);
    if (found === undefined) {
      const { ingress, egress } = selectionsOf(pod);
      found = {
        ingress,
        egress,
        namespaceLabels: namespaceLabels(world, pod.namespace),
        addresses: pod.ips.flatMap((ip) => parseAddress(ip) ?? []),
      };
      facts.set(pod, found);
    }
    return found;
  };
}

// A pod is isolated in a direction when a policy of its namespace selects it with that
// direction in its effective policyTypes.
function select(candidates: readonly NetworkPolicy[], pod: Pod, direction: Direction): Selection {
  const policies = candidates.filter(
    (policy) => isolates(policy, direction) && selectsPod(policy, pod),
  );
  return { policies, refs: policies.map((policy) => policy.ref) };
}
