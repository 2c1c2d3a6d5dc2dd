import type { Problem, Severity } from './problem';

// The work one file may cost, whatever its bytes hold. Each limit is far above what a Kubernetes
// manifest needs and low enough that a hostile or generated file costs seconds and megabytes,
// not minutes and gigabytes. Past a limit the user is told once; nothing is cut silently.

/** Entries (lines and flow items) one document may hold before it is not analysed. */
export const MAX_DOCUMENT_ENTRIES = 200_000;

/**
 * Levels of nesting (block and flow) a document may have. Kubernetes objects nest a few dozen;
 * every stage that walks a document recursively stays far from the end of the call stack here.
 */
export const MAX_NESTING_DEPTH = 256;

/** Documents one file may hold before it is not analysed. */
export const MAX_FILE_DOCUMENTS = 20_000;

/** Problems kept per file; one more problem says how many were left out. */
export const MAX_FILE_PROBLEMS = 500;

/** The highest `netpol.maxFileSize` honoured, in characters; larger settings are clamped. */
export const MAX_FILE_SIZE_CEILING = 20_000_000;

/** Characters of a file analysed when nothing else is said (`netpol.maxFileSize`). */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;

/** The file size limit a setting asks for, kept between 1 and the ceiling. */
export function clampMaxFileSize(requested: number): number {
  if (!(requested >= 1)) {
    return DEFAULT_MAX_FILE_SIZE;
  }
  return Math.min(Math.floor(requested), MAX_FILE_SIZE_CEILING);
}

/**
 * An upper bound of the nodes of a document, counted without parsing it: its lines plus its
 * commas (each flow item but the last follows one).
 */
export function countEntries(text: string): number {
  let entries = 1;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x2c) {
      entries++;
    }
  }
  return entries;
}

/**
 * At most `MAX_FILE_PROBLEMS` problems, the most severe first, in their order in the file, then
 * one that counts the rest, placed where the first of them is and as severe as the worst of them,
 * so that an error left out still fails the run. Keeping errors before warnings means that an
 * error typed into a file already full of warnings shows where it was typed.
 */
export function capProblems(problems: readonly Problem[]): readonly Problem[] {
  if (problems.length <= MAX_FILE_PROBLEMS) {
    return problems;
  }
  const rank = (index: number) => SEVERITIES.indexOf(problems[index]!.severity);
  const chosen = new Uint8Array(problems.length);
  problems
    .map((_problem, index) => index)
    .sort((left, right) => rank(left) - rank(right) || left - right)
    .slice(0, MAX_FILE_PROBLEMS)
    .forEach((index) => (chosen[index] = 1));
  const kept = problems.filter((_problem, index) => chosen[index] === 1);
  const left = problems.filter((_problem, index) => chosen[index] === 0);
  const severity = highestSeverity(left);
  const counts = SEVERITIES.filter((name) => left.some((problem) => problem.severity === name))
    .map((name) => plural(left.filter((problem) => problem.severity === name).length, name))
    .join(', ');
  kept.push({
    code: 'too-many-problems',
    severity,
    message: `${left.length} more problems of this file are not shown (${counts}), the first of them here; fix the ones shown and check again.`,
    span: left[0]?.span ?? { start: 0, end: 0 },
  });
  return kept;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

function highestSeverity(problems: readonly Problem[]): Severity {
  return SEVERITIES.find((name) => problems.some((problem) => problem.severity === name)) ?? 'hint';
}

function plural(count: number, severity: Severity): string {
  const noun = severity === 'information' ? 'information' : severity;
  return `${count} ${noun}${count === 1 || severity === 'information' ? '' : 's'}`;
}
