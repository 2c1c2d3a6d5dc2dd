import type { Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { Span, WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';

// Long lists help nobody in a hover; the code lens's quick pick shows them all.
const MAX_LISTED = 20;

/** Hover on a NetworkPolicy selector: the pods and namespaces it matches in the world. */
export function hoverSelector(
  analysis: WorkspaceAnalysis,
  document: TextDocument,
  offset: number,
): Hover | undefined {
  return hoverOf(
    analysis,
    document,
    ide.selectorAt(analysis, document.uri, offset),
    renderSelectorHover,
  );
}

/**
 * The hover of what a query found at the cursor, over its span. Without a single pod in the
 * workspace, "matches no pods" says nothing: the field's description serves better.
 */
function hoverOf<T extends { readonly span: Span }>(
  analysis: WorkspaceAnalysis,
  document: TextDocument,
  found: T | undefined,
  render: (found: T) => string,
): Hover | undefined {
  if (analysis.world.pods.length === 0 || found === undefined) {
    return undefined;
  }
  return {
    contents: { kind: 'markdown', value: render(found) },
    range: toRange(document, found.span),
  };
}

export function renderSelectorHover(selection: ide.SelectorAt): string {
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

function subjectOf({ target }: ide.SelectorAt): string {
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

function countLine(selection: ide.SelectorAt): string {
  const pods = selection.pods.length;
  if (pods === 0) {
    return `Matches no pods ${scopeOf(selection)} in the workspace.`;
  }
  const namespaces = new Set(selection.pods.map((matched) => matched.pod.namespace)).size;
  return `Matches ${plural(pods, 'pod')} in ${plural(namespaces, 'namespace')}.`;
}

function scopeOf(selection: ide.SelectorAt): string {
  if (selection.byNamespaceSelector) {
    return 'of the selected namespaces';
  }
  return `of namespace \`${selection.namespaces[0]?.name ?? ''}\``;
}

function namespaceLine(namespaces: readonly ide.MatchedNamespace[]): string {
  if (namespaces.length === 0) {
    return 'The namespace selector matches no namespace in the workspace.';
  }
  const names = namespaces.map(
    (namespace) => `\`${namespace.name}\`${labelText(namespace.labels)}`,
  );
  const more = (count: number) => `and ${count} more`;
  return `Namespaces: ${capped(names, more).join(', ')}`;
}

function podLine({ pod, labels }: ide.MatchedPod): string {
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

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Hover on the subject or a peer of a tiered cluster policy: the pods it matches. */
export function hoverClusterSelection(
  analysis: WorkspaceAnalysis,
  document: TextDocument,
  offset: number,
): Hover | undefined {
  return hoverOf(
    analysis,
    document,
    ide.clusterSelectionAt(analysis, document.uri, offset),
    renderClusterSelectionHover,
  );
}

export function renderClusterSelectionHover(selection: ide.ClusterSelectionAt): string {
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
