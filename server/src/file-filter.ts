import picomatch from 'picomatch';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';
import type { Settings } from './settings';

/**
 * Whether a file is analysed under `netpol.include` / `netpol.exclude`. Globs match the path
 * relative to the workspace folder that holds the file, or its name for a file outside them.
 */
export function createFileFilter(
  settings: Settings,
  folders: readonly string[],
): (uri: string) => boolean {
  const included = picomatch([...settings.include], { dot: true });
  const excluded = picomatch([...settings.exclude], { dot: true });
  return (uri) => {
    // Untitled and other in-memory documents are always analysed: the user opened them as YAML.
    if (!uri.startsWith('file:')) {
      return true;
    }
    const relative = relativePath(uri, folders);
    return included(relative) && !excluded(relative);
  };
}

function relativePath(uri: string, folders: readonly string[]): string {
  const file = fileURLToPath(uri);
  const folder = folders.find((candidate) => file.startsWith(candidate + path.sep));
  return (folder === undefined ? path.basename(file) : path.relative(folder, file))
    .split(path.sep)
    .join('/');
}
