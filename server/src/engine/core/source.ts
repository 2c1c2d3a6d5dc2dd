import type { Problem } from './problem';
import type { Span } from './span';

/** A path of keys and indexes from a document's root, as ajv and `yaml` both speak it. */
export type Path = readonly (string | number)[];

/** Where a modelled thing was written: enough to find its span on demand. */
export interface Origin {
  readonly uri: string;
  /** Offset of the document in the file. */
  readonly offset: number;
  /** Path of the thing from its document's root. */
  readonly path: Path;
}

/** Which part of a map entry a span should cover. */
export type Part = 'key' | 'value';

/**
 * Finds the source span of a path. With `part: 'key'` it returns the key of the last segment
 * (falling back to the value); with `'value'`, the value. Returns the nearest existing ancestor's
 * span when the path does not exist, so a problem always lands somewhere sensible.
 */
export type Locate = (path: Path, part?: Part) => Span;

/**
 * One Kubernetes object as written: a YAML document, or one item of a `kind: List`.
 * Spans from `locate` are relative to the start of the object's document.
 */
export interface SourceObject {
  readonly apiVersion: string;
  readonly kind: string;
  /** The object's plain value (what `toJS` gives). */
  readonly value: Readonly<Record<string, unknown>>;
  /** Path of the object inside its document: `[]`, or `['items', n]` for a List item. */
  readonly path: Path;
  /** Locates a path relative to this object. */
  readonly locate: Locate;
}

/** A source object with the file it came from and its document's offset in that file. */
export interface PlacedObject extends SourceObject {
  readonly uri: string;
  /** Offset of the object's document in its file: add it to `locate`'s spans. */
  readonly offset: number;
}

/** A problem whose span is absolute in the file named by `uri`. */
export interface PlacedProblem {
  readonly uri: string;
  readonly problem: Problem;
}

/** Where a placed object (or `path` below it) was written; follows its document when it moves. */
export function originOf(object: PlacedObject, path: Path = []): Origin {
  return new FollowingOrigin(object, path.length === 0 ? object.path : [...object.path, ...path]);
}

/**
 * A class where plain data would do, for memory: V8 keeps each object literal that has a getter
 * as a dictionary, some 300 bytes more than this, and a large workspace holds 100,000 origins.
 * The getter lives once, on the prototype; `toJSON` writes the offset as data.
 */
class FollowingOrigin implements Origin {
  readonly uri: string;
  readonly path: Path;
  readonly #object: PlacedObject;

  constructor(object: PlacedObject, path: Path) {
    this.uri = object.uri;
    this.path = path;
    this.#object = object;
  }

  get offset(): number {
    return this.#object.offset;
  }

  toJSON(): Origin {
    return { uri: this.uri, offset: this.offset, path: this.path };
  }
}
