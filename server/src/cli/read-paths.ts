import * as path from 'node:path';
import { describeError, findYamlFiles, readFileText, UnreadableFile } from '../read-file';
import type { Skipped } from '../read-file';
import { printable } from './printable';

/** A file the CLI read: its absolute path, its path as printed, and what it holds. */
export interface ReadFile {
  readonly path: string;
  readonly file: string;
  readonly text: string;
  readonly invalidEncoding: boolean;
  /** Its size in bytes when it was larger than the limit and so not read. */
  readonly tooLarge?: number;
}

/** A path given on the command line that cannot be read: the CLI exits with status 2. */
export class PathError extends Error {}

/**
 * Reads the YAML files under the given files and folders. A given path that cannot be read is a
 * `PathError`; a file or folder found inside one that cannot be read is skipped with a warning
 * through `warn`, and the rest is read.
 */
export async function readPaths(
  paths: readonly string[],
  maxBytes: number,
  warn: (message: string) => void,
): Promise<ReadFile[]> {
  /** The files given as such, by resolved path, with the name they were given as. */
  const given = new Map<string, string>();
  const found = new Set<string>();
  const skip = ({ path: skipped, reason }: Skipped) =>
    warn(`skipping ${printable(relative(skipped))}: ${reason}.`);
  for (const name of paths) {
    if (name.trim() === '') {
      throw new PathError('An empty path was given; use . for the current folder.');
    }
    const files = await findYamlFiles(path.resolve(name), skip).catch((error: unknown) => {
      throw new PathError(`Cannot read ${printable(name)}: ${describeError(error)}.`);
    });
    files.forEach((file) => found.add(file));
    if (files.length === 1 && files[0] === path.resolve(name)) {
      given.set(files[0], name);
    }
  }
  const read: ReadFile[] = [];
  for (const file of [...found].sort()) {
    try {
      read.push({ path: file, file: relative(file), ...(await readFileText(file, maxBytes)) });
    } catch (error) {
      const reason = error instanceof UnreadableFile ? error.message : describeError(error);
      const name = given.get(file);
      if (name !== undefined) {
        throw new PathError(`Cannot read ${printable(name)}: ${reason}.`);
      }
      skip({ path: file, reason });
    }
  }
  return read;
}

/** The path as printed: relative to the current folder. */
export function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
