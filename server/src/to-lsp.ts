import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, Range, WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Edit, Problem, Severity } from './engine/core/problem';
import type { Span } from './engine/core/span';

/** The only place where engine offsets become LSP positions. */
export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}

/** Engine edits (absolute offsets in `document`) as a workspace edit of that one document. */
export function toWorkspaceEdit(document: TextDocument, edits: readonly Edit[]): WorkspaceEdit {
  return {
    changes: {
      [document.uri]: edits.map((edit) => ({
        range: toRange(document, edit.span),
        newText: edit.newText,
      })),
    },
  };
}

export function toDiagnostic(
  document: TextDocument,
  problem: Problem,
  locateRelated: (uri: string) => TextDocument | undefined,
  relatedSupported: boolean,
): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toRange(document, problem.span),
    severity: toSeverity(problem.severity),
    code: problem.code,
    source: 'netpol',
    message: problem.message,
  };
  if (relatedSupported && problem.related !== undefined) {
    diagnostic.relatedInformation = problem.related.flatMap((related) => {
      const target = related.uri === undefined ? document : locateRelated(related.uri);
      return target === undefined
        ? []
        : [
            {
              location: { uri: target.uri, range: toRange(target, related.span) },
              message: related.message,
            },
          ];
    });
  }
  return diagnostic;
}

function toSeverity(severity: Severity): DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return DiagnosticSeverity.Error;
    case 'warning':
      return DiagnosticSeverity.Warning;
    case 'information':
      return DiagnosticSeverity.Information;
    case 'hint':
      return DiagnosticSeverity.Hint;
  }
}
