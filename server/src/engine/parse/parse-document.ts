import { isMap, isPair, isScalar, isSeq, parseDocument } from 'yaml';
import type { Document, Node, Pair } from 'yaml';
import { countEntries, MAX_DOCUMENT_ENTRIES, MAX_NESTING_DEPTH } from '../core/limits';
import type { Problem } from '../core/problem';
import type { Locate, Part, Path } from '../core/source';
import type { Span } from '../core/span';
import { duplicateKeyOffsets, withDuplicateKeyErrors } from './duplicate-keys';
import type { ParseError } from './duplicate-keys';
import { locatePlaced } from './fast-locate';
import { nestingDepth } from './nesting-depth';
import { readFastValue } from './fast-value';
import { placeNodes } from './placed-tree';
import type { PlacedNode } from './placed-tree';

/** One parsed document. Spans are relative to the document's own text. */
export interface ParsedDocument {
  readonly text: string;
  /** The plain value, or `undefined` when the document has syntax errors or no content. */
  readonly value: unknown;
  readonly problems: readonly Problem[];
  readonly locate: Locate;
  /**
   * The document's syntax tree, kept until `release` and parsed again on a later use. A document
   * whose value came from the fast path has no tree until its first use.
   */
  readonly tree: () => Document.Parsed | undefined;
  /** Drops the tree; a later `tree` or `locate` parses the text again. */
  readonly release: () => void;
}

// Billion-laughs input expands exponentially through aliases; `toJS` refuses past this count.
const MAX_ALIAS_COUNT = 100;

// Duplicate keys are found by `duplicateKeyOffsets`, in linear time.
const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: false } as const;

export function parseYamlDocument(text: string): ParsedDocument {
  if (countEntries(text) > MAX_DOCUMENT_ENTRIES) {
    return failed(text, {
      code: 'document-too-large',
      severity: 'warning',
      message: `The document holds more than ${MAX_DOCUMENT_ENTRIES.toLocaleString('en-US')} entries (lines and flow items); it is not analysed.`,
      span: { start: 0, end: firstLineEnd(text) },
    });
  }
  // Counted here rather than caught when the stack runs out, which happens at a depth that
  // depends on how the engine was compiled so far: a fresh process and a long-running one would
  // disagree.
  if (nestingDepth(text) > MAX_NESTING_DEPTH) {
    return failed(text, tooDeepProblem(text));
  }
  const fast = readFastValue(text);
  return fast === undefined ? parseWithYaml(text) : parsedLater(text, fast.value, fast.places);
}

// The differential tests hold the fast path to text where `yaml` reports nothing, so the tree
// is needed only for spans: it is parsed on first use, like a released one. Most spans come
// from where js-yaml composed each node instead, which costs next to nothing.
function parsedLater(text: string, value: unknown, places: PlacedNode | undefined): ParsedDocument {
  // One scope for the three functions: a large workspace holds 20,000 of these documents, and
  // each closure and scope more costs a megabyte or two there. Like the tree, the places are
  // dropped on `release` (they hold js-yaml's copy of the text); a later use records them again
  // into `placedAgain`, which keeps only the last few. They are not held weakly: a `WeakRef`
  // keeps its target until the end of the job, which is the whole workspace on a cold open.
  let document: Document.Parsed | null | undefined;
  let root = places;
  let released = places === undefined;
  const tree = (): Document.Parsed | undefined => {
    if (document === undefined) {
      document = treeOf(text);
    }
    return document ?? undefined;
  };
  const locate: Locate = (path, part = 'value') => {
    const placed = released ? placedAgain(locate, text) : root;
    const found = placed && locatePlaced(placed, text, path, part);
    if (found !== undefined) {
      return found;
    }
    const parsed = tree();
    return parsed ? locateIn(parsed, path, part) : { start: 0, end: 0 };
  };
  const release = () => {
    document = undefined;
    root = undefined;
    released = true;
  };
  return { text, value, problems: NO_PROBLEMS, locate, tree, release };
}

// The places of documents located after their release, by the document's `locate`, most recent
// last. A workspace check may locate one span in each of thousands of documents, which must not
// keep all their places; the problems of one document, located one after another, share one
// recording.
const RECENTLY_PLACED = 16;
const recentlyPlaced = new Map<Locate, PlacedNode | undefined>();

function placedAgain(owner: Locate, text: string): PlacedNode | undefined {
  const known = recentlyPlaced.has(owner);
  const root = known ? recentlyPlaced.get(owner) : placeNodes(text);
  recentlyPlaced.delete(owner);
  recentlyPlaced.set(owner, root);
  if (!known && recentlyPlaced.size > RECENTLY_PLACED) {
    recentlyPlaced.delete(recentlyPlaced.keys().next().value!);
  }
  return root;
}

const NO_PROBLEMS: readonly Problem[] = [];

function parseWithYaml(text: string): ParsedDocument {
  let document: Document.Parsed;
  try {
    document = parseDocument(text, PARSE_OPTIONS);
  } catch (error) {
    return failed(text, tooDeep(error, text));
  }
  const errors = withDuplicateKeyErrors(document.errors, duplicateKeyOffsets(document));
  const problems = syntaxProblems(errors, document.warnings, text);
  const { tree, release } = lazyTree(text, document);
  const locate = locator(tree);
  if (errors.length > 0 || document.contents === null) {
    return { text, value: undefined, problems, locate, tree, release };
  }
  try {
    const value: unknown = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { text, value, problems, locate, tree, release };
  } catch (error) {
    const problem: Problem =
      error instanceof ReferenceError
        ? {
            code: 'alias-limit',
            severity: 'error',
            message: `The document expands more than ${MAX_ALIAS_COUNT} aliases; it is not analysed.`,
            span: { start: 0, end: firstLineEnd(text) },
          }
        : tooDeep(error, text);
    return { text, value: undefined, problems: [...problems, problem], locate, tree, release };
  }
}

function syntaxProblems(
  errors: readonly ParseError[],
  warnings: readonly ParseError[],
  text: string,
): Problem[] {
  const problem = (error: ParseError, severity: 'error' | 'warning'): Problem => ({
    code: error.code.toLowerCase().replace(/_/g, '-'),
    severity,
    message: sentence(error.message),
    span: clampToText(error.pos, text),
  });
  return [
    ...errors.map((error) => problem(error, 'error')),
    ...warnings.map((error) => problem(error, 'warning')),
  ];
}

// Built outside `parseWithYaml`: a closure there would share its scope, and with it the
// first tree, which `release` must be able to free.
function locator(tree: () => Document.Parsed | undefined): Locate {
  return (path, part = 'value') => {
    const document = tree();
    return document ? locateIn(document, path, part) : { start: 0, end: 0 };
  };
}

function tooDeep(error: unknown, text: string): Problem {
  // The depth is counted before parsing, so this is a backstop: anything else is a real bug.
  if (!(error instanceof RangeError)) {
    throw error;
  }
  return tooDeepProblem(text);
}

function tooDeepProblem(text: string): Problem {
  return {
    code: 'too-deeply-nested',
    severity: 'error',
    message: `The document nests more than ${MAX_NESTING_DEPTH} levels deep; it is not analysed.`,
    span: { start: 0, end: firstLineEnd(text) },
  };
}

function failed(text: string, problem: Problem): ParsedDocument {
  const span = problem.span;
  return {
    text,
    value: undefined,
    problems: [problem],
    locate: () => span,
    tree: () => undefined,
    release: () => undefined,
  };
}

// `yaml` reports an unterminated construct at the end of input, which is the next document's
// first character once a file is cut into documents: keep such spans on this document's text.
function clampToText([start, end]: readonly [number, number], text: string): Span {
  const last = Math.max(0, text.trimEnd().length - 1);
  const clampedStart = Math.min(start, last);
  return {
    start: clampedStart,
    end: Math.min(Math.max(end, clampedStart + 1), Math.max(text.length, 1)),
  };
}

function firstLineEnd(text: string): number {
  const end = text.indexOf('\n');
  return Math.max(1, end === -1 ? text.length : end);
}

function sentence(message: string): string {
  const trimmed = message.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// Holding every node of every document is what makes large workspaces heavy, so the caller
// releases the tree once it has located what it needs; a later use parses the text again.
/** `yaml`'s tree of the text, or null when it cannot be built (it is then not tried again). */
function treeOf(text: string): Document.Parsed | null {
  try {
    return parseDocument(text, PARSE_OPTIONS);
  } catch {
    return null;
  }
}

function lazyTree(
  text: string,
  first: Document.Parsed | undefined,
): { tree: () => Document.Parsed | undefined; release: () => void } {
  let document: Document.Parsed | null | undefined = first;
  const tree = () => {
    if (document === undefined) {
      document = treeOf(text);
    }
    return document ?? undefined;
  };
  return {
    tree,
    release: () => {
      document = undefined;
    },
  };
}

/** The span of `path` in `document`, or of the nearest ancestor that exists. */
export function locateIn(document: Document, path: Path, part: Part): Span {
  let node: unknown = document.contents;
  let pair: Pair | undefined;
  let best: Span = nodeSpan(node) ?? { start: 0, end: 0 };
  for (const segment of path) {
    const next = step(node, segment);
    if (next === undefined) {
      return pair !== undefined ? (pairKeySpan(pair) ?? best) : best;
    }
    pair = next.pair;
    node = next.node;
    best = nodeSpan(node) ?? (pair ? pairKeySpan(pair) : undefined) ?? best;
  }
  if (part === 'key' && pair !== undefined) {
    return pairKeySpan(pair) ?? best;
  }
  return best;
}

function step(node: unknown, segment: string | number): { node: unknown; pair?: Pair } | undefined {
  if (isMap(node)) {
    const found = node.items.find(
      (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
    );
    return found ? { node: found.value, pair: found } : undefined;
  }
  if (isSeq(node) && typeof segment === 'number') {
    const item = node.items[segment];
    return item === undefined ? undefined : { node: item };
  }
  return undefined;
}

function nodeSpan(node: unknown): Span | undefined {
  const range = (node as Node | null | undefined)?.range;
  if (!range || range[1] <= range[0]) {
    return undefined;
  }
  return { start: range[0], end: range[1] };
}

function pairKeySpan(pair: Pair): Span | undefined {
  return nodeSpan(pair.key);
}
