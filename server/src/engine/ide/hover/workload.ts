import type { Dataplane } from '../../core/vocabulary';
import type { ClusterPolicy } from '../../model/cluster-policy';
import type { NetworkPolicy } from '../../model/types';
import type { TierPolicies } from '../../evaluate/tier-selection';
import type { PodIsolation, WorkloadAt } from '../query/workload-at';

/** Where a policy's name is written, for a link the editor opens: a document and a 0-based line. */
export interface PolicyPlace {
  readonly uri: string;
  readonly line: number;
}

/**
 * The hover of a Pod's or workload's `metadata.name`, in markdown: the policies that isolate it
 * per direction (each a link to where it is named, when `placeOf` knows), and the tiers of
 * cluster policies a connection meets on the way.
 */
export function renderWorkloadHover(
  found: WorkloadAt,
  dataplane: Dataplane,
  placeOf: (policy: NetworkPolicy) => PolicyPlace | undefined,
): string {
  const { pod } = found;
  const lines = [
    `**${pod.workload?.kind ?? 'Pod'} ${pod.namespace}/${pod.name}**`,
    '',
    `- ${isolationLine(found.ingress, placeOf)}`,
    `- ${isolationLine(found.egress, placeOf)}`,
  ];
  for (const direction of ['ingress', 'egress'] as const) {
    const line = tiersLine(direction, found.tiers[direction]);
    if (line !== undefined) {
      lines.push(`- ${line}`);
    }
  }
  if (pod.hostNetwork && dataplane === 'gke-dataplane-v2') {
    lines.push(
      '',
      '_Host network: GKE Dataplane V2 does not isolate it (setting `netpol.dataplane`)._',
    );
  }
  return lines.join('\n');
}

function isolationLine(
  isolation: PodIsolation,
  placeOf: (policy: NetworkPolicy) => PolicyPlace | undefined,
): string {
  const direction = isolation.direction === 'ingress' ? 'Ingress' : 'Egress';
  if (isolation.policies.length === 0) {
    return `${direction}: not isolated; no policy selects it, so all ${isolation.direction} is allowed.`;
  }
  const links = isolation.policies.map((policy) => policyLink(policy, placeOf(policy)));
  const state = isolation.isolated ? 'isolated' : 'not isolated';
  return `${direction}: ${state}, selected by ${links.join(', ')}`;
}

// The order a connection meets them: Admin by priority, NetworkPolicy, Baseline by priority.
function tiersLine(direction: 'ingress' | 'egress', tiers: TierPolicies): string | undefined {
  if (tiers.admin.length === 0 && tiers.baseline.length === 0) {
    return undefined;
  }
  const name = (policy: ClusterPolicy) =>
    policy.kind === 'BaselineAdminNetworkPolicy'
      ? `\`${policy.name}\` (${policy.kind})`
      : `\`${policy.name}\` (${policy.kind}, priority ${policy.priority})`;
  const steps = [
    ...tiers.admin.map((policy) => `Admin ${name(policy)}`),
    'NetworkPolicy',
    ...tiers.baseline.map((policy) => `Baseline ${name(policy)}`),
  ];
  const title = direction === 'ingress' ? 'Ingress' : 'Egress';
  return `${title} tiers, in the order consulted: ${steps.join(' → ')}`;
}

// `#L<line>` opens the file at that line in VS Code's markdown link handler.
function policyLink(policy: NetworkPolicy, place: PolicyPlace | undefined): string {
  const name = `${policy.namespace}/${policy.name}`;
  return place === undefined ? `\`${name}\`` : `[${name}](${place.uri}#L${place.line + 1})`;
}
