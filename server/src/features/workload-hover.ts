import type { Hover } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { NetworkPolicy, WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { createTextLookup, nameLocation } from './definition';

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
  // Where each policy is named, as the editor's lines count (a file not open is read for it).
  const lookup = createTextLookup(context);
  const places = new Map<NetworkPolicy, ide.PolicyPlace>();
  for (const policy of [...found.ingress.policies, ...found.egress.policies]) {
    const location = await nameLocation(lookup, analysis, policy.origin);
    if (location !== undefined) {
      places.set(policy, { uri: location.uri, line: location.range.start.line });
    }
  }
  return {
    contents: {
      kind: 'markdown',
      value: ide.renderWorkloadHover(found, analysis.dataplane, (policy) => places.get(policy)),
    },
    range: toRange(document, found.span),
  };
}
