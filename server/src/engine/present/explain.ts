import type { Direction, DirectionVerdict, Flow, Verdict } from '../evaluate/verdict';
import type { FlowResult } from '../evaluate/flow-result';
import {
  describeClusterRule,
  describeClusterRuleDetail,
  describeEndpoint,
  describeFlow,
  describeNote,
  describePolicy,
  describeRuleDetail,
  sideOf,
} from './describe';

/** The verdict in detail: the flow, then each direction with its policies, rules and profile notes. */
export function explainVerdict(subject: FlowResult | Verdict, flowArgument?: Flow): string {
  const verdict = 'verdict' in subject ? subject.verdict : subject;
  const flow = 'verdict' in subject ? subject.flow : flowArgument;
  const lines: string[] = [];
  const header = flow === undefined ? '' : ` ${describeFlow(flow)}`;
  lines.push(`${verdict.allowed ? 'allow' : 'deny'}:${header}`);
  for (const side of [verdict.egress, verdict.ingress]) {
    lines.push(...explainDirection(side, flow));
  }
  lines.push(...describeAssumed(flow));
  return lines.join('\n');
}

/** A note for each end of the flow that the workspace does not hold but netpol-lens assumes. */
export function describeAssumed(flow: Flow | undefined): string[] {
  const ends = flow === undefined ? [] : [flow.source, flow.destination];
  return ends.flatMap((end) =>
    end.kind === 'pod' && end.pod.assumed === true
      ? [
          `note: ${end.pod.namespace}/${end.pod.name} is not in the workspace: it is the cluster DNS as GKE runs it (or as the setting netpol.clusterDns describes it), assumed with its labels and ports.`,
        ]
      : [],
  );
}

export function explainDirection(side: DirectionVerdict, flow?: Flow): string[] {
  const who = flow === undefined ? '' : ` of ${describeEndpoint(sideOf(side.direction, flow))}`;
  const lines = [`${capitalize(side.direction)}${who}: ${headline(side)}`];
  const tiers = side.tiers;
  if (tiers?.ownAddress === true) {
    lines.push('  cluster policies do not apply: the pod reaches its own address');
  }
  for (const pass of tiers?.passes ?? []) {
    const next = pass.policy.tier === 'Admin' ? 'the NetworkPolicy tier' : 'the default';
    lines.push(`  passed to ${next} by ${describeClusterRuleDetail(pass)}`);
  }
  if (tiers?.decision !== undefined) {
    lines.push(`  decided by ${describeClusterRuleDetail(tiers.decision)}`);
  }
  for (const rival of tiers?.ambiguous ?? []) {
    lines.push(
      `  ambiguous: ${describeClusterRule(rival)} has the same priority and would ${rival.action.toLowerCase()}; which policy goes first is undefined upstream`,
    );
  }
  if (side.isolatedBy.length > 0) {
    lines.push(`  isolated by ${side.isolatedBy.map(describePolicy).join(', ')}`);
  }
  for (const match of side.allowedBy) {
    lines.push(`  allowed by ${describeRuleDetail(match)}`);
  }
  for (const note of side.notes) {
    lines.push(`  note (${note.dataplane}): ${describeNote(note)}`);
  }
  return lines;
}

function headline(side: DirectionVerdict): string {
  switch (side.reason) {
    case 'no-side':
      return `allowed: the endpoint is outside the cluster, so it has no ${side.direction} side.`;
    case 'host-network':
      return 'allowed: the pod uses the host network and is not isolated.';
    case 'not-isolated':
      return side.tiers === undefined
        ? `allowed: no policy selects the pod for ${noun(side.direction)}, so it is not isolated.`
        : `allowed: no NetworkPolicy selects the pod for ${noun(side.direction)} and no cluster policy decides, so the default allows it.`;
    case 'allowed-by-rule':
      return `allowed: ${count(side.allowedBy.length, 'rule')} ${side.allowedBy.length === 1 ? 'admits' : 'admit'} the connection.`;
    case 'no-rule-matches':
      return `denied: the pod is isolated for ${noun(side.direction)} and no rule of ${count(side.isolatedBy.length, 'policy', 'policies')} admits the connection.`;
    case 'accepted-by-cluster-policy':
      return `allowed by ${describeClusterRule(side.tiers!.decision!)}.`;
    case 'denied-by-cluster-policy':
      return `denied by ${describeClusterRule(side.tiers!.decision!)}.`;
  }
}

function noun(direction: Direction): string {
  return direction === 'egress' ? 'egress' : 'ingress';
}

function count(value: number, singular: string, plural = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : plural}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Lines for an explanation that relied on objects the workspace defines more than once. */
export function describeDuplicates(identities: readonly string[]): string[] {
  return identities.map(
    (identity) =>
      `note: ${identity} is defined more than once in the workspace, and a cluster keeps only one of them: this verdict may not be the cluster's.`,
  );
}
