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

/** The policies selecting the pods of one selection key, and one such pod. */
export interface KeyedSelection {
  readonly pod: Pod;
  readonly ingress: Selection;
  readonly egress: Selection;
}

/** Selections by the classifier's selection key, filled as pods are looked up. */
export type Selections = Map<number, KeyedSelection>;

/**
 * A lookup of pod facts, filled on first use; policies are indexed by namespace up front. Pods
 * of one selection key (same namespace and labels) share their selections, kept in
 * `selections`: a map given here may hold some already, found for the same policies.
 */
export function createFactsLookup(
  policies: readonly NetworkPolicy[],
  world: World,
  selectionKeyOf?: (pod: Pod) => number,
  selections: Selections = new Map(),
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
  const selectionsOf = (pod: Pod): Pick<PodFacts, 'ingress' | 'egress'> => {
    const key = selectionKeyOf?.(pod);
    let found = key === undefined ? undefined : selections.get(key);
    if (found === undefined) {
      const candidates = byNamespace.get(pod.namespace) ?? [];
      found = {
        pod,
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

/**
 * The selections that still hold once `changed` policies were added or removed (the others kept
 * their order, and the selection keys are the same): those of the keys no changed policy selects.
 */
export function keptSelections(
  selections: Selections,
  changed: readonly NetworkPolicy[],
): Selections {
  const kept: Selections = new Map();
  for (const [key, selection] of selections) {
    if (!changed.some((policy) => selectsPod(policy, selection.pod))) {
      kept.set(key, selection);
    }
  }
  return kept;
}

// A pod is isolated in a direction when a policy of its namespace selects it with that
// direction in its effective policyTypes.
function select(candidates: readonly NetworkPolicy[], pod: Pod, direction: Direction): Selection {
  const policies = candidates.filter(
    (policy) => isolates(policy, direction) && selectsPod(policy, pod),
  );
  return { policies, refs: policies.map((policy) => policy.ref) };
}
