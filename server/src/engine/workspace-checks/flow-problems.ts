import type { FileLookup } from '../check/document-analysis';
import { findDocument, locateOrigin } from '../core/locate-origin';
import type { Problem } from '../core/problem';
import type { Span } from '../core/span';
import type { FlowResult } from '../evaluate/flow-result';
import { expectationFailed, logExpectationFailed, summarizeVerdict } from '../present';
import type { FlowAnalysis } from '../logs/flow-analysis';

/** A sample flow's verdict as a problem on its first line, and its failed expectations. */
export function checkFlow(flow: FlowAnalysis, file: FileLookup): Problem[] {
  const summary = summarizeVerdict(flow);
  const problems: Problem[] = [
    {
      code: 'flow-verdict',
      severity: 'information',
      message: summary,
      span: firstLine(flow, file),
    },
  ];
  if (!flow.ok && flow.expect !== null) {
    problems.push({
      code: 'flow-expectation-failed',
      severity: 'error',
      message: expectationFailed(flow.expect, summary),
      span: locateOrigin(file, flow.origin, ['expect']) ?? flow.span,
    });
  }
  if (!flow.loggedOk) {
    problems.push({
      code: 'flow-log-expectation-failed',
      severity: 'error',
      message: logExpectationFailed(flow.expectLogged, flow.verdict.allowed, flow.logs),
      span: locateOrigin(file, flow.origin, ['expectLogged']) ?? flow.span,
    });
  }
  return problems;
}

// The verdict goes on the flow's first line: a squiggle over the whole item would hide its text.
function firstLine(flow: FlowResult, file: FileLookup): Span {
  const document = findDocument(file(flow.uri)?.documents ?? [], flow.origin.offset);
  if (document === undefined) {
    return flow.span;
  }
  const text = document.analysis.parsed.text;
  const local = flow.span.start - document.offset;
  const lineEnd = text.indexOf('\n', local);
  const end =
    lineEnd === -1 || lineEnd > flow.span.end - document.offset
      ? flow.span.end - document.offset
      : lineEnd;
  return { start: flow.span.start, end: Math.max(end + document.offset, flow.span.start + 1) };
}
