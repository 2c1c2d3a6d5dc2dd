import { constants, promises as fs } from 'node:fs';
import type { Stats } from 'node:fs';
import * as path from 'node:path';
import { MAX_FILE_SIZE_CEILING } from './engine';

export interface FileText {
  readonly text: string;
  readonly invalidEncoding: boolean;
  /** Set, with `text` empty, when the file has more bytes than the limit: it was not read. */
  readonly tooLarge?: number;
}

/** A path that is not a regular file, or that cannot be opened: `message` says why. */
export class UnreadableFile extends Error {}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

// Opening a FIFO for reading waits for a writer unless it is opened non-blocking; the
// descriptor is then looked at before anything is read from it.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file as UTF-8; bytes that are not UTF-8 are reported, never thrown. Anything
 * else (a FIFO, a device, a folder) is refused before a byte is read, and a file of more than
 * `maxBytes` bytes is not read at all: `tooLarge` gives its size.
 */
export async function readFileText(
  file: string,
  maxBytes: number = MAX_FILE_SIZE_CEILING,
): Promise<FileText> {
  const handle = await fs.open(file, OPEN_FLAGS).catch((error: unknown) => {
    throw new UnreadableFile(describeError(error));
  });
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new UnreadableFile(`it is ${kindOf(stat)}, not a file`);
    }
    if (stat.size > maxBytes) {
      return { text: '', invalidEncoding: false, tooLarge: stat.size };
    }
    const bytes = await readAtMost(handle, stat.size, maxBytes + 1);
    if (bytes.length > maxBytes) {
      return { text: '', invalidEncoding: false, tooLarge: bytes.length };
    }
    return decode(bytes);
  } finally {
    await handle.close();
  }
}

// The size is where reading starts, not a promise: the file may have grown since the look, and
// some files (under /proc) say 0. Reading stops at the end or at `limit` bytes.
async function readAtMost(handle: fs.FileHandle, size: number, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunkSize = Math.min(Math.max(size, 1) + 1, limit);
  while (total < limit) {
    const chunk = Buffer.alloc(Math.min(chunkSize, limit - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, total);
    if (bytesRead === 0) {
      break;
    }
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    chunkSize = Math.max(chunkSize, 65536);
  }
  return Buffer.concat(chunks, total);
}

function decode(bytes: Uint8Array): FileText {
  try {
    return { text: strictDecoder.decode(bytes), invalidEncoding: false };
  } catch {
    return { text: new TextDecoder('utf-8').decode(bytes), invalidEncoding: true };
  }
}

function kindOf(stat: Stats): string {
  if (stat.isDirectory()) {
    return 'a folder';
  }
  if (stat.isFIFO()) {
    return 'a named pipe';
  }
  if (stat.isCharacterDevice() || stat.isBlockDevice()) {
    return 'a device';
  }
  return stat.isSocket() ? 'a socket' : 'not a regular file';
}

/** Why a path could not be used, in a few words (the system's code names the reason). */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.tools', '.test-output', 'dist']);

/** A file or folder left out of a search, and why. */
export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

/**
 * Every `*.yaml`/`*.yml` file under `root` (or `root` itself), sorted, skipping tool folders.
 * Symbolic links are followed, each folder once; a folder or link that cannot be read is passed
 * to `onSkip` and the search goes on. Only `root` itself failing throws.
 */
export async function findYamlFiles(
  root: string,
  onSkip: (skipped: Skipped) => void = () => undefined,
): Promise<string[]> {
  const stat = await fs.stat(root);
  if (!stat.isDirectory()) {
    return [root];
  }
  const found: string[] = [];
  await searchFolder(root, { found, onSkip, visited: new Set(), files: new Set() });
  return found.sort();
}

interface Search {
  readonly found: string[];
  readonly onSkip: (skipped: Skipped) => void;
  /** Real paths of the folders searched, so that a link back up is not followed again. */
  readonly visited: Set<string>;
  /** Real paths of the files found, so that a file and a link to it count once. */
  readonly files: Set<string>;
}

async function searchFolder(folder: string, search: Search): Promise<void> {
  let real: string;
  let entries;
  try {
    real = await fs.realpath(folder);
    if (search.visited.has(real)) {
      return;
    }
    search.visited.add(real);
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    search.onSkip({ path: folder, reason: describeError(error) });
    return;
  }
  // In name order, so that of a file and a link to it the same one is kept every time.
  entries.sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const link = entry.isSymbolicLink() ? await linkTarget(full, search) : undefined;
    const kind = link?.stat ?? entry;
    if (kind.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) {
      await searchFolder(full, search);
    } else if (kind.isFile() && isYamlFile(entry.name)) {
      const target = link?.real ?? path.join(real, entry.name);
      if (!search.files.has(target)) {
        search.files.add(target);
        search.found.push(full);
      }
    }
  }
}

async function linkTarget(
  link: string,
  search: Search,
): Promise<{ stat: Stats; real: string } | undefined> {
  try {
    return { stat: await fs.stat(link), real: await fs.realpath(link) };
  } catch (error) {
    // A broken link to something that is not YAML is not worth a word.
    if (isYamlFile(link) || (error as NodeJS.ErrnoException).code === 'ELOOP') {
      search.onSkip({ path: link, reason: describeError(error) });
    }
    return undefined;
  }
}

export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
