import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { allowFlow, allowFlowFiles } from '../engine';
import type { AllowFlowFix, FlowAnalysis, WorkspaceAnalysis } from '../engine';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';
import { createTextLookup } from './definition';

/** What was found for each failed flow of an analysis: the editor asks again on every cursor move. */
const found = new WeakMap<WorkspaceAnalysis, Map<FlowAnalysis, Promise<CodeAction | undefined>>>();

/**
 * "Allow this flow" on each sample flow in [start, end] that expects allow and is denied: new
 * policies that admit it, checked against a copy of the workspace, titled with what else opens.
 */
export function allowFlowActions(
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
  let byFlow = found.get(analysis);
  if (byFlow === undefined) {
    byFlow = new Map();
    found.set(analysis, byFlow);
  }
  const cache = byFlow;
  return Promise.all(
    failed.map((flow) => {
      let action = cache.get(flow);
      if (action === undefined) {
        action = allowFlowAction(context, analysis, flow);
        cache.set(flow, action);
      }
      return action;
    }),
  ).then((actions) =>
    actions
      .filter((action): action is CodeAction => action !== undefined)
      .map((action) => ({
        ...action,
        diagnostics: diagnostics.filter(
          (diagnostic) => diagnostic.code === 'flow-expectation-failed',
        ),
      })),
  );
}

async function allowFlowAction(
  context: FeatureContext,
  analysis: WorkspaceAnalysis,
  flow: FlowAnalysis,
): Promise<CodeAction | undefined> {
  const lookup = createTextLookup(context);
  const documents = new Map<string, TextDocument>();
  for (const uri of allowFlowFiles(flow)) {
    const document = await lookup(uri);
    if (document !== undefined) {
      documents.set(uri, document);
    }
  }
  const fix = allowFlow(analysis, flow, {
    textOf: (uri) => documents.get(uri)?.getText(),
    maxFileSize: context.settings().maxFileSize,
  });
  if (fix === undefined) {
    return undefined;
  }
  return {
    title: titleOf(fix),
    kind: CodeActionKind.QuickFix,
    edit: toEdit(fix, documents),
  };
}

function titleOf(fix: AllowFlowFix): string {
  const added = fix.policies.map((policy) => `${policy.namespace}/${policy.name}`).join(' and ');
  const others =
    fix.alsoOpensCount === 0
      ? 'opens nothing else'
      : `also opens ${fix.alsoOpensCount} other connection${fix.alsoOpensCount === 1 ? '' : 's'}, ${fix.alsoOpens
          .slice(0, 2)
          .map((pair) => `${pair.from} -> ${pair.to}:${pair.port.containerPort}`)
          .join(', ')}${fix.alsoOpensCount > 2 ? ', ...' : ''}`;
  return `Allow this flow: add ${fix.policies.length === 1 ? 'policy' : 'policies'} ${added} (${others})`;
}

function toEdit(fix: AllowFlowFix, documents: ReadonlyMap<string, TextDocument>): WorkspaceEdit {
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
