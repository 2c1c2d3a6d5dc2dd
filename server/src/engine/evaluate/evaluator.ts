import type { Address } from '../model/ip-block';
import { parseAddress } from '../model/ip-block';
import type { NetworkPolicy } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import { evaluateDirection } from './evaluate-direction';
import type { DirectionContext } from './evaluate-direction';
import { createClassifier } from './pod-classes';
import { createFactsLookup } from './pod-facts';
import type { Dataplane, Flow, Verdict } from './verdict';

export interface EvaluateOptions {
  readonly dataplane: Dataplane;
}

/**
 * Prepares the evaluation of many flows against one set of policies and one world: policies
 * are indexed by namespace, and the policies selecting each pod are found once and kept.
 */
export function createEvaluator(
  policies: readonly NetworkPolicy[],
  world: World,
  options: EvaluateOptions,
): (flow: Flow) => Verdict {
  const classifier = createClassifier(policies);
  const context = createContext(policies, world, options.dataplane, classifier.selectionKeyOf);
  const decide = (flow: Flow): Verdict => {
    const egress = evaluateDirection(context, 'egress', flow);
    const ingress = evaluateDirection(context, 'ingress', flow);
    // A connection needs both the source's egress and the destination's ingress.
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  };
  // Verdicts hold no pod: flows between endpoints of the same classes share one verdict.
  const verdicts: (Map<number, Map<number, Verdict>> | undefined)[] = [];
  return (flow) => {
    const portKey = portKeyOf(flow);
    if (portKey === undefined) {
      return decide(flow);
    }
    const source = classifier.keyOf(flow.source);
    const destination = classifier.keyOf(flow.destination);
    let byDestination = verdicts[source];
    if (byDestination === undefined) {
      byDestination = new Map();
      verdicts[source] = byDestination;
    }
    let byPort = byDestination.get(destination);
    if (byPort === undefined) {
      byPort = new Map();
      byDestination.set(destination, byPort);
    }
    let verdict = byPort.get(portKey);
    if (verdict === undefined) {
      verdict = decide(flow);
      byPort.set(portKey, verdict);
    }
    return verdict;
  };
}

const PROTOCOL_INDEX: ReadonlyMap<string, number> = new Map([
  ['TCP', 0],
  ['UDP', 1],
  ['SCTP', 2],
]);

/** One small integer per (port, protocol); undefined for a flow the cache should not key. */
function portKeyOf(flow: Flow): number | undefined {
  const protocol = PROTOCOL_INDEX.get(flow.protocol);
  if (
    protocol === undefined ||
    !Number.isInteger(flow.port) ||
    flow.port < 0 ||
    flow.port > 65535
  ) {
    return undefined;
  }
  return flow.port * 4 + protocol;
}

function createContext(
  policies: readonly NetworkPolicy[],
  world: World,
  dataplane: Dataplane,
  selectionKeyOf: (pod: Pod) => number,
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
  const factsOf = createFactsLookup(policies, world, selectionKeyOf);
  return {
    dataplane,
    factsOf,
    parse,
    namespaceLabels: (name) => namespaceLabels(world, name),
    podAddresses: (pod) => factsOf(pod).addresses,
  };
}
