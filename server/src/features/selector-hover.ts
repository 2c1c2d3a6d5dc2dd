import type { Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { Span, WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';

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
    ide.renderSelectorHover,
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
    ide.renderClusterSelectionHover,
  );
}
