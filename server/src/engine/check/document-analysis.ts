import type { Problem } from '../core/problem';
import type { PlacedObject, SourceObject } from '../core/source';
import type { ParsedDocument } from '../parse/parse-document';

/** One document of a file, analysed on its own; reused while its text is unchanged. */
export interface DocumentAnalysis {
  /** The document as parsed; its plain value lives in its objects only. */
  readonly parsed: Omit<ParsedDocument, 'value'>;
  /** The objects of kinds the engine knows. */
  readonly objects: readonly SourceObject[];
  /** Syntax and check problems, relative to the document. */
  readonly problems: readonly Problem[];
}

/**
 * A document in its file. An edit above it moves it: the same placed document then follows,
 * with its objects and every origin taken from them, so that nothing built from an unchanged
 * document is built again. Sample flows hold absolute spans, so their documents are placed anew.
 */
export interface PlacedDocument {
  readonly offset: number;
  readonly analysis: DocumentAnalysis;
  /** The document's objects, placed; the same objects while the text stays the same. */
  readonly objects: readonly PlacedObject[];
  /** The document's problems with spans in the file; the same objects while it stays in place. */
  readonly problems: readonly Problem[];
}

export interface FileAnalysis {
  readonly uri: string;
  /** The length of the text analysed. */
  readonly length: number;
  readonly documents: readonly PlacedDocument[];
  readonly objects: readonly PlacedObject[];
  /** Problems of the file alone, with absolute spans. */
  readonly problems: readonly Problem[];
}

/** The analysed files of a workspace, by URI. */
export type FileLookup = (uri: string) => FileAnalysis | undefined;
