import { CodeActionKind } from 'vscode-languageserver/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ide } from '../engine';
import type { FileAnalysis, Problem } from '../engine';
import { runSafe } from '../run-safe';
import { toRange, toWorkspaceEdit } from '../to-lsp';
import type { FeatureContext } from './context';
import { allowFlowActions } from './allow-flow';
import { loggingTarget, queryActions } from './logging-query';

export const CODE_ACTION_KINDS = [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite];

/**
 * Quick fixes: the fixes the engine attached to problems, and "Allow this flow" on a sample flow
 * denied against its expectation. Refactorings: peers at the cursor.
 */
export function registerCodeActions(context: FeatureContext): void {
  const { connection, documents, workspace, settings } = context;
  connection.onCodeAction((params) =>
    runSafe(connection, 'code actions', [], async (): Promise<CodeAction[]> => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) {
        return [];
      }
      const start = document.offsetAt(params.range.start);
      const end = document.offsetAt(params.range.end);
      const wants = (kind: string) =>
        params.context.only === undefined ||
        params.context.only.some((only) => kind === only || kind.startsWith(`${only}.`));
      const actions: CodeAction[] = [];
      if (wants(CodeActionKind.QuickFix)) {
        // Fixes carry offsets into the analysed text: analyse first if the text moved on.
        if (!isCurrent(workspace.file(document.uri), document)) {
          workspace.flush();
        }
        const problems = workspace.analysis()?.problems.get(document.uri) ?? [];
        for (const problem of problems) {
          if (
            problem.fixes !== undefined &&
            problem.span.start <= end &&
            start <= problem.span.end
          ) {
            actions.push(...toQuickFixes(document, problem, params.context.diagnostics));
          }
        }
        const analysis = workspace.analysis();
        if (analysis !== undefined) {
          actions.push(
            ...(await allowFlowActions(
              context,
              analysis,
              document.uri,
              start,
              end,
              params.context.diagnostics,
            )),
          );
        }
      }
      if (wants(CodeActionKind.RefactorRewrite)) {
        for (const refactoring of ide.refactorPeersAt(document.getText(), start)) {
          actions.push({
            title: refactoring.title,
            kind: CodeActionKind.RefactorRewrite,
            edit: toWorkspaceEdit(document, refactoring.edits),
          });
        }
      }
      // Commands rather than edits: shown only when the client asks for every kind.
      const analysis = workspace.analysis();
      if (params.context.only === undefined && analysis !== undefined) {
        actions.push(
          ...queryActions(analysis, document.uri, start, end, loggingTarget(settings())),
        );
      }
      return actions;
    }),
  );
}

function toQuickFixes(
  document: TextDocument,
  problem: Problem,
  diagnostics: readonly Diagnostic[],
): CodeAction[] {
  const range = toRange(document, problem.span);
  const matching = diagnostics.filter(
    (diagnostic) =>
      diagnostic.code === problem.code &&
      diagnostic.range.start.line === range.start.line &&
      diagnostic.range.start.character === range.start.character,
  );
  return (problem.fixes ?? []).map((fix) => ({
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: matching,
    ...(fix.preferred === true ? { isPreferred: true } : {}),
    edit: toWorkspaceEdit(document, fix.edits),
  }));
}

function isCurrent(file: FileAnalysis | undefined, document: TextDocument): boolean {
  const text = document.getText();
  return (
    file !== undefined &&
    file.documents.every(
      ({ offset, analysis }) =>
        text.slice(offset, offset + analysis.parsed.text.length) === analysis.parsed.text,
    )
  );
}
