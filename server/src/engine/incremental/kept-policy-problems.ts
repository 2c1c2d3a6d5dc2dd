import type { FileLookup } from '../check/document-analysis';
import type { WorkspaceOptions } from '../analysis/analyze-workspace';
import type { Problem } from '../core/problem';
import { shiftProblem } from '../core/problem';
import type { PlacedProblem } from '../core/source';
import type { NetworkPolicy } from '../model/types';
import { GKE_KUBE_DNS, isClusterDnsPod } from '../world/cluster-dns';
import type { Pod, World } from '../world/types';
import { checkDnsEgress } from '../workspace-checks/dns-egress';
import type { PolicyProblem } from '../workspace-checks/dns-egress';
import { checkHostNetworkPolicy } from '../workspace-checks/host-network';
import { createNamedPortCheck, namedPortsTouch } from '../workspace-checks/named-ports';
import { checkPolicySelectors, selectorsTouching } from '../workspace-checks/selects-nothing';
import type { Answers } from '../workspace-checks/selects-nothing';
import type { KeptEvaluation } from './evaluation-memo';

/** The problems of each policy, relative to its document, with what finding them again reuses. */
export interface KeptPolicyProblems {
  /** Whether selectors match no pod of `world`, found so far. */
  readonly selectorAnswers: { readonly world: World; readonly answers: Answers };
  /** By selector; valid while the world and the dataplane are unchanged. */
  readonly selectorProblemsOf: ReadonlyMap<NetworkPolicy, SelectorProblems>;
  /** Valid while the world, the dataplane and the policies of the policy's namespace are unchanged. */
  readonly dnsProblemsOf: ReadonlyMap<NetworkPolicy, readonly PlacedProblem[]>;
  /**
   * The host-network and named-port problems of each policy; valid while the world, the
   * dataplane and the policy are unchanged, or pods it does not reach were replaced.
   */
  readonly podProblemsOf: ReadonlyMap<NetworkPolicy, readonly PlacedProblem[]>;
  /** Those problems placed at their document's offset, by the relative problem. */
  readonly placedOf: ReadonlyMap<Problem, Problem>;
}

/**
 * The selects-nothing, DNS, host-network and named-port problems of every policy, in policy
 * order, each policy's kept relative to its document while what they depend on is unchanged.
 */
export function updatePolicyProblems(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  memo: (KeptPolicyProblems & { readonly evaluation: KeptEvaluation }) | undefined,
) {
  const { policies, world, changedPods } = evaluation;
  const reusable =
    changedPods !== undefined && memo?.evaluation.memo.dataplane === options.dataplane;
  const kept = reusable ? memo : undefined;
  // Which selectors match no pod holds for the same world, whichever policy asks.
  const answers: Answers =
    memo?.selectorAnswers.world === world
      ? memo.selectorAnswers.answers
      : new Map<string, boolean>();
  const context: SelectorContext = { world, dataplane: options.dataplane, file, answers };
  const fresh = new Set(freshDnsPolicies(evaluation, kept));
  const dnsFound = groupByPolicy(
    checkDnsEgress(policies, world, options.dataplane, file, [...fresh], evaluation.evaluate),
  );
  const selectorProblemsOf = new Map<NetworkPolicy, SelectorProblems>();
  const dnsProblemsOf = new Map<NetworkPolicy, readonly PlacedProblem[]>();
  const pods = podProblems(evaluation, options, file, kept);
  const placing = placer(memo);
  const placed: PlacedProblem[] = [];
  for (const policy of policies) {
    const selectors = selectorProblemsFor(policy, context, kept, changedPods);
    selectorProblemsOf.set(policy, selectors);
    const dns = fresh.has(policy)
      ? anchor(policy, dnsFound.get(policy) ?? [])
      : kept!.dnsProblemsOf.get(policy)!;
    dnsProblemsOf.set(policy, dns);
    for (const { uri, problem } of [...selectors.all, ...dns, ...pods.of(policy)]) {
      placed.push({ uri, problem: placing.place(problem, policy.origin.offset) });
    }
  }
  return {
    placed,
    kept: {
      selectorAnswers: { world, answers },
      selectorProblemsOf,
      dnsProblemsOf,
      podProblemsOf: pods.podProblemsOf,
      placedOf: placing.placedOf,
    },
  };
}

/**
 * Each policy's host-network and named-port problems, relative to its document: kept unless the
 * policy is new, or a replaced pod is in its namespace or reached by a rule with a named port.
 */
function podProblems(
  evaluation: KeptEvaluation,
  options: WorkspaceOptions,
  file: FileLookup,
  kept: KeptPolicyProblems | undefined,
) {
  const { world, changedPods } = evaluation;
  const { dataplane } = options;
  const namedPorts = createNamedPortCheck(world, dataplane, file);
  const touched = new Set([...(changedPods ?? [])].map((pod) => pod.namespace));
  const stale = (policy: NetworkPolicy): boolean =>
    touched.has(policy.namespace) || namedPortsTouch(policy, changedPods!, world, dataplane);
  const podProblemsOf = new Map<NetworkPolicy, readonly PlacedProblem[]>();
  const of = (policy: NetworkPolicy): readonly PlacedProblem[] => {
    const before = kept?.podProblemsOf.get(policy);
    const found =
      before !== undefined && !stale(policy)
        ? before
        : anchor(policy, [
            ...checkHostNetworkPolicy(policy, world, dataplane, file),
            ...namedPorts(policy),
          ]);
    podProblemsOf.set(policy, found);
    return found;
  };
  return { of, podProblemsOf };
}

// Problems of one policy are kept relative to its document, which an edit above may move;
// placed where it is now, each stays the same object while its document stays put.
function placer(memo: KeptPolicyProblems | undefined) {
  const placedOf = new Map<Problem, Problem>();
  const place = (relative: Problem, offset: number): Problem => {
    const before = memo?.placedOf.get(relative);
    const placed =
      before?.span.start === relative.span.start + offset ? before : shiftProblem(relative, offset);
    placedOf.set(relative, placed);
    return placed;
  };
  return { placedOf, place };
}

interface SelectorContext {
  readonly world: World;
  readonly dataplane: WorkspaceOptions['dataplane'];
  readonly file: FileLookup;
  readonly answers: Answers;
}

// After pods were replaced, only the selectors that match one of them are checked again.
function selectorProblemsFor(
  policy: NetworkPolicy,
  { world, dataplane, file, answers }: SelectorContext,
  kept: KeptPolicyProblems | undefined,
  changedPods: ReadonlySet<Pod> | undefined,
): SelectorProblems {
  const before = kept?.selectorProblemsOf.get(policy);
  if (before === undefined) {
    return anchorEach(
      policy,
      checkPolicySelectors(policy, world, dataplane, file, undefined, answers),
    );
  }
  const stale = selectorsTouching(policy, changedPods!);
  if (stale.size === 0) {
    return before;
  }
  const checked = checkPolicySelectors(policy, world, dataplane, file, stale, answers);
  return selectorProblems(new Map([...before.byKey, ...anchorEach(policy, checked).byKey]));
}

/** The policies whose DNS problems may have changed: kube-dns, or a pod of their namespace. */
function freshDnsPolicies(
  evaluation: KeptEvaluation,
  kept: KeptPolicyProblems | undefined,
): readonly NetworkPolicy[] {
  const { policies, changedPods } = evaluation;
  if (kept === undefined || changedPods === undefined) {
    return policies;
  }
  const touched = new Set([
    ...(evaluation.changedPolicies ?? policies).map((policy) => policy.namespace),
    ...[...changedPods].map((pod) => pod.namespace),
    ...([...changedPods].some(
      (pod) =>
        pod.labels['k8s-app'] === 'kube-dns' ||
        isClusterDnsPod(pod, evaluation.world.clusterDns ?? GKE_KUBE_DNS),
    )
      ? policies.map((policy) => policy.namespace)
      : []),
  ]);
  return policies.filter(
    (policy) => touched.has(policy.namespace) || !kept.dnsProblemsOf.has(policy),
  );
}

/** The selects-nothing problems of one policy, relative to its document: by selector, and all. */
interface SelectorProblems {
  readonly byKey: ReadonlyMap<string, readonly PlacedProblem[]>;
  readonly all: readonly PlacedProblem[];
}

function selectorProblems(byKey: ReadonlyMap<string, readonly PlacedProblem[]>): SelectorProblems {
  return { byKey, all: [...byKey.values()].flat() };
}

function anchorEach(
  policy: NetworkPolicy,
  found: ReadonlyMap<string, readonly PlacedProblem[]>,
): SelectorProblems {
  return selectorProblems(
    new Map([...found].map(([key, placed]) => [key, anchor(policy, placed)])),
  );
}

/** The problems of one policy, with spans relative to its document. */
function anchor(policy: NetworkPolicy, placed: readonly PlacedProblem[]): PlacedProblem[] {
  return placed.map(({ uri, problem }) => ({
    uri,
    problem: shiftProblem(problem, -policy.origin.offset),
  }));
}

function groupByPolicy(found: readonly PolicyProblem[]): Map<NetworkPolicy, PlacedProblem[]> {
  const byPolicy = new Map<NetworkPolicy, PlacedProblem[]>();
  for (const { policy, uri, problem } of found) {
    byPolicy.set(policy, [...(byPolicy.get(policy) ?? []), { uri, problem }]);
  }
  return byPolicy;
}
