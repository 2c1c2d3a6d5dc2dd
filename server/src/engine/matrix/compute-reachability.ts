import { createEvaluator } from '../evaluate/evaluator';
import { createClassifier } from '../evaluate/pod-classes';
import type { Classifier } from '../evaluate/pod-classes';
import { createFactsLookup } from '../evaluate/pod-facts';
import type { Selection } from '../evaluate/pod-facts';
import type { Dataplane, Flow, Verdict } from '../evaluate/verdict';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import type { World } from '../world/types';
import { countBits } from './bitset';
import { groupClasses } from './group-classes';
import type { EgressGroups, EgressRule } from './network-policy-cells';
import { egressOf, egressRulesByDestination, groupEgress, ingressOf } from './network-policy-cells';
import { networkPolicyPortTest } from './port-test';
import { createRulePeers } from './rule-peers';
import type { RulePeers } from './rule-peers';
import { createTierCells } from './tier-cells';
import type { TierCells } from './tier-cells';
import type { PodClass, Reachability, ReachabilityColumn } from './types';

export type { PodClass, Reachability, ReachabilityColumn } from './types';

export interface ReachabilityOptions {
  readonly dataplane: Dataplane;
  /** The tiered cluster policies; none when absent. */
  readonly clusterPolicies?: readonly ClusterPolicy[];
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
  const selectionOf = createSelectionLookup(policies, world, classes, classifier, options);
  const inputs = columnInputs(policies, world, options, classes, classifier, selectionOf);
  const columns = columnsOf(classes);
  const words = Math.ceil(classes.length / 32);
  const { cells, allowed } = decideCells(inputs, columns, words);
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

/** The policies that isolate a class's pods in one direction; undefined when none do. */
type SelectionOf = (index: number, direction: 'ingress' | 'egress') => Selection | undefined;

function createSelectionLookup(
  policies: readonly NetworkPolicy[],
  world: World,
  classes: readonly PodClass[],
  classifier: Classifier,
  options: ReachabilityOptions,
): SelectionOf {
  const factsOf = createFactsLookup(policies, world, classifier.selectionKeyOf);
  return (index, direction) => {
    const pod = classes[index]!.pods[0]!;
    // gke-dataplane-v2 does not isolate host-network pods at all.
    if (pod.hostNetwork && options.dataplane === 'gke-dataplane-v2') {
      return undefined;
    }
    const selection = factsOf(pod)[direction];
    return selection.policies.length === 0 ? undefined : selection;
  };
}

/** What deciding a column reads, built once per matrix. */
interface ColumnInputs {
  readonly classes: readonly PodClass[];
  readonly selectionOf: SelectionOf;
  readonly rulePeers: RulePeers;
  readonly groups: EgressGroups;
  readonly egressRules: readonly (readonly EgressRule[])[];
  /** Undefined without tiered policies: then nothing of the tiers is built or consulted. */
  readonly tiers: TierCells | undefined;
}

function columnInputs(
  policies: readonly NetworkPolicy[],
  world: World,
  options: ReachabilityOptions,
  classes: readonly PodClass[],
  classifier: Classifier,
  selectionOf: SelectionOf,
): ColumnInputs {
  const clusterPolicies = options.clusterPolicies ?? [];
  const rulePeers = createRulePeers(classes, world, options.dataplane);
  const groups = groupEgress(policies, classes.length, (index) => selectionOf(index, 'egress'));
  return {
    classes,
    selectionOf,
    rulePeers,
    groups,
    egressRules: egressRulesByDestination(groups, classes.length, rulePeers),
    tiers:
      clusterPolicies.length === 0
        ? undefined
        : createTierCells(
            classes,
            world,
            options.dataplane,
            clusterPolicies,
            classifier.selectionKeyOf,
          ),
  };
}

// Every column's cell is the classes of sources allowed to it, one bit each, `words` per column.
function decideCells(
  inputs: ColumnInputs,
  columns: readonly ReachabilityColumn[],
  words: number,
): { readonly cells: Uint32Array; readonly allowed: number } {
  const cells = new Uint32Array(columns.length * words);
  let allowed = 0;
  columns.forEach((column, columnIndex) => {
    const cell = cells.subarray(columnIndex * words, (columnIndex + 1) * words);
    decideColumn(inputs, column, cell);
    allowed += countBits(cell);
  });
  return { cells, allowed };
}

function decideColumn(inputs: ColumnInputs, column: ReachabilityColumn, cell: Uint32Array): void {
  const { classes, tiers, groups } = inputs;
  const admitsPort = networkPolicyPortTest(classes[column.destination]!, column.portIndex);
  let ingress = ingressOf(
    inputs.selectionOf(column.destination, 'ingress'),
    classes.length,
    admitsPort,
    inputs.rulePeers,
  );
  let egress = egressOf(groups, inputs.egressRules[column.destination]!, admitsPort);
  if (tiers !== undefined) {
    const clusterPortTest = tiers.portTest(classes[column.destination]!, column.portIndex);
    ingress = tiers.ingress(column.destination, clusterPortTest, ingress);
    egress = tiers.egress(column.destination, clusterPortTest, egress, groups.open);
  }
  for (let word = 0; word < cell.length; word++) {
    cell[word] = (ingress === undefined ? ~0 : ingress[word]!) & egress[word]!;
  }
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
