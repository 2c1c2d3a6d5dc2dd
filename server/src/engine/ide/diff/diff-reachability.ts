import type { Dataplane } from '../../evaluate/verdict';
import { longReference, shortReference } from '../../flows/resolve-endpoint';
import type { FlowResult } from '../../evaluate/flow-result';
import { computeReachability } from '../../matrix/compute-reachability';
import type { Reachability } from '../../matrix/compute-reachability';
import type { ContainerPort, Pod, World } from '../../world/types';
import type { DiffSide, FlowChange, ReachabilityChange, ReachabilityDiff } from './types';

export type { DiffSide, FlowChange, ReachabilityChange, ReachabilityDiff } from './types';

/** Pods of both versions that are in the same class in each: every verdict treats them alike. */
interface JointClass {
  readonly base: number;
  readonly head: number;
  readonly pods: Pod[];
  /** The destination's ports declared in both versions: head port index, base port index. */
  readonly ports: readonly (readonly [number, number])[];
}

/**
 * The connections between workloads of both versions that an edit opens or closes, on each port
 * the destination declares in both, and the sample flows whose verdict changed. Decided once per
 * pair of joint classes (pods alike in the base and alike in the head), from the two matrices.
 */
export function diffReachability(
  base: DiffSide,
  head: DiffSide,
  options: { readonly dataplane: Dataplane },
): ReachabilityDiff {
  const baseMatrix = matrixOf(base, options);
  const headMatrix = matrixOf(head, options);
  const { baseOf, added, removed } = matchPods(base.world, head.world);
  const joint = jointClasses(baseOf, baseMatrix, headMatrix);
  const { opened, closed } = changedCells(joint, baseMatrix, headMatrix);
  return {
    dataplane: options.dataplane,
    opened: opened.sort(byPair),
    closed: closed.sort(byPair),
    openedPairs: countPairs(opened),
    closedPairs: countPairs(closed),
    flows: changedFlows(base.flows, head.flows),
    added,
    removed,
    verdicts: (change, source = change.sources[0]!, destination = change.destinations[0]!) => {
      const baseDestination = baseOf.get(destination)!;
      const basePort = baseDestination.ports.find((port) => samePort(port, change.port))!;
      return {
        before: baseMatrix.verdict(baseOf.get(source)!, baseDestination, basePort),
        after: headMatrix.verdict(source, destination, change.port),
      };
    },
  };
}

function matrixOf(side: DiffSide, options: { readonly dataplane: Dataplane }): Reachability {
  return computeReachability(side.policies, side.world, {
    ...options,
    clusterPolicies: side.clusterPolicies,
  });
}

// A pod is the same workload in both versions when its long reference is the same.
function matchPods(
  baseWorld: World,
  headWorld: World,
): { readonly baseOf: Map<Pod, Pod>; readonly added: Pod[]; readonly removed: Pod[] } {
  const baseByKey = new Map(baseWorld.pods.map((pod) => [longReference(pod), pod]));
  const baseOf = new Map<Pod, Pod>();
  const added: Pod[] = [];
  for (const pod of headWorld.pods) {
    const basePod = baseByKey.get(longReference(pod));
    if (basePod === undefined) {
      added.push(pod);
    } else {
      baseOf.set(pod, basePod);
    }
  }
  const headKeys = new Set(headWorld.pods.map(longReference));
  const removed = baseWorld.pods.filter((pod) => !headKeys.has(longReference(pod)));
  return { baseOf, added, removed };
}

// Every pair of joint classes on each port both versions declare, read from the two matrices.
function changedCells(
  joint: readonly JointClass[],
  baseMatrix: Reachability,
  headMatrix: Reachability,
): { readonly opened: ReachabilityChange[]; readonly closed: ReachabilityChange[] } {
  const opened: ReachabilityChange[] = [];
  const closed: ReachabilityChange[] = [];
  for (const source of joint) {
    for (const destination of joint) {
      for (const [headPort, basePort] of destination.ports) {
        const before = baseMatrix.isAllowed(source.base, destination.base, basePort);
        const after = headMatrix.isAllowed(source.head, destination.head, headPort);
        if (before !== after) {
          (after ? opened : closed).push({
            sources: source.pods,
            destinations: destination.pods,
            port: headMatrix.classes[destination.head]!.ports[headPort]!,
            opened: after,
          });
        }
      }
    }
  }
  return { opened, closed };
}

function jointClasses(
  baseOf: ReadonlyMap<Pod, Pod>,
  baseMatrix: Reachability,
  headMatrix: Reachability,
): JointClass[] {
  const byKey = new Map<string, JointClass>();
  for (const [pod, basePod] of baseOf) {
    const baseClass = baseMatrix.classOf(basePod);
    const headClass = headMatrix.classOf(pod);
    const key = `${baseClass},${headClass}`;
    let joint = byKey.get(key);
    if (joint === undefined) {
      joint = {
        base: baseClass,
        head: headClass,
        pods: [],
        ports: commonPorts(
          headMatrix.classes[headClass]!.ports,
          baseMatrix.classes[baseClass]!.ports,
        ),
      };
      byKey.set(key, joint);
    }
    joint.pods.push(pod);
  }
  return [...byKey.values()];
}

// A port is the same connection in both versions when its number and protocol are; a name given
// or changed only alters how rules resolve it, which the verdicts already say.
function commonPorts(
  headPorts: readonly ContainerPort[],
  basePorts: readonly ContainerPort[],
): [number, number][] {
  const seen = new Set<string>();
  const common: [number, number][] = [];
  headPorts.forEach((port, headIndex) => {
    const key = `${port.containerPort}/${port.protocol}`;
    const baseIndex = basePorts.findIndex((other) => samePort(other, port));
    if (!seen.has(key) && baseIndex !== -1) {
      seen.add(key);
      common.push([headIndex, baseIndex]);
    }
  });
  return common;
}

function samePort(left: ContainerPort, right: ContainerPort): boolean {
  return left.containerPort === right.containerPort && left.protocol === right.protocol;
}

function countPairs(changes: readonly ReachabilityChange[]): number {
  return changes.reduce(
    (sum, change) => sum + change.sources.length * change.destinations.length,
    0,
  );
}

function byPair(left: ReachabilityChange, right: ReachabilityChange): number {
  return (
    compare(shortReference(left.sources[0]!), shortReference(right.sources[0]!)) ||
    compare(shortReference(left.destinations[0]!), shortReference(right.destinations[0]!)) ||
    left.port.containerPort - right.port.containerPort ||
    compare(left.port.protocol, right.port.protocol)
  );
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}

// Flows are the same when they say the same thing; where several do, they pair up in file order.
function changedFlows(before: readonly FlowResult[], after: readonly FlowResult[]): FlowChange[] {
  const waiting = new Map<string, FlowResult[]>();
  for (const flow of before) {
    const key = flowKey(flow);
    waiting.set(key, [...(waiting.get(key) ?? []), flow]);
  }
  const changes: FlowChange[] = [];
  for (const flow of after) {
    const previous = waiting.get(flowKey(flow))?.shift();
    if (previous !== undefined && previous.verdict.allowed !== flow.verdict.allowed) {
      changes.push({ before: previous, after: flow });
    }
  }
  return changes;
}

function flowKey(flow: FlowResult): string {
  return JSON.stringify([flow.name, flow.from, flow.to, String(flow.port), flow.protocol]);
}
