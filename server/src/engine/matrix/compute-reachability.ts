import { createEvaluator } from '../evaluate/evaluator';
import { matchPort } from '../evaluate/match-port';
import { createClassifier } from '../evaluate/pod-classes';
import { createFactsLookup } from '../evaluate/pod-facts';
import type { Selection } from '../evaluate/pod-facts';
import type { Dataplane, Flow, Verdict } from '../evaluate/verdict';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy, Rule } from '../model/types';
import type { World } from '../world/types';
import type { Bitset } from './bitset';
import { add, countBits, createBitset, has, unionInto } from './bitset';
import { groupClasses } from './group-classes';
import { createRulePeers } from './rule-peers';
import { createTierCells } from './tier-cells';
import type { RulePeers } from './rule-peers';
import type { PodClass, Reachability, ReachabilityColumn } from './types';

export type { PodClass, Reachability, ReachabilityColumn } from './types';

export interface ReachabilityOptions {
  readonly dataplane: Dataplane;
  /** The tiered cluster policies; none when absent. */
  readonly clusterPolicies?: readonly ClusterPolicy[];
}

/** The sources whose egress no policy restricts, and the others grouped by their policies. */
interface EgressGroups {
  readonly open: Bitset;
  readonly isolated: readonly {
    readonly policies: readonly NetworkPolicy[];
    readonly members: Bitset;
  }[];
}

/**
 * Decides every pod to every pod on each port the destination exposes, once per pair of pod
 * classes: a column (destination class, port) is the classes its ingress admits, intersected
 * with the classes whose egress admits it. With tiered cluster policies, a cell is the verdict
 * between two different pods (a pod reaching its own address escapes them), and the pod-pair
 * counts weigh every pair of a cell alike.
 */
export function computeReachability(
  policies: readonly NetworkPolicy[],
  world: World,
  options: ReachabilityOptions,
): Reachability {
  // Under gke-dataplane-v2 no ipBlock admits a pod, so addresses cannot split a class.
  const clusterPolicies = options.clusterPolicies ?? [];
  const classifier = createClassifier(
    policies,
    { podAddresses: options.dataplane !== 'gke-dataplane-v2' },
    clusterPolicies,
  );
  const { classes, indexByKey } = groupClasses(world, classifier);
  const factsOf = createFactsLookup(policies, world, classifier.selectionKeyOf);
  const selectionOf = (index: number, direction: 'ingress' | 'egress'): Selection | undefined => {
    const pod = classes[index]!.pods[0]!;
    // gke-dataplane-v2 does not isolate host-network pods at all.
    if (pod.hostNetwork && options.dataplane === 'gke-dataplane-v2') {
      return undefined;
    }
    const selection = factsOf(pod)[direction];
    return selection.policies.length === 0 ? undefined : selection;
  };
  const rulePeers = createRulePeers(classes, world, options.dataplane);
  const groups = groupEgress(policies, classes.length, (index) => selectionOf(index, 'egress'));
  const egressRules = egressRulesByDestination(groups, classes.length, rulePeers);
  const columns = columnsOf(classes);
  // Without tiered policies nothing of the tiers is built or consulted.
  const tiers =
    clusterPolicies.length === 0
      ? undefined
      : createTierCells(
          classes,
          world,
          options.dataplane,
          clusterPolicies,
          classifier.selectionKeyOf,
        );
  const words = Math.ceil(classes.length / 32);
  const cells = new Uint32Array(columns.length * words);
  let allowed = 0;
  columns.forEach((column, columnIndex) => {
    const admitsPort = portTest(classes[column.destination]!, column.portIndex);
    let ingress = ingressOf(
      selectionOf(column.destination, 'ingress'),
      classes.length,
      admitsPort,
      rulePeers,
    );
    let egress = egressOf(groups, egressRules[column.destination]!, admitsPort);
    if (tiers !== undefined) {
      const portTest = tiers.portTest(classes[column.destination]!, column.portIndex);
      ingress = tiers.ingress(column.destination, portTest, ingress);
      egress = tiers.egress(column.destination, portTest, egress, groups.open);
    }
    const cell = cells.subarray(columnIndex * words, (columnIndex + 1) * words);
    for (let word = 0; word < words; word++) {
      cell[word] = (ingress === undefined ? ~0 : ingress[word]!) & egress[word]!;
    }
    allowed += countBits(cell);
  });
  const podPairs = countPodPairs(classes, columns, cells, words);
  const firstColumn = firstColumns(classes);
  let evaluate: ((flow: Flow) => Verdict) | undefined;
  return {
    classes,
    columns,
    allowed,
    denied: columns.length * classes.length - allowed,
    allowedPodPairs: podPairs.allowed,
    deniedPodPairs: podPairs.total - podPairs.allowed,
    classOf: (pod) => indexByKey.get(classifier.keyOfPod(pod)) ?? -1,
    isolated: (index, direction) => selectionOf(index, direction) !== undefined,
    isAllowed: (source, destination, portIndex) => {
      const column = firstColumn[destination]! + portIndex;
      return (cells[column * words + (source >>> 5)]! & (1 << (source & 31))) !== 0;
    },
    verdict: (source, destination, port) => {
      evaluate ??= createEvaluator(policies, world, options);
      return evaluate({
        source: { kind: 'pod', pod: source },
        destination: { kind: 'pod', pod: destination },
        port: port.containerPort,
        protocol: port.protocol,
      });
    },
  };
}

function columnsOf(classes: readonly PodClass[]): ReachabilityColumn[] {
  return classes.flatMap((podClass, destination) =>
    podClass.ports.map((_, portIndex) => ({ destination, portIndex })),
  );
}

function firstColumns(classes: readonly PodClass[]): number[] {
  let next = 0;
  return classes.map((podClass) => {
    const first = next;
    next += podClass.ports.length;
    return first;
  });
}

// Named ports resolve on the destination, so the representative pod answers for its class.
function portTest(destination: PodClass, portIndex: number): (rule: Rule) => boolean {
  const pod = destination.pods[0]!;
  const port = destination.ports[portIndex]!;
  const flow: Flow = {
    source: { kind: 'pod', pod },
    destination: { kind: 'pod', pod },
    port: port.containerPort,
    protocol: port.protocol,
  };
  const answers = new Map<Rule, boolean>();
  return (rule) => {
    if (rule.ports.length === 0) {
      return true;
    }
    let answer = answers.get(rule);
    if (answer === undefined) {
      answer = rule.ports.some((item) => matchPort(item, flow));
      answers.set(rule, answer);
    }
    return answer;
  };
}

/** The source classes the destination's ingress admits; undefined when it is not isolated. */
function ingressOf(
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
function egressOf(
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
interface EgressRule {
  readonly rule: Rule;
  readonly groups: readonly number[];
}

// For each destination class, the egress rules whose peers admit it: a column then only looks
// at those and at their ports.
function egressRulesByDestination(
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
function groupEgress(
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

function countPodPairs(
  classes: readonly PodClass[],
  columns: readonly ReachabilityColumn[],
  cells: Uint32Array,
  words: number,
): { readonly allowed: number; readonly total: number } {
  const pods = classes.reduce((sum, podClass) => sum + podClass.pods.length, 0);
  let allowed = 0;
  let total = 0;
  columns.forEach((column, columnIndex) => {
    const destinationPods = classes[column.destination]!.pods.length;
    total += pods * destinationPods;
    for (let word = 0; word < words; word++) {
      let value = cells[columnIndex * words + word]!;
      while (value !== 0) {
        const bit = 31 - Math.clz32(value & -value);
        allowed += classes[word * 32 + bit]!.pods.length * destinationPods;
        value &= value - 1;
      }
    }
  });
  return { allowed, total };
}
