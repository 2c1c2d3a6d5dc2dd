import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export interface FileText {
  readonly text: string;
  readonly invalidEncoding: boolean;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a file as UTF-8; bytes that are not UTF-8 are reported, never thrown. */
export async function readFileText(file: string): Promise<FileText> {
  const bytes = await fs.readFile(file);
  try {
    return { text: strictDecoder.decode(bytes), invalidEncoding: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalidEncoding: true };
  }
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.tools', '.test-output', 'dist']);

/** Every `*.yaml`/`*.yml` file under `root` (or `root` itself), sorted, skipping tool folders. */
export async function findYamlFiles(root: string): Promise<string[]> {
  const stat = await fs.stat(root);
  if (!stat.isDirectory()) {
    return [root];
  }
  const found: string[] = [];
  const entries = await fs.readdir(root, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      found.push(...(await findYamlFiles(full)));
    } else if (entry.isFile() && isYamlFile(entry.name)) {
      found.push(full);
    }
  }
  return found.sort();
}

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
