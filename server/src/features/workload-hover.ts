import type { Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide, locateOrigin } from '../engine';
import type { ClusterPolicy, NetworkPolicy, TierPolicies, WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { createTextLookup, toLocation } from './definition';
import type { TextLookup } from './definition';

/** Hover on a Pod's or workload's `metadata.name`: the policies that isolate it, per direction. */
export async function hoverWorkload(
  context: FeatureContext,
  analysis: WorkspaceAnalysis,
  document: TextDocument,
  offset: number,
): Promise<Hover | undefined> {
  const found = ide.workloadAt(analysis, document.uri, offset);
  if (found === undefined) {
    return undefined;
  }
  const { pod } = found;
  const lookup = createTextLookup(context);
  const link = (policy: NetworkPolicy) => policyLink(lookup, analysis, policy);
  const lines = [
    `**${pod.workload?.kind ?? 'Pod'} ${pod.namespace}/${pod.name}**`,
    '',
    `- ${await isolationLine(found.ingress, link)}`,
    `- ${await isolationLine(found.egress, link)}`,
  ];
  for (const direction of ['ingress', 'egress'] as const) {
    const line = tiersLine(direction, found.tiers[direction]);
    if (line !== undefined) {
      lines.push(`- ${line}`);
    }
  }
  if (pod.hostNetwork && analysis.dataplane === 'gke-dataplane-v2') {
    lines.push(
      '',
      '_Host network: GKE Dataplane V2 does not isolate it (setting `netpol.dataplane`)._',
    );
  }
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: toRange(document, found.span),
  };
}

async function isolationLine(
  isolation: ide.PodIsolation,
  link: (policy: NetworkPolicy) => Promise<string>,
): Promise<string> {
  const direction = isolation.direction === 'ingress' ? 'Ingress' : 'Egress';
  if (isolation.policies.length === 0) {
    return `${direction}: not isolated; no policy selects it, so all ${isolation.direction} is allowed.`;
  }
  const links = await Promise.all(isolation.policies.map(link));
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
async function policyLink(
  lookup: TextLookup,
  analysis: WorkspaceAnalysis,
  policy: NetworkPolicy,
): Promise<string> {
  const name = `${policy.namespace}/${policy.name}`;
  const span = locateOrigin(analysis.file, policy.origin, ['metadata', 'name']);
  const location = span && (await toLocation(lookup, policy.origin.uri, span));
  if (location === undefined) {
    return `\`${name}\``;
  }
  return `[${name}](${location.uri}#L${location.range.start.line + 1})`;
}
