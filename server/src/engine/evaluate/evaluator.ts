import type { Address } from '../model/ip-block';
import { parseAddress } from '../model/ip-block';
import type { NetworkPolicy } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { World } from '../world/types';
import { evaluateDirection } from './evaluate-direction';
import type { DirectionContext } from './evaluate-direction';
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
  const context = createContext(policies, world, options.dataplane);
  return (flow) => {
    const egress = evaluateDirection(context, 'egress', flow);
    const ingress = evaluateDirection(context, 'ingress', flow);
    // A connection needs both the source's egress and the destination's ingress.
    return { allowed: egress.allowed && ingress.allowed, egress, ingress };
  };
}

function createContext(
  policies: readonly NetworkPolicy[],
  world: World,
  dataplane: Dataplane,
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
  const factsOf = createFactsLookup(policies, world);
  return {
    dataplane,
    factsOf,
    parse,
    namespaceLabels: (name) => namespaceLabels(world, name),
    podAddresses: (pod) => factsOf(pod).addresses,
  };
}
