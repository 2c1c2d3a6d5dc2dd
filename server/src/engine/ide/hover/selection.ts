import type { MatchedNamespace, MatchedPod } from '../../evaluate/select-pods';
import type { ClusterSelectionAt } from '../query/cluster-selection-at';
import type { SelectorAt } from '../query/selector-at';
import { plural } from '../../present/plural';

// The hovers of selectors, in markdown: what a NetworkPolicy's selector or a tiered policy's
// subject or peer matches in the world.

// Long lists help nobody in a hover; the code lens's quick pick shows them all.
const MAX_LISTED = 20;

export function renderSelectorHover(selection: SelectorAt): string {
  const lines = [`**${subjectOf(selection)}**`, '', countLine(selection)];
  if (selection.byNamespaceSelector) {
    lines.push('', namespaceLine(selection.namespaces));
  }
  if (selection.pods.length > 0) {
    const more = (count: number) => `- … and ${count} more`;
    lines.push('', ...capped(selection.pods.map(podLine), more));
  }
  return lines.join('\n');
}

function subjectOf({ target }: SelectorAt): string {
  const requirement = target.requirement;
  const part =
    requirement === undefined
      ? ''
      : requirement.matchLabels !== undefined
        ? `${requirement.field}.matchLabels "${requirement.matchLabels}" alone`
        : `${requirement.field}.matchExpressions[${requirement.matchExpressions}] alone`;
  if (target.peer === undefined) {
    return part === '' ? 'spec.podSelector' : `spec.${part}`;
  }
  const { direction, ruleIndex, peerIndex } = target.peer;
  const peer = `${direction} rule ${ruleIndex + 1}, peer ${peerIndex + 1}`;
  return part === '' ? peer : `${peer}: ${part}`;
}

function countLine(selection: SelectorAt): string {
  const pods = selection.pods.length;
  if (pods === 0) {
    return `Matches no pods ${scopeOf(selection)} in the workspace.`;
  }
  const namespaces = new Set(selection.pods.map((matched) => matched.pod.namespace)).size;
  return `Matches ${plural(pods, 'pod')} in ${plural(namespaces, 'namespace')}.`;
}

function scopeOf(selection: SelectorAt): string {
  if (selection.byNamespaceSelector) {
    return 'of the selected namespaces';
  }
  return `of namespace \`${selection.namespaces[0]?.name ?? ''}\``;
}

function namespaceLine(namespaces: readonly MatchedNamespace[]): string {
  if (namespaces.length === 0) {
    return 'The namespace selector matches no namespace in the workspace.';
  }
  const names = namespaces.map(
    (namespace) => `\`${namespace.name}\`${labelText(namespace.labels)}`,
  );
  const more = (count: number) => `and ${count} more`;
  return `Namespaces: ${capped(names, more).join(', ')}`;
}

function podLine({ pod, labels }: MatchedPod): string {
  const kind = pod.workload?.kind ?? 'Pod';
  const hostNetwork = pod.hostNetwork ? ' · host network' : '';
  return `- \`${pod.namespace}/${pod.name}\` · ${kind}${labelText(labels)}${hostNetwork}`;
}

function labelText(labels: Readonly<Record<string, string>>): string {
  const entries = Object.entries(labels);
  return entries.length === 0
    ? ''
    : ` · ${entries.map(([key, value]) => `\`${key}=${value}\``).join(' ')}`;
}

function capped(items: readonly string[], more: (count: number) => string): string[] {
  if (items.length <= MAX_LISTED) {
    return [...items];
  }
  return [...items.slice(0, MAX_LISTED), more(items.length - MAX_LISTED)];
}

export function renderClusterSelectionHover(selection: ClusterSelectionAt): string {
  const { policy, peer, pods } = selection;
  const where =
    peer === undefined
      ? 'spec.subject'
      : `${peer.direction} rule ${peer.ruleIndex + 1}, peer ${peer.peerIndex + 1}`;
  const namespaces = new Set(pods.map((pod) => pod.namespace)).size;
  const count =
    pods.length === 0
      ? 'Matches no pods in the workspace.'
      : `${peer === undefined ? 'Applies to' : 'Matches'} ${plural(pods.length, 'pod')} in ${plural(namespaces, 'namespace')}.`;
  const lines = [`**${policy.kind} ${policy.name}: ${where}**`, '', count];
  if (selection.namespaces !== undefined) {
    lines.push(
      '',
      selection.namespaces.length === 0
        ? 'The namespace selector matches no namespace in the workspace.'
        : `Namespaces: ${capped(
            selection.namespaces.map((name) => `\`${name}\``),
            (more) => `and ${more} more`,
          ).join(', ')}`,
    );
  }
  if (pods.length > 0) {
    const listed = pods.map((pod) => podLine({ pod, labels: {} }));
    lines.push('', ...capped(listed, (more) => `- … and ${more} more`));
  }
  return lines.join('\n');
}
