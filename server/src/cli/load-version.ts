import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from '../engine';
import type { Dataplane, FileAnalysis, WorkspaceAnalysis } from '../engine';
import type { SourceText } from '../cli-output';
import { isYamlFile } from '../read-file';
import { PathError, readPaths } from './read-paths';

/** A version of the workspace a diff compares, analysed, with its texts by URI. */
export interface LoadedVersion {
  readonly analysis: WorkspaceAnalysis;
  readonly texts: ReadonlyMap<string, SourceText>;
}

/** A bad argument: the CLI says so and exits with status 2. */
export class DiffUsageError extends Error {}

interface VersionFile {
  readonly uri: string;
  readonly file: string;
  readonly text: string;
  readonly invalidEncoding?: boolean;
  readonly tooLarge?: number;
}

/** The YAML files under the given files or folders, as they are on disk. */
export async function loadFromDisk(
  paths: readonly string[],
  dataplane: Dataplane,
): Promise<LoadedVersion> {
  const read = await readPaths(paths, DEFAULT_MAX_FILE_SIZE, (message) =>
    process.stderr.write(`netpol-lens: ${message}\n`),
  ).catch((error: unknown) => {
    throw error instanceof PathError ? new DiffUsageError(error.message) : error;
  });
  const files = read.map((each): VersionFile => ({
    ...each,
    uri: pathToFileURL(each.path).toString(),
  }));
  return analyse(files, dataplane);
}

/**
 * The YAML files under the given paths as git holds them at `ref` (`git show REF:path`). Only
 * the CLI runs git, on the user's own command line; the editor and the server never do.
 */
export function loadFromGit(
  ref: string,
  paths: readonly string[],
  dataplane: Dataplane,
): LoadedVersion {
  if (ref.startsWith('-')) {
    throw new DiffUsageError(`${ref} is not a git revision.`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  } catch {
    throw new DiffUsageError(`${ref} is not a commit of the git repository here.`);
  }
  const files: VersionFile[] = [];
  const names = new Set<string>();
  for (const given of paths) {
    let listed: string;
    try {
      listed = git(['ls-tree', '-r', '-z', '--name-only', ref, '--', given]);
    } catch {
      throw new DiffUsageError(`Cannot list ${given} in ${ref}: is it inside the git repository?`);
    }
    listed
      .split('\0')
      .filter((name) => name !== '' && isYamlFile(name))
      .forEach((name) => names.add(name));
  }
  for (const name of [...names].sort()) {
    const text = git(['show', `${ref}:./${name}`]);
    const uri = `${pathToFileURL(path.resolve(name)).toString()}?ref=${encodeURIComponent(ref)}`;
    files.push({ uri, file: `${ref}:${name}`, text });
  }
  return analyse(files, dataplane);
}

function git(args: readonly string[]): string {
  return execFileSync('git', args, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function analyse(files: readonly VersionFile[], dataplane: Dataplane): LoadedVersion {
  const texts = new Map<string, SourceText>();
  const analyses: FileAnalysis[] = files.map((file) => {
    texts.set(file.uri, { file: file.file, text: file.text });
    return analyzeFile(file.uri, file.text, {
      maxFileSize: DEFAULT_MAX_FILE_SIZE,
      invalidEncoding: file.invalidEncoding ?? false,
      tooLarge: file.tooLarge,
    });
  });
  return { analysis: analyzeWorkspace(analyses, { dataplane }), texts };
}
