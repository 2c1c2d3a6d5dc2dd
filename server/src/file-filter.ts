import picomatch from 'picomatch';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { Settings } from './settings';

export interface FileFilter {
  /** Whether a file is analysed. */
  readonly includes: (uri: string) => boolean;
  /** The globs that could not be used and were left out, each with its setting (for a user). */
  readonly ignored: readonly string[];
}

/**
 * Whether a file is analysed under `netpol.include` / `netpol.exclude`. Globs match the path
 * relative to the workspace folder that holds the file, or its name for a file outside them.
 */
export function createFileFilter(settings: Settings, folders: readonly string[]): FileFilter {
  const ignored: string[] = [];
  const included = toMatcher('netpol.include', settings.include, ignored);
  const excluded = toMatcher('netpol.exclude', settings.exclude, ignored);
  const includes = (uri: string) => {
    // Untitled and other in-memory documents are always analysed: the user opened them as YAML.
    // So is a file URI that names no local path (a network share, an encoded slash): the
    // editor holds its text, and there is no folder for the globs to be relative to.
    const relative = uri.startsWith('file:') ? relativePath(uri, folders) : undefined;
    return relative === undefined || (included(relative) && !excluded(relative));
  };
  return { includes, ignored };
}

/**
 * One matcher for the globs that compile. VS Code's settings editor leaves an empty item after
 * "Add Item", which picomatch refuses; one bad glob must not cost the user the others.
 */
function toMatcher(
  setting: string,
  globs: readonly string[],
  ignored: string[],
): (relative: string) => boolean {
  const matchers = globs.flatMap((glob) => {
    try {
      return [picomatch(glob, { dot: true })];
    } catch {
      ignored.push(`${setting} ${JSON.stringify(glob)}`);
      return [];
    }
  });
  return (relative) => matchers.some((matches) => matches(relative));
}

function relativePath(uri: string, folders: readonly string[]): string | undefined {
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const folder = folders.find((candidate) => file.startsWith(candidate + path.sep));
  return (folder === undefined ? path.basename(file) : path.relative(folder, file))
    .split(path.sep)
    .join('/');
}
