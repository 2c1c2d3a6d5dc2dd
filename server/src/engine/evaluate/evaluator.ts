import type { Address } from '../model/ip-block';
import { parseAddress } from '../model/ip-block';
import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import { evaluateDirection } from './evaluate-direction';
import type { DirectionContext } from './evaluate-direction';
import { evaluateTieredDirection } from './evaluate-tiers';
import { createClassifier } from './pod-classes';
import type { Classifier } from './pod-classes';
import { createFactsLookup } from './pod-facts';
import type { PodFacts, Selections } from './pod-facts';
import { createTierLookup } from './tier-selection';
import type { Dataplane, Flow, Verdict } from './verdict';

export interface EvaluateOptions {
  readonly dataplane: Dataplane;
  /** The tiered cluster policies (ClusterNetworkPolicy, AdminNetworkPolicy...); none when absent. */
  readonly clusterPolicies?: readonly ClusterPolicy[];
}

/**
 * Prepares the evaluation of many flows against one set of policies and one world: policies
 * are indexed by namespace, and the policies selecting each pod are found once and kept. A
 * classifier made for the same world and the same distinct ipBlocks may be passed in, and with
 * it the selections by its selection keys that hold for these policies (see `createFactsLookup`).
 */
export function createEvaluator(
  policies: readonly NetworkPolicy[],
  world: World,
  options: EvaluateOptions,
  classifier: Classifier = createClassifier(policies, {}, options.clusterPolicies),
  selections?: Selections,
): (flow: Flow) => Verdict {
  const factsOf = createFactsLookup(policies, world, classifier.selectionKeyOf, selections);
  const context = createContext(world, options.dataplane, factsOf);
  const clusterPolicies = options.clusterPolicies ?? [];
  // Without tiered policies, NetworkPolicy decides alone and nothing of the tiers is looked up.
  const tiered =
    clusterPolicies.length === 0
      ? undefined
      : {
          ...context,
          tiersOf: createTierLookup(clusterPolicies, world, classifier.selectionKeyOf),
        };
  const decide = (flow: Flow): Verdict => {
    const egress =
      tiered === undefined
        ? evaluateDirection(context, 'egress', flow)
        : evaluateTieredDirection(tiered, 'egress', flow);
    const ingress =
      tiered === undefined
        ? evaluateDirection(context, 'ingress', flow)
        : evaluateTieredDirection(tiered, 'ingress', flow);
    // A connection needs both the source's egress and the destination's ingress.
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  };
  // Verdicts hold no pod: flows between endpoints of the same classes share one verdict. They
  // are kept by source class, then by destination class and port in one number, a small integer
  // (a hash of no object) while destination classes stay below 2^13.
  const bySource: (Map<number, Verdict> | undefined)[] = [];
  return (flow) => {
    const portKey = portKeyOf(flow);
    // A pod reaching its own address escapes the tiers, unlike another pod of its class.
    if (portKey === -1 || (tiered !== undefined && isOwnAddress(flow))) {
      return decide(flow);
    }
    const source = classifier.keyOf(flow.source);
    while (bySource.length <= source) {
      bySource.push(undefined);
    }
    let verdicts = bySource[source];
    if (verdicts === undefined) {
      verdicts = new Map();
      bySource[source] = verdicts;
    }
    const key = classifier.keyOf(flow.destination) * PORT_KEYS + portKey;
    let verdict = verdicts.get(key);
    if (verdict === undefined) {
      verdict = decide(flow);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
}

function isOwnAddress(flow: Flow): boolean {
  return (
    flow.source.kind === 'pod' &&
    flow.destination.kind === 'pod' &&
    flow.source.pod === flow.destination.pod
  );
}

// Port keys are below 65,536 × 4.
const PORT_KEYS = 1 << 18;

/** One small integer per (port, protocol); -1 for a flow the cache should not key. */
function portKeyOf(flow: Flow): number {
  const port = flow.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return -1;
  }
  switch (flow.protocol) {
    case 'TCP':
      return port * 4;
    case 'UDP':
      return port * 4 + 1;
    case 'SCTP':
      return port * 4 + 2;
    default:
      return -1;
  }
}

function createContext(
  world: World,
  dataplane: Dataplane,
  factsOf: (pod: Pod) => PodFacts,
): DirectionContext {
  const addresses = new Map<string, Address | undefined>();
  const parse = (ip: string): Address | undefined => {
    let address = addresses.get(ip);
    if (address === undefined && !addresses.has(ip)) {
      address = parseAddress(ip);
      addresses.set(ip, address);
    }
    return address;
  };
  return {
    dataplane,
    factsOf,
    parse,
    namespaceLabels: (name) => namespaceLabels(world, name),
    podAddresses: (pod) => factsOf(pod).addresses,
  };
}
