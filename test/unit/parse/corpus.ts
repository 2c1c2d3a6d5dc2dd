import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { splitDocuments } from '../../../server/src/engine/parse/split';

const ROOT = path.resolve(__dirname, '../../..');

function yamlFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const file = path.join(folder, name);
    if (statSync(file).isDirectory()) {
      return yamlFiles(file);
    }
    return /\.ya?ml$/.test(name) ? [file] : [];
  });
}

/** Every YAML document in the files under `folder` (relative to the repository). */
export function documentsIn(folder: string): string[] {
  return yamlFiles(path.join(ROOT, folder)).flatMap((file) =>
    splitDocuments(readFileSync(file, 'utf8')).map((chunk) => chunk.text),
  );
}

export function withCrlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** Each variant of a document: with CRLF line ends, and after a byte order mark. */
export function variants(text: string): string[] {
  return [text, withCrlf(text), `\uFEFF${text}`];
}
