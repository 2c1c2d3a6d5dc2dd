import { failsClosed, matchClusterPeer, matchClusterPort } from '../evaluate/match-cluster-rule';
import type { PeerContext } from '../evaluate/match-peer';
import type { TierPolicies } from '../evaluate/tier-selection';
import { createTierLookup } from '../evaluate/tier-selection';
import type { Dataplane, Direction, Flow } from '../evaluate/verdict';
import { parseAddress } from '../model/ip-block';
import type {
  ClusterAction,
  ClusterPeer,
  ClusterPolicy,
  ClusterRule,
} from '../model/cluster-policy';
import type { Selector } from '../model/types';
import { rulesOf } from '../model/cluster-policy';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import type { Bitset } from './bitset';
import { add, createBitset, fullBitset, has, unionInto } from './bitset';
import type { PodClass } from './types';

/** Whether a cluster rule's protocols admit one column's port (its class's representative). */
export type ClusterPortTest = (rule: ClusterRule) => boolean;

/**
 * The tiers of cluster policies over a matrix's columns, as the evaluator walks them per flow:
 * ingress as bitsets of source classes, rule by rule; egress per group of sources that the same
 * cluster policies select, since a rule then acts alike for all of them.
 */
export interface TierCells {
  readonly portTest: (destination: PodClass, portIndex: number) => ClusterPortTest;
  /** The sources the destination's ingress admits, given what NetworkPolicy would decide. */
  readonly ingress: (
    destination: number,
    portTest: ClusterPortTest,
    networkPolicy: Bitset | undefined,
  ) => Bitset | undefined;
  /** The sources whose egress admits the column, given NetworkPolicy's and who it isolates. */
  readonly egress: (
    destination: number,
    portTest: ClusterPortTest,
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

export function createTierCells(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
  clusterPolicies: readonly ClusterPolicy[],
  selectionKeyOf: (pod: Pod) => number,
): TierCells {
  const size = classes.length;
  const tiersOf = createTierLookup(clusterPolicies, world, selectionKeyOf);
  const peersOf = createClusterRulePeers(classes, world, dataplane);
  const compiled = new Map<ClusterRule, CompiledRule>();
  const compile = (policies: readonly ClusterPolicy[], direction: Direction): CompiledRule[] =>
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
  const groups: EgressGroup[] = groupByTiers(
    classes,
    (pod) => tiersOf(pod).egress,
    clusterPolicies,
  ).map((group) => ({
    admin: compile(group.tiers.admin, 'egress'),
    baseline: compile(group.tiers.baseline, 'egress'),
    members: group.members,
  }));
  const ingressRules = new Map<TierPolicies, { admin: CompiledRule[]; baseline: CompiledRule[] }>();
  const ingressOf = (destination: number) => {
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
  // A fail-closed Accept matches nothing; a fail-closed Deny or Pass every connection.
  const applies = (entry: CompiledRule, portTest: ClusterPortTest): boolean =>
    entry.failsClosed ? entry.action !== 'Accept' : portTest(entry.rule);
  const every = fullBitset(size);
  // Scratch sets reused column after column: the caller reads a column's answer before the next.
  const undecided = createBitset(size);
  const accepted = createBitset(size);
  const passed = createBitset(size);
  const answer = createBitset(size);
  // Walks a tier rule by rule: each source goes with the first rule whose peers hold it.
  const walkIngress = (rules: readonly CompiledRule[], portTest: ClusterPortTest): void => {
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
  };
  const firstAction = (
    rules: readonly CompiledRule[],
    destination: number,
    portTest: ClusterPortTest,
  ): ClusterAction | undefined => {
    for (const entry of rules) {
      if (has(entry.peers, destination) && applies(entry, portTest)) {
        return entry.action;
      }
    }
    return undefined;
  };
  return {
    portTest: createPortTest,
    ingress: (destination, portTest, networkPolicy) => {
      const rules = ingressOf(destination);
      if (rules.admin.length === 0 && rules.baseline.length === 0) {
        return networkPolicy;
      }
      undecided.set(every);
      accepted.fill(0);
      passed.fill(0);
      walkIngress(rules.admin, portTest);
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
      walkIngress(rules.baseline, portTest);
      // What Baseline passes or leaves undecided is allowed by default.
      for (let word = 0; word < answer.length; word++) {
        answer[word] = accepted[word]! | passed[word]! | undecided[word]!;
      }
      return answer;
    },
    egress: (destination, portTest, networkPolicy, open) => {
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
    },
  };
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

// Named ports resolve on the destination, so the representative pod answers for its class.
function createPortTest(destination: PodClass, portIndex: number): ClusterPortTest {
  const pod = destination.pods[0]!;
  const port = destination.ports[portIndex]!;
  const flow: Flow = {
    source: { kind: 'pod', pod },
    destination: { kind: 'pod', pod },
    port: port.containerPort,
    protocol: port.protocol,
  };
  const answers = new Map<ClusterRule, boolean>();
  return (rule) => {
    if (rule.ports === null) {
      return true;
    }
    let answer = answers.get(rule);
    if (answer === undefined) {
      answer = rule.ports.some((item) => matchClusterPort(item, flow));
      answers.set(rule, answer);
    }
    return answer;
  };
}

/** The classes a cluster rule's peers hold, found once per rule; all when it fails closed. */
function createClusterRulePeers(
  classes: readonly PodClass[],
  world: World,
  dataplane: Dataplane,
): (rule: ClusterRule) => Bitset {
  const context: PeerContext = {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
  };
  const byNamespace = new Map<string, number[]>();
  classes.forEach((podClass, index) => {
    const list = byNamespace.get(podClass.namespace);
    if (list === undefined) {
      byNamespace.set(podClass.namespace, [index]);
    } else {
      list.push(index);
    }
  });
  // The same as matchClusterPeer on each class's representative, with the namespace test done
  // once per namespace rather than once per class.
  const selectorPeer = (peer: ClusterPeer & { kind: 'namespaces' | 'pods' }): Bitset => {
    const bits = createBitset(classes.length);
    const namespaceSelector = peer.kind === 'pods' ? peer.namespaceSelector : peer.namespaces;
    for (const [name, members] of byNamespace) {
      if (!namespaceSelector.matches(namespaceLabels(world, name))) {
        continue;
      }
      for (const index of members) {
        const podClass = classes[index]!;
        if (
          !podClass.hostNetwork &&
          (peer.kind === 'namespaces' || peer.podSelector.matches(podClass.labels))
        ) {
          add(bits, index);
        }
      }
    }
    return bits;
  };
  const otherPeer = (peer: ClusterPeer): Bitset => {
    const bits = createBitset(classes.length);
    classes.forEach((podClass, index) => {
      if (matchClusterPeer(context, peer, { kind: 'pod', pod: podClass.pods[0]! })) {
        add(bits, index);
      }
    });
    return bits;
  };
  const byPeer = new Map<string, Bitset>();
  const peerBits = (peer: ClusterPeer): Bitset => {
    const text = peerText(peer);
    let bits = byPeer.get(text);
    if (bits === undefined) {
      bits =
        peer.kind === 'namespaces' || peer.kind === 'pods' ? selectorPeer(peer) : otherPeer(peer);
      byPeer.set(text, bits);
    }
    return bits;
  };
  const byRule = new Map<ClusterRule, Bitset>();
  return (rule) => {
    let bits = byRule.get(rule);
    if (bits === undefined) {
      if (failsClosed(rule)) {
        bits = fullBitset(classes.length);
      } else {
        bits = createBitset(classes.length);
        for (const peer of rule.peers) {
          unionInto(bits, peerBits(peer));
        }
      }
      byRule.set(rule, bits);
    }
    return bits;
  };
}

// Peers written alike hold the same classes.
function peerText(peer: ClusterPeer): string {
  switch (peer.kind) {
    case 'namespaces':
      return JSON.stringify(['namespaces', selectorText(peer.namespaces)]);
    case 'pods':
      return JSON.stringify([
        'pods',
        selectorText(peer.namespaceSelector),
        selectorText(peer.podSelector),
      ]);
    case 'networks':
      return JSON.stringify(['networks', peer.networks.map((block) => block.key)]);
    default:
      return peer.kind;
  }
}

function selectorText(selector: Selector): unknown {
  return [selector.valid, selector.matchLabels, selector.matchExpressions];
}
