import type { DocumentAnalysis, PlacedDocument } from '../check/document-analysis';
import { isPodKind } from '../core/classify';
import { shiftProblem } from '../core/problem';
import type { Problem } from '../core/problem';
import { sameItems } from '../core/same-items';
import type { Locate, Path, PlacedObject, SourceObject } from '../core/source';
import { toSourceObjects } from '../parse/list';
import { parseYamlDocument } from '../parse/parse-document';
import { analyzeDocument } from '../analysis/analyze-document';

export interface MovableDocument extends PlacedDocument {
  /** Present when the document may follow an edit above it. */
  readonly move?: (offset: number) => void;
}

export function placeDocument(
  uri: string,
  analysis: DocumentAnalysis,
  offset: number,
): MovableDocument {
  return new DocumentAt(uri, analysis, { offset });
}

/** Where a document sits in its file: read by the document and its objects, moved by `move`. */
interface Place {
  offset: number;
}

// Classes where plain data would do, for memory and speed: V8 keeps each object literal that
// has a getter as a dictionary (some 300 bytes more an object, 40,000 objects at the bench's
// largest scale), and gives every object made by spreading and adding a field a shape of its own.
class DocumentAt implements MovableDocument {
  readonly analysis: DocumentAnalysis;
  readonly objects: readonly PlacedObject[];
  readonly move?: (offset: number) => void;
  readonly #place: Place;
  #problems: { readonly offset: number; readonly list: readonly Problem[] } | undefined;

  constructor(uri: string, analysis: DocumentAnalysis, place: Place) {
    this.analysis = analysis;
    this.objects = analysis.objects.map((object) => new ObjectAt(object, uri, place));
    // Sample flows hold absolute spans: their documents are placed anew when they move.
    if (!analysis.objects.some((object) => object.kind === 'SampleFlows')) {
      this.move = (to) => void (place.offset = to);
    }
    this.#place = place;
  }

  get offset(): number {
    return this.#place.offset;
  }

  get problems(): readonly Problem[] {
    const offset = this.#place.offset;
    if (this.#problems?.offset !== offset) {
      const list = this.analysis.problems.map((problem) => shiftProblem(problem, offset));
      this.#problems = { offset, list };
    }
    return this.#problems.list;
  }
}

class ObjectAt implements PlacedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: Path;
  readonly locate: Locate;
  readonly uri: string;
  readonly #object: SourceObject;
  readonly #place: Place;

  constructor(object: SourceObject, uri: string, place: Place) {
    this.apiVersion = object.apiVersion;
    this.kind = object.kind;
    this.path = object.path;
    this.locate = object.locate;
    this.uri = uri;
    this.#object = object;
    this.#place = place;
  }

  get value(): Readonly<Record<string, unknown>> {
    return this.#object.value;
  }

  get offset(): number {
    return this.#place.offset;
  }
}

/**
 * A document's analysis as the host keeps it: pods and workloads hold their values weakly
 * (`ReadAgainObject`), since across edits a large workspace would otherwise hold them all.
 */
export function keepDocument(text: string): DocumentAnalysis {
  const analysis = analyzeDocument(text);
  return {
    ...analysis,
    objects: analysis.objects.map((object) =>
      isPodKind(object.kind) ? new ReadAgainObject(object, text) : object,
    ),
  };
}

/**
 * A pod or workload. The world reads its plain value once, into a pod; after that the value is
 * held weakly, and read again from the document's text if something asks once the garbage
 * collector has taken it (a hover, say). Pods and workloads are most of a large workspace's
 * objects, and their values most of what it would hold for nothing.
 */
class ReadAgainObject implements SourceObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly path: Path;
  readonly locate: Locate;
  readonly #text: string;
  #value: WeakRef<Readonly<Record<string, unknown>>>;

  constructor(object: SourceObject, text: string) {
    this.apiVersion = object.apiVersion;
    this.kind = object.kind;
    this.path = object.path;
    this.locate = object.locate;
    this.#text = text;
    this.#value = new WeakRef(object.value);
  }

  get value(): Readonly<Record<string, unknown>> {
    let value = this.#value.deref();
    if (value === undefined) {
      // The same text parses to the same value.
      const parsed = parseYamlDocument(this.#text);
      const again = toSourceObjects(parsed.value, parsed.locate).find((object) =>
        sameItems(object.path, this.path),
      );
      value = again?.value ?? {};
      this.#value = new WeakRef(value);
    }
    return value;
  }
}
