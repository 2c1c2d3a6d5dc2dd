import type { Fix, Problem, RelatedSpan, Severity } from '../core/problem';
import type { Part, Path, SourceObject } from '../core/source';
import type { ProblemCode } from '../core/codes';
import { severityOf } from '../core/codes';

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
  /** Certain fixes, as replacements of the text at targets. */
  readonly fixes?: readonly ReportFix[];
}

export interface ReportFix {
  readonly title: string;
  readonly edits: readonly { readonly target: Target; readonly newText: string }[];
  readonly preferred?: boolean;
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
  const fixes = report.fixes?.map((fix): Fix => ({
    ...fix,
    edits: fix.edits.map(({ target, newText }) => ({
      span: object.locate(target.path, target.part),
      newText,
    })),
  }));
  return {
    ...problem,
    ...(report.related === undefined ? {} : { related: report.related }),
    ...(fixes === undefined || fixes.length === 0 ? {} : { fixes }),
  };
}
