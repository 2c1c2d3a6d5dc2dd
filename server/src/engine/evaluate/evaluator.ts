import { isolates } from '../model/types';
import type { NetworkPolicy } from '../model/types';
import { parseAddress } from '../model/ip-block';
import type { Address } from '../model/ip-block';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';
import { evaluateDirection } from './evaluate-direction';
import type { DirectionContext, Selection } from './evaluate-direction';
import type { Dataplane, Direction, Flow, Verdict } from './verdict';

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
  const byNamespace = new Map<string, NetworkPolicy[]>();
  for (const policy of policies) {
    const list = byNamespace.get(policy.namespace);
    if (list === undefined) {
      byNamespace.set(policy.namespace, [policy]);
    } else {
      list.push(policy);
    }
  }
  const selections = new Map<Pod, { readonly ingress: Selection; readonly egress: Selection }>();
  const selectionOf = (pod: Pod, direction: Direction): Selection => {
    let found = selections.get(pod);
    if (found === undefined) {
      const candidates = byNamespace.get(pod.namespace) ?? [];
      found = {
        ingress: select(candidates, pod, 'ingress'),
        egress: select(candidates, pod, 'egress'),
      };
      selections.set(pod, found);
    }
    return found[direction];
  };
  const addresses = new Map<string, Address | undefined>();
  const parse = (ip: string): Address | undefined => {
    if (!addresses.has(ip)) {
      addresses.set(ip, parseAddress(ip));
    }
    return addresses.get(ip);
  };
  const namespaceLabelsOf = (name: string) => namespaceLabels(world, name);
  return { dataplane, selectionOf, parse, namespaceLabels: namespaceLabelsOf };
}

// A pod is isolated in a direction when a policy of its namespace selects it with that
// direction in its effective policyTypes.
function select(candidates: readonly NetworkPolicy[], pod: Pod, direction: Direction): Selection {
  const policies = candidates.filter(
    (policy) =>
      isolates(policy, direction) &&
      policy.podSelector !== null &&
      policy.podSelector.matches(pod.labels),
  );
  return { policies, refs: policies.map((policy) => policy.ref) };
}
