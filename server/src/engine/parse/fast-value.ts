import { load } from 'js-yaml';
import type { EventType, State } from 'js-yaml';
import { CORE_SCHEMA } from './core-schema';
import { recordPlaces } from './placed-tree';
import type { PlacedNode } from './placed-tree';

// Text where js-yaml and `yaml` may read different values, or where `yaml` reports a problem
// that js-yaml lets pass. Each branch errs on the safe side: a false alarm only costs the
// slower parser. The differential tests in test/unit/parse found most of these.
const YAML_ONLY = new RegExp(
  [
    // Anchors, aliases and tags: `yaml` owns the alias limit, and tags resolve differently.
    /(?:^|[\s[{,])[&*!]/.source,
    // Directives.
    /^%/m.source,
    // Explicit keys.
    /(?:^|[\s[{,])\?(?:\s|$)/.source,
    // A flow collection used as a key before a `:`: js-yaml joins it into a string, `yaml`
    // writes it out as YAML.
    /[\]}][ \t]*:/.source,
    // An empty sequence entry (`-` ending its line): when it ends a nested sequence, js-yaml
    // takes the outer sequence's next entries into the inner one.
    /(?:^|[ \t])-[ \t]*(?:#.*)?$/.source,
    // A block scalar's indentation indicator (`|2`) or keep chomping (`|+`): js-yaml applies
    // them differently at the root, to lines of spaces, and at the end of the text.
    /[|>](?:[-+]?[0-9]|\+)/.source,
    // An escaped line break in a double-quoted scalar before an empty line, which js-yaml folds
    // differently.
    /\\\r?\n[ \t]*\r?\n/.source,
    // Merge keys: neither parser merges them with these schemas, but they are easy to get wrong.
    /<</.source,
    // A flow collection closed at its parent's indentation: `yaml` warns (BAD_INDENT).
    /^[ \t]*[\]}]/m.source,
    // A `#` right after a quote or a flow indicator: `yaml` wants a space before a comment
    // (MISSING_CHAR) where js-yaml takes the `#` for a comment or for text.
    /["'[\]{},]#/.source,
    // Content on a document marker's line: `yaml` refuses a map there, and reads `---a` as text.
    /^(?:---|\.\.\.)[^\n\r]*[^\s#]/m.source,
    // A lone carriage return, which js-yaml takes for a line break and `yaml` does not.
    /\r(?!\n)/.source,
    // A tab in indentation, which `yaml` refuses (TAB_AS_INDENT) and js-yaml sometimes allows.
    /^ *\t/m.source,
    // A byte order mark: `yaml` refuses one before `- `, and js-yaml reads one inside as text.
    /\uFEFF/.source,
  ].join('|'),
  'm',
);

// js-yaml lets an indented first node be followed by less indented ones (` -\n- a`).
const INDENTED_START = /^(?:(?:---|\.\.\.)?[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]+[^\s#]/;

// `yaml` refuses an implicit key whose `:` is more than 1024 characters after its start; no
// key is longer than the line it is on.
const MAX_LINE_LENGTH = 1024;

/**
 * The document's plain value as js-yaml reads it, about ten times faster than `yaml` does;
 * `undefined` when only `yaml` can tell the value (and its problems) for sure.
 */
export function readFastValue(
  text: string,
): { readonly value: unknown; readonly places: PlacedNode | undefined } | undefined {
  if (YAML_ONLY.test(text) || INDENTED_START.test(text) || hasLongLine(text)) {
    return undefined;
  }
  const loaded = loadWithJsYaml(text);
  // An empty document is `undefined` or `null` depending on its markers: `yaml` decides.
  if (loaded === undefined || loaded.value === undefined || loaded.value === null) {
    return undefined;
  }
  const walk: Walk = { composed: loaded.collections, reached: 0, ambiguous: false };
  const value = settle(loaded.value, walk);
  // A composed collection that the value does not hold was used as a key, even without a `:`
  // (`{[a]}`), which js-yaml joins into a string and `yaml` writes out as YAML.
  if (walk.ambiguous || walk.reached !== walk.composed.size) {
    return undefined;
  }
  return { value, places: loaded.places };
}

// Records where each node lies on the way, which costs little next to composing it, for spans.
function loadWithJsYaml(
  text: string,
):
  | { value: unknown; collections: ReadonlySet<unknown>; places: PlacedNode | undefined }
  | undefined {
  const collections = new Set<unknown>();
  const places = recordPlaces();
  let warned = false;
  try {
    const value = load(text, {
      schema: CORE_SCHEMA,
      onWarning: () => {
        warned = true;
      },
      listener: (event: EventType, state: State) => {
        places.listener(event, state);
        if (event === 'close' && (state.kind === 'mapping' || state.kind === 'sequence')) {
          collections.add(state.result);
        }
      },
    });
    return warned ? undefined : { value, collections, places: places.root() };
  } catch {
    // js-yaml rejects the text: `yaml` reports why, with its own codes and places.
    return undefined;
  }
}

function hasLongLine(text: string): boolean {
  let start = 0;
  while (start < text.length) {
    const end = text.indexOf('\n', start);
    const lineEnd = end === -1 ? text.length : end;
    if (lineEnd - start > MAX_LINE_LENGTH) {
      return true;
    }
    start = lineEnd + 1;
  }
  return false;
}

interface Walk {
  readonly composed: ReadonlySet<unknown>;
  reached: number;
  ambiguous: boolean;
}

// Walks the value for what js-yaml may have read differently: a `null` or `~` key, which is
// "null" to js-yaml but "" to `yaml`'s `toJS` (so either spelling of the key is suspect), and a
// collection that js-yaml made without composing it (the `a: 1` pair in `[a: 1]`). Returns the
// value with its strings detached from js-yaml's text.
function settle(value: unknown, walk: Walk): unknown {
  if (typeof value === 'string') {
    return detach(value);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  walk.reached++;
  if (!walk.composed.has(value)) {
    walk.ambiguous = true;
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      value[index] = settle(value[index], walk);
    }
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'null' || key === '') {
      walk.ambiguous = true;
    }
    record[key] = settle(record[key], walk);
  }
  return value;
}

// js-yaml parses a copy of the text (it appends a terminator), and in V8 a slice of 13 or more
// characters keeps its whole parent string alive: left as they are, the strings of every value
// would keep a second copy of every document's text (28 MB of heap on the L bench). Slicing a
// fresh concatenation copies just the string.
const SHORTEST_SLICE = 13;

function detach(text: string): string {
  return text.length < SHORTEST_SLICE ? text : ` ${text}`.slice(1);
}
