import { fileURLToPath } from 'node:url';
import type { Location } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ide, locateOrigin } from '../engine';
import type { Origin, Span, WorkspaceAnalysis } from '../engine';
import { readFileText } from '../read-file';
import { runSafe } from '../run-safe';
import { toRange } from '../to-lsp';
import type { FeatureContext } from './context';

/**
 * Go to definition: from a SampleFlows endpoint reference to the Pod or workload it names; from a
 * selector (a NetworkPolicy's, or a cluster policy's subject or peer) to the Namespaces, Pods
 * and workloads it selects.
 */
export function registerDefinition(context: FeatureContext): void {
  const { connection, documents, workspace } = context;
  connection.onDefinition((params) =>
    runSafe(connection, 'definition', null, async (): Promise<Location | Location[] | null> => {
      const document = documents.get(params.textDocument.uri);
      const analysis = workspace.analysis();
      if (document === undefined || analysis === undefined) {
        return null;
      }
      const offset = document.offsetAt(params.position);
      // Plain Locations: every client takes them, LocationLink needs `linkSupport`.
      const lookup = createTextLookup(context);
      const found = ide.definitionAt(analysis, document.uri, offset);
      if (found !== undefined) {
        return (await toLocation(lookup, found.target.uri, found.target.span)) ?? null;
      }
      const selected = ide.selectionDefinitionAt(analysis, document.uri, offset);
      const locations = await Promise.all(
        (selected?.targets ?? []).map((target) => toLocation(lookup, target.uri, target.span)),
      );
      const readable = locations.filter((location) => location !== undefined);
      return readable.length > 0 ? readable : null;
    }),
  );
}

/** Finds the text of any file of the workspace; see `createTextLookup`. */
export type TextLookup = (uri: string) => Promise<TextDocument | undefined>;

/**
 * Looks up the text of workspace files: the open document, else the file on disk (which is
 * what the workspace analysed). Each file is read at most once per lookup.
 */
export function createTextLookup({ documents }: FeatureContext): TextLookup {
  const read = new Map<string, Promise<TextDocument | undefined>>();
  return (uri) => {
    const open = documents.get(uri);
    if (open !== undefined) {
      return Promise.resolve(open);
    }
    let found = read.get(uri);
    if (found === undefined) {
      found = readDocument(uri);
      read.set(uri, found);
    }
    return found;
  };
}

async function readDocument(uri: string): Promise<TextDocument | undefined> {
  if (!uri.startsWith('file:')) {
    return undefined;
  }
  try {
    const { text } = await readFileText(fileURLToPath(uri));
    return TextDocument.create(uri, 'yaml', 0, text);
  } catch {
    return undefined;
  }
}

export async function toLocation(
  lookup: TextLookup,
  uri: string,
  span: Span,
): Promise<Location | undefined> {
  const document = await lookup(uri);
  return document === undefined ? undefined : { uri, range: toRange(document, span) };
}

/** Where an object's `metadata.name` is written, as the editor's lines count. */
export async function nameLocation(
  lookup: TextLookup,
  analysis: WorkspaceAnalysis,
  origin: Origin,
): Promise<Location | undefined> {
  const span = locateOrigin(analysis.file, origin, ['metadata', 'name']);
  return span && toLocation(lookup, origin.uri, span);
}
