import type { Selection } from '../evaluate/pod-facts';
import type { NetworkPolicy, Rule } from '../model/types';
import type { Bitset } from './bitset';
import { add, createBitset, has, unionInto } from './bitset';
import type { RulePeers } from './rule-peers';

/** The sources whose egress no policy restricts, and the others grouped by their policies. */
export interface EgressGroups {
  readonly open: Bitset;
  readonly isolated: readonly {
    readonly policies: readonly NetworkPolicy[];
    readonly members: Bitset;
  }[];
}

/** The source classes the destination's ingress admits; undefined when it is not isolated. */
export function ingressOf(
  selection: Selection | undefined,
  size: number,
  admitsPort: (rule: Rule) => boolean,
  rulePeers: RulePeers,
): Bitset | undefined {
  if (selection === undefined) {
    return undefined;
  }
  const admitted = createBitset(size);
  for (const policy of selection.policies) {
    for (const rule of policy.ingress) {
      if (rule.valid && admitsPort(rule)) {
        unionInto(admitted, rulePeers(rule, policy.namespace));
      }
    }
  }
  return admitted;
}

/** The source classes whose egress admits the destination class on this port. */
export function egressOf(
  groups: EgressGroups,
  rules: readonly EgressRule[],
  admitsPort: (rule: Rule) => boolean,
): Bitset {
  const admitted = groups.open.slice();
  const done = new Set<number>();
  for (const { rule, groups: owners } of rules) {
    if (!admitsPort(rule)) {
      continue;
    }
    for (const group of owners) {
      if (!done.has(group)) {
        done.add(group);
        unionInto(admitted, groups.isolated[group]!.members);
      }
    }
  }
  return admitted;
}

/** A valid egress rule and the groups whose selection holds its policy. */
export interface EgressRule {
  readonly rule: Rule;
  readonly groups: readonly number[];
}

// For each destination class, the egress rules whose peers admit it: a column then only looks
// at those and at their ports.
export function egressRulesByDestination(
  groups: EgressGroups,
  size: number,
  rulePeers: RulePeers,
): EgressRule[][] {
  const owners = new Map<NetworkPolicy, number[]>();
  groups.isolated.forEach((group, index) => {
    for (const policy of group.policies) {
      const list = owners.get(policy);
      if (list === undefined) {
        owners.set(policy, [index]);
      } else {
        list.push(index);
      }
    }
  });
  const byDestination: EgressRule[][] = Array.from({ length: size }, () => []);
  for (const [policy, groupsOfPolicy] of owners) {
    for (const rule of policy.egress) {
      if (!rule.valid) {
        continue;
      }
      const peers = rulePeers(rule, policy.namespace);
      const entry = { rule, groups: groupsOfPolicy };
      for (let destination = 0; destination < size; destination++) {
        if (has(peers, destination)) {
          byDestination[destination]!.push(entry);
        }
      }
    }
  }
  return byDestination;
}

// Sources selected by the same policies have the same egress: each group is decided once.
export function groupEgress(
  policies: readonly NetworkPolicy[],
  size: number,
  selectionOf: (index: number) => Selection | undefined,
): EgressGroups {
  const policyIndex = new Map(policies.map((policy, index) => [policy, index]));
  const open = createBitset(size);
  const isolated = new Map<string, { policies: readonly NetworkPolicy[]; members: Bitset }>();
  for (let index = 0; index < size; index++) {
    const selection = selectionOf(index);
    if (selection === undefined) {
      add(open, index);
      continue;
    }
    const key = selection.policies.map((policy) => policyIndex.get(policy)).join(',');
    let group = isolated.get(key);
    if (group === undefined) {
      group = { policies: selection.policies, members: createBitset(size) };
      isolated.set(key, group);
    }
    add(group.members, index);
  }
  return { open, isolated: [...isolated.values()] };
}
