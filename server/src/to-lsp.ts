import { DiagnosticSeverity } from 'vscode-languageserver/node';
import type { Diagnostic, Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Problem, Severity } from './engine/problem';
import type { Span } from './engine/span';

/** The only place where engine offsets become LSP positions. */
export function toRange(document: TextDocument, span: Span): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
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
