import type { Problem, RelatedSpan, Severity } from '../problem';
import type { Part, Path, SourceObject } from '../source';
import type { ProblemCode } from './codes';
import { severityOf } from './codes';

/** Where a rule puts its problems: a path in the object, and the key or the value there. */
export interface Target {
  readonly path: Path;
  readonly part: Part;
}

export interface Report {
  readonly code: ProblemCode;
  readonly message: string;
  readonly target: Target;
  readonly severity?: Severity;
  readonly related?: readonly RelatedSpan[];
}

export function atKey(path: Path): Target {
  return { path, part: 'key' };
}

export function atValue(path: Path): Target {
  return { path, part: 'value' };
}

export function toProblem(object: SourceObject, report: Report): Problem {
  const problem: Problem = {
    code: report.code,
    severity: report.severity ?? severityOf(report.code),
    message: report.message,
    span: object.locate(report.target.path, report.target.part),
  };
  return report.related === undefined ? problem : { ...problem, related: report.related };
}
