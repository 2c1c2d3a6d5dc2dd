import type { FileLookup } from '../check/document-analysis';
import { locateOrigin } from '../core/locate-origin';
import type { PlacedProblem } from '../core/source';
import type { Dataplane, Direction } from '../core/vocabulary';
import { isPeerMatch, matchPeer } from '../evaluate/match-peer';
import type { PeerContext } from '../evaluate/match-peer';
import { podsMatchedBy } from '../evaluate/select-pods';
import { describeNamedPorts } from '../flows/resolve-port';
import { parseAddress } from '../model/ip-block';
import type { NetworkPolicy, Peer, PolicyPort, Rule } from '../model/types';
import { namespaceLabels } from '../world/build-world';
import type { Pod, World } from '../world/types';

/**
 * For one world: a warning on each rule port of a policy that names a port which no pod the rule
 * can reach defines for the port's protocol. A named port is looked up on the destination pod
 * (for ingress, the pods the policy selects; for egress, the pods the rule's peers match), so
 * such a port never matches. Rules that reach no pod of the workspace say nothing.
 */
export function createNamedPortCheck(
  world: World,
  dataplane: Dataplane,
  file: FileLookup,
): (policy: NetworkPolicy) => PlacedProblem[] {
  const context = peerContext(world, dataplane);
  return (policy) => {
    const found: PlacedProblem[] = [];
    for (const direction of ['ingress', 'egress'] as const) {
      policy[direction].forEach((rule, ruleIndex) => {
        if (!rule.ports.some(isNamed)) {
          return;
        }
        const reached = reachedPods(world, context, policy, direction, ruleIndex);
        for (const port of rule.ports) {
          const problem = checkPort(port, reached, file);
          if (problem !== undefined) {
            found.push(problem);
          }
        }
      });
    }
    return found;
  };
}

/** Whether the policy has a named port in any rule: only such policies can have this problem. */
export function hasNamedPort(policy: NetworkPolicy): boolean {
  return [...policy.ingress, ...policy.egress].some((rule) => rule.ports.some(isNamed));
}

const isNamed = (port: PolicyPort): boolean => typeof port.port === 'string';

/** `reached`: the pods the rule can admit, in the world's order. */
function checkPort(
  port: PolicyPort,
  reached: readonly Pod[],
  file: FileLookup,
): PlacedProblem | undefined {
  if (!port.valid || typeof port.port !== 'string' || reached.length === 0) {
    return undefined;
  }
  const name = port.port;
  if (reached.some((pod) => definesPort(pod, name, port.protocol))) {
    return undefined;
  }
  // Best, a pod that has the name under another protocol: the message then says so.
  const example =
    reached.find((pod) => pod.ports.some((entry) => entry.name === name)) ?? reached[0]!;
  const span = locateOrigin(file, port.origin, ['port']);
  if (span === undefined) {
    return undefined;
  }
  const message = `No destination pod of this rule has a ${port.protocol} port named "${name}", so it never matches (${example.namespace}/${example.name}: ${describeNamedPorts(example.ports, name, port.protocol)}).`;
  return {
    uri: port.origin.uri,
    problem: { code: 'unmatched-named-port', severity: 'warning', message, span },
  };
}

function definesPort(pod: Pod, name: string, protocol: PolicyPort['protocol']): boolean {
  return pod.ports.some((entry) => entry.name === name && entry.protocol === protocol);
}

/**
 * The pods a rule's named ports are looked up on, found through the world's indexes as the
 * selector hovers find them: the policy's own pods for ingress, the pods of its peers for egress.
 * An ipBlock peer, which may hold pod addresses, is tested against every pod.
 */
function reachedPods(
  world: World,
  context: PeerContext,
  policy: NetworkPolicy,
  direction: Direction,
  ruleIndex: number,
): readonly Pod[] {
  if (direction === 'ingress') {
    return podsMatchedBy(world, { policy }, context.dataplane) ?? [];
  }
  const peers = policy.egress[ruleIndex]?.peers;
  if (peers === null || peers === undefined) {
    return world.pods;
  }
  const reached = new Set<Pod>();
  peers.forEach((peer, peerIndex) => {
    const place = { direction, ruleIndex, peerIndex };
    const pods =
      podsMatchedBy(world, { policy, peer: place }, context.dataplane) ??
      world.pods.filter(peerReaches(context, policy, peer));
    pods.forEach((pod) => reached.add(pod));
  });
  return [...reached].sort((a, b) => a.index - b.index);
}

/**
 * Whether replacing `pods` (old and new versions of the same pods, in unchanged namespaces) can
 * change the policy's named-port problems: a rule with a named port reaches one of them.
 */
export function namedPortsTouch(
  policy: NetworkPolicy,
  pods: ReadonlySet<Pod>,
  world: World,
  dataplane: Dataplane,
): boolean {
  if (pods.size === 0 || !hasNamedPort(policy)) {
    return false;
  }
  const context = peerContext(world, dataplane);
  return (['ingress', 'egress'] as const).some((direction) =>
    policy[direction].some((rule) => {
      if (!rule.ports.some(isNamed)) {
        return false;
      }
      const reaches = reachOf(policy, rule, direction, context);
      return [...pods].some(reaches);
    }),
  );
}

/** Which pods a rule's named ports are looked up on: the destinations it can admit. */
function reachOf(
  policy: NetworkPolicy,
  rule: Rule,
  direction: Direction,
  context: PeerContext,
): (pod: Pod) => boolean {
  if (direction === 'ingress') {
    const selector = policy.podSelector;
    return (pod) =>
      selector !== null && pod.namespace === policy.namespace && selector.matches(pod.labels);
  }
  const peers = rule.peers;
  if (peers === null) {
    return () => true;
  }
  const each = peers.map((peer) => peerReaches(context, policy, peer));
  return (pod) => each.some((reaches) => reaches(pod));
}

function peerReaches(
  context: PeerContext,
  policy: NetworkPolicy,
  peer: Peer,
): (pod: Pod) => boolean {
  return (pod) => isPeerMatch(matchPeer(context, peer, policy.namespace, { kind: 'pod', pod }));
}

function peerContext(world: World, dataplane: Dataplane): PeerContext {
  return {
    dataplane,
    namespaceLabels: (name) => namespaceLabels(world, name),
    parse: parseAddress,
  };
}
