import { parseYamlDocument } from '../../../server/src/engine/parse/parse-document';
import { toSourceObjects } from '../../../server/src/engine/parse/list';
import { splitDocuments } from '../../../server/src/engine/parse/split';
import type { PlacedObject } from '../../../server/src/engine/core/source';

/** The objects of one YAML text, placed as the workspace places them. */
export function loadObjects(text: string, uri = 'file:///test.yaml'): PlacedObject[] {
  return splitDocuments(text).flatMap((chunk) => {
    const parsed = parseYamlDocument(chunk.text);
    return toSourceObjects(parsed.value, parsed.locate).map((object): PlacedObject => ({
      ...object,
      uri,
      offset: chunk.offset,
    }));
  });
}

/** The objects of several files. */
export function loadFiles(files: Readonly<Record<string, string>>): PlacedObject[] {
  return Object.entries(files).flatMap(([uri, text]) => loadObjects(text, uri));
}
