import type { Span } from './span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A user mistake, as data. `code` is stable; tests assert it, not the message. */
export interface Problem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedSpan[];
  /** Edits that certainly fix the problem, offered as quick fixes. */
  readonly fixes?: readonly Fix[];
}

/** A text edit: replace `span` (relative like the problem's own span) with `newText`. */
export interface Edit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly Edit[];
  /** Whether the editor may apply it as the preferred fix (auto-fix). */
  readonly preferred?: boolean;
}

export interface RelatedSpan {
  readonly message: string;
  readonly span: Span;
  /** Set when the related place is in another file. */
  readonly uri?: string;
}

export function shiftProblem(problem: Problem, by: number): Problem {
  if (by === 0) {
    return problem;
  }
  const move = (span: Span): Span => ({ start: span.start + by, end: span.end + by });
  const related = problem.related?.map((item) =>
    item.uri === undefined ? { ...item, span: move(item.span) } : item,
  );
  const fixes = problem.fixes?.map((fix) => ({
    ...fix,
    edits: fix.edits.map((edit) => ({ ...edit, span: move(edit.span) })),
  }));
  return {
    ...problem,
    span: move(problem.span),
    ...(related === undefined ? {} : { related }),
    ...(fixes === undefined ? {} : { fixes }),
  };
}
