import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { createTextLookup } from './definition';

/** The change that allows a flow, as the editor applies it, titled with what else it opens. */
export interface AllowFlowChange {
  readonly title: string;
  readonly edit: WorkspaceEdit;
  readonly alsoOpens: number;
}

/**
 * What was found for each denied flow of an analysis, by its references: the editor asks again
 * on every cursor move, and a sample flow, a record and a simulation of one connection share it.
 */
const found = new WeakMap<WorkspaceAnalysis, Map<string, Promise<AllowFlowChange | undefined>>>();

/**
 * "Allow this flow" on each sample flow in [start, end] that expects allow and is denied: new
 * policies that admit it, checked against a copy of the workspace, titled with what else opens.
 */
export async function allowFlowActions(
  context: FeatureContext,
  analysis: WorkspaceAnalysis,
  uri: string,
  start: number,
  end: number,
  diagnostics: readonly Diagnostic[],
): Promise<CodeAction[]> {
  const failed = analysis.flows.filter(
    (flow) =>
      flow.uri === uri &&
      flow.expect === 'allow' &&
      !flow.verdict.allowed &&
      flow.span.start <= end &&
      start <= flow.span.end,
  );
  const changes = await Promise.all(
    failed.map((flow) => findAllowFlowChange(context, analysis, flow)),
  );
  return changes
    .filter((change): change is AllowFlowChange => change !== undefined)
    .map((change) => ({
      title: change.title,
      kind: CodeActionKind.QuickFix,
      edit: change.edit,
      diagnostics: diagnostics.filter(
        (diagnostic) => diagnostic.code === 'flow-expectation-failed',
      ),
    }));
}

/**
 * The change that allows a denied flow of `analysis`, found once per analysis and flow; undefined
 * when the engine finds none (see `allowFlow`).
 */
export function findAllowFlowChange(
  context: FeatureContext,
  analysis: WorkspaceAnalysis,
  flow: ide.FlowToAllow,
): Promise<AllowFlowChange | undefined> {
  let byFlow = found.get(analysis);
  if (byFlow === undefined) {
    byFlow = new Map();
    found.set(analysis, byFlow);
  }
  const key = JSON.stringify([flow.from, flow.to, flow.port, flow.protocol]);
  let change = byFlow.get(key);
  if (change === undefined) {
    change = computeChange(context, analysis, flow);
    byFlow.set(key, change);
  }
  return change;
}

async function computeChange(
  context: FeatureContext,
  analysis: WorkspaceAnalysis,
  flow: ide.FlowToAllow,
): Promise<AllowFlowChange | undefined> {
  const lookup = createTextLookup(context);
  const documents = new Map<string, TextDocument>();
  for (const uri of ide.allowFlowFiles(flow)) {
    const document = await lookup(uri);
    if (document !== undefined) {
      documents.set(uri, document);
    }
  }
  const fix = ide.allowFlow(analysis, flow, {
    textOf: (uri) => documents.get(uri)?.getText(),
    maxFileSize: context.settings().maxFileSize,
  });
  if (fix === undefined) {
    return undefined;
  }
  return {
    title: ide.describeAllowFlowFix(fix),
    edit: toEdit(fix, documents),
    alsoOpens: fix.alsoOpensCount,
  };
}

function toEdit(
  fix: ide.AllowFlowFix,
  documents: ReadonlyMap<string, TextDocument>,
): WorkspaceEdit {
  const changes: Record<string, TextEdit[]> = {};
  for (const [uri, edits] of fix.edits) {
    const document = documents.get(uri)!;
    changes[uri] = edits.map((edit) => ({
      range: toRange(document, edit.span),
      newText: edit.newText,
    }));
  }
  return { changes };
}
