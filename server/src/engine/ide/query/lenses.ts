import type { FlowAnalysis, WorkspaceAnalysis } from '../../analysis/analyze-workspace';
import { locateOrigin } from '../../core/locate-origin';
import type { ClusterPolicy } from '../../model/cluster-policy';
import type { NetworkPolicy } from '../../model/types';
import type { Span } from '../../core/span';
import type { Pod, World } from '../../world/types';
import { selectPolicyPods } from '../../evaluate/select-pods';
import { sameItems } from '../../core/same-items';

/** What a code lens stands on: a policy, or a flow and its verdict. */
export type Lens =
  | {
      readonly kind: 'policy';
      /** Absolute span of the policy object. */
      readonly span: Span;
      readonly policy: NetworkPolicy;
    }
  | {
      readonly kind: 'cluster-policy';
      /** Absolute span of the policy object. */
      readonly span: Span;
      readonly policy: ClusterPolicy;
    }
  | {
      readonly kind: 'flow';
      /** Absolute span of the flow item. */
      readonly span: Span;
      readonly flow: FlowAnalysis;
    };

/** The lenses of one file, in the order of their spans. */
export function lensesOf(analysis: WorkspaceAnalysis, uri: string): Lens[] {
  const policies = analysis.policies.flatMap((policy): Lens[] => {
    const span = policy.origin.uri === uri ? locateOrigin(analysis.file, policy.origin) : undefined;
    if (span === undefined) {
      return [];
    }
    return [{ kind: 'policy', span, policy }];
  });
  const clusterPolicies = analysis.clusterPolicies.flatMap((policy): Lens[] => {
    const span = policy.origin.uri === uri ? locateOrigin(analysis.file, policy.origin) : undefined;
    return span === undefined ? [] : [{ kind: 'cluster-policy', span, policy }];
  });
  const flows = analysis.flows
    .filter((flow) => flow.uri === uri)
    .map((flow): Lens => ({ kind: 'flow', span: flow.span, flow }));
  return [...policies, ...clusterPolicies, ...flows].sort(
    (left, right) => left.span.start - right.span.start,
  );
}

/** The pods of its namespace that a policy's `spec.podSelector` selects. */
export function podsSelectedBy(world: World, policy: NetworkPolicy): Pod[] {
  return selectPolicyPods(world, policy).pods.map((matched) => matched.pod);
}

/**
 * Whether lenses computed from `before` may differ from those of `analysis`: they read the
 * policies, the world and the flows' verdicts. Compared item by item, because an analysis that
 * changed none of them may still hand out new lists, and a refresh for nothing re-renders every
 * lens (a click on the old one then finds no command).
 */
export function lensesMayDiffer(analysis: WorkspaceAnalysis, before?: WorkspaceAnalysis): boolean {
  return (
    before === undefined ||
    analysis.world !== before.world ||
    !sameItems(analysis.policies, before.policies) ||
    !sameItems(analysis.clusterPolicies, before.clusterPolicies) ||
    !sameItems(analysis.flows, before.flows)
  );
}
