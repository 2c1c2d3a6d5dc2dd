import { failsClosed } from '../evaluate/match-cluster-rule';
import type { TieredPod, TierPolicies } from '../evaluate/tier-selection';
import { createTierLookup } from '../evaluate/tier-selection';
import type { Dataplane, Direction } from '../evaluate/verdict';
import type { ClusterAction, ClusterPolicy, ClusterRule } from '../model/cluster-policy';
import { rulesOf } from '../model/cluster-policy';
import type { Pod, World } from '../world/types';
import type { Bitset } from './bitset';
import { add, createBitset, fullBitset, has } from './bitset';
import type { PortTest } from './port-test';
import { clusterPortTest } from './port-test';
import { createClusterRulePeers } from './cluster-rule-peers';
import type { PodClass } from './types';

/**
 * The tiers of cluster policies over a matrix's columns, as the evaluator walks them per flow:
 * ingress as bitsets of source classes, rule by rule; egress per group of sources that the same
 * cluster policies select, since a rule then acts alike for all of them.
 */
export interface TierCells {
  readonly portTest: (destination: PodClass, portIndex: number) => PortTest<ClusterRule>;
  /** The sources the destination's ingress admits, given what NetworkPolicy would decide. */
  readonly ingress: (
    destination: number,
    portTest: PortTest<ClusterRule>,
    networkPolicy: Bitset | undefined,
  ) => Bitset | undefined;
  /** The sources whose egress admits the column, given NetworkPolicy's and who it isolates. */
  readonly egress: (
    destination: number,
    portTest: PortTest<ClusterRule>,
    networkPolicy: Bitset,
    open: Bitset,
  ) => Bitset;
}

/** A rule as a column meets it: the classes its peers hold, and whether it fails closed. */
interface CompiledRule {
  readonly rule: ClusterRule;
  readonly action: ClusterAction;
  readonly peers: Bitset;
  readonly failsClosed: boolean;
}

interface EgressGroup {
  readonly admin: readonly CompiledRule[];
  readonly baseline: readonly CompiledRule[];
  readonly members: Bitset;
}

interface IngressRules {
  readonly admin: readonly CompiledRule[];
  readonly baseline: readonly CompiledRule[];
}

/** The bitsets one column's ingress is worked out in. */
interface Scratch {
  readonly every: Bitset;
  readonly undecided: Bitset;
  readonly accepted: Bitset;
  readonly passed: Bitset;
  readonly answer: Bitset;
}

type TierLookup = (pod: Pod) => TieredPod;

export function createTierCells(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
  clusterPolicies: readonly ClusterPolicy[],
  selectionKeyOf: (pod: Pod) => number,
): TierCells {
  const tiersOf = createTierLookup(clusterPolicies, world, selectionKeyOf);
  const compile = createRuleCompiler(createClusterRulePeers(classes, world, dataplane));
  const groups = egressGroups(classes, tiersOf, clusterPolicies, compile);
  const ingressRulesOf = createIngressRules(classes, tiersOf, compile);
  const scratch = createScratch(classes.length);
  return {
    portTest: clusterPortTest,
    ingress: (destination, portTest, networkPolicy) =>
      decideIngress(scratch, ingressRulesOf(destination), portTest, networkPolicy),
    egress: (destination, portTest, networkPolicy, open) =>
      decideEgress(groups, destination, portTest, networkPolicy, open),
  };
}

type CompileTier = (policies: readonly ClusterPolicy[], direction: Direction) => CompiledRule[];

// A rule is compiled once however many tiers list its policy.
function createRuleCompiler(peersOf: (rule: ClusterRule) => Bitset): CompileTier {
  const compiled = new Map<ClusterRule, CompiledRule>();
  return (policies, direction) =>
    policies.flatMap((policy) =>
      rulesOf(policy, direction).map((rule) => {
        let found = compiled.get(rule);
        if (found === undefined) {
          const closed = failsClosed(rule);
          found = {
            rule,
            action: rule.action ?? 'Deny',
            peers: peersOf(rule),
            failsClosed: closed,
          };
          compiled.set(rule, found);
        }
        return found;
      }),
    );
}

function egressGroups(
  classes: readonly PodClass[],
  tiersOf: TierLookup,
  clusterPolicies: readonly ClusterPolicy[],
  compile: CompileTier,
): EgressGroup[] {
  return groupByTiers(classes, (pod) => tiersOf(pod).egress, clusterPolicies).map((group) => ({
    admin: compile(group.tiers.admin, 'egress'),
    baseline: compile(group.tiers.baseline, 'egress'),
    members: group.members,
  }));
}

// Destinations that the same cluster policies select share their compiled ingress rules.
function createIngressRules(
  classes: readonly PodClass[],
  tiersOf: TierLookup,
  compile: CompileTier,
): (destination: number) => IngressRules {
  const ingressRules = new Map<TierPolicies, IngressRules>();
  return (destination) => {
    const tiers = tiersOf(classes[destination]!.pods[0]!).ingress;
    let rules = ingressRules.get(tiers);
    if (rules === undefined) {
      rules = {
        admin: compile(tiers.admin, 'ingress'),
        baseline: compile(tiers.baseline, 'ingress'),
      };
      ingressRules.set(tiers, rules);
    }
    return rules;
  };
}

// Scratch sets reused column after column: the caller reads a column's answer before the next.
function createScratch(size: number): Scratch {
  return {
    every: fullBitset(size),
    undecided: createBitset(size),
    accepted: createBitset(size),
    passed: createBitset(size),
    answer: createBitset(size),
  };
}

function decideIngress(
  scratch: Scratch,
  rules: IngressRules,
  portTest: PortTest<ClusterRule>,
  networkPolicy: Bitset | undefined,
): Bitset | undefined {
  if (rules.admin.length === 0 && rules.baseline.length === 0) {
    return networkPolicy;
  }
  const { undecided, accepted, passed, answer } = scratch;
  undecided.set(scratch.every);
  accepted.fill(0);
  passed.fill(0);
  walkIngress(scratch, rules.admin, portTest);
  // Passed and undecided sources go on to NetworkPolicy, which decides alone if it isolates.
  for (let word = 0; word < undecided.length; word++) {
    undecided[word]! |= passed[word]!;
  }
  if (networkPolicy !== undefined) {
    for (let word = 0; word < answer.length; word++) {
      answer[word] = accepted[word]! | (undecided[word]! & networkPolicy[word]!);
    }
    return answer;
  }
  passed.fill(0);
  walkIngress(scratch, rules.baseline, portTest);
  // What Baseline passes or leaves undecided is allowed by default.
  for (let word = 0; word < answer.length; word++) {
    answer[word] = accepted[word]! | passed[word]! | undecided[word]!;
  }
  return answer;
}

// Walks a tier rule by rule: each source goes with the first rule whose peers hold it.
function walkIngress(
  scratch: Scratch,
  rules: readonly CompiledRule[],
  portTest: PortTest<ClusterRule>,
): void {
  const { undecided, accepted, passed } = scratch;
  for (const entry of rules) {
    if (!applies(entry, portTest)) {
      continue;
    }
    const peers = entry.peers;
    for (let word = 0; word < peers.length; word++) {
      const hit = undecided[word]! & peers[word]!;
      if (entry.action === 'Accept') {
        accepted[word]! |= hit;
      } else if (entry.action === 'Pass') {
        passed[word]! |= hit;
      }
      undecided[word]! &= ~peers[word]!;
    }
  }
}

function decideEgress(
  groups: readonly EgressGroup[],
  destination: number,
  portTest: PortTest<ClusterRule>,
  networkPolicy: Bitset,
  open: Bitset,
): Bitset {
  const admitted = networkPolicy;
  for (const group of groups) {
    const admin = firstAction(group.admin, destination, portTest);
    if (admin === 'Accept' || admin === 'Deny') {
      setMembers(admitted, group.members, admin === 'Accept');
      continue;
    }
    // NetworkPolicy decides its isolated members; Baseline the others.
    if (firstAction(group.baseline, destination, portTest) === 'Deny') {
      for (let word = 0; word < admitted.length; word++) {
        admitted[word]! &= ~(group.members[word]! & open[word]!);
      }
    }
  }
  return admitted;
}

function firstAction(
  rules: readonly CompiledRule[],
  destination: number,
  portTest: PortTest<ClusterRule>,
): ClusterAction | undefined {
  for (const entry of rules) {
    if (has(entry.peers, destination) && applies(entry, portTest)) {
      return entry.action;
    }
  }
  return undefined;
}

// A fail-closed Accept matches nothing; a fail-closed Deny or Pass every connection.
function applies(entry: CompiledRule, portTest: PortTest<ClusterRule>): boolean {
  return entry.failsClosed ? entry.action !== 'Accept' : portTest(entry.rule);
}

function setMembers(target: Bitset, members: Bitset, value: boolean): void {
  for (let word = 0; word < target.length; word++) {
    target[word] = value ? target[word]! | members[word]! : target[word]! & ~members[word]!;
  }
}

/** Sources grouped by the cluster policies that select them for egress, when any does. */
function groupByTiers(
  classes: readonly PodClass[],
  tiersOf: (pod: Pod) => TierPolicies,
  clusterPolicies: readonly ClusterPolicy[],
): { readonly tiers: TierPolicies; readonly members: Bitset }[] {
  const indexOf = new Map(clusterPolicies.map((policy, index) => [policy, index]));
  const keyOf = (tiers: TierPolicies): string =>
    `${tiers.admin.map((policy) => indexOf.get(policy)).join(',')}/${tiers.baseline.map((policy) => indexOf.get(policy)).join(',')}`;
  const byLists = new Map<string, { readonly tiers: TierPolicies; readonly members: Bitset }>();
  classes.forEach((podClass, index) => {
    const tiers = tiersOf(podClass.pods[0]!);
    if (tiers.admin.length === 0 && tiers.baseline.length === 0) {
      return;
    }
    const key = keyOf(tiers);
    let group = byLists.get(key);
    if (group === undefined) {
      group = { tiers, members: createBitset(classes.length) };
      byLists.set(key, group);
    }
    add(group.members, index);
  });
  return [...byLists.values()];
}
