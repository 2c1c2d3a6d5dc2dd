import type { Command } from 'commander';
import { InvalidArgumentError, Option } from 'commander';
import { ide } from '../engine';
import type { Dataplane } from '../engine';
import { formatDiffMarkdown, formatDiffText, toDiffJson } from './diff-output';
import type { DiffFormat } from './diff-output';
import { DiffUsageError, loadFromDisk, loadFromGit } from './load-version';

interface DiffOptions {
  readonly format: DiffFormat;
  readonly dataplane: Dataplane;
  readonly failOn?: 'opened' | 'closed' | 'any';
  readonly base?: string;
  readonly limit?: number;
}

const EXIT_OK = 0;
const EXIT_CHANGED = 1;
const EXIT_USAGE = 2;

/** Adds `netpol-lens diff` to the program; `setStatus` receives its exit status. */
export function registerDiff(program: Command, setStatus: (status: number) => void): void {
  program
    .command('diff')
    .description(
      'List the connections between workloads that one version of the workspace opens or closes compared with another.',
    )
    .argument(
      '[paths...]',
      'BASE [HEAD] files or folders (HEAD default: .); with --base, the PATHs to compare (default: .)',
    )
    .option('--base <ref>', 'read the base version of the PATHs from this git revision')
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'markdown'])
        .default('text'),
    )
    .addOption(
      new Option('--dataplane <profile>', 'gke-dataplane-v2 or kubernetes')
        .choices(['gke-dataplane-v2', 'kubernetes'])
        .default('gke-dataplane-v2'),
    )
    .addOption(
      new Option(
        '--fail-on <change>',
        'exit 1 when connections are opened, closed, or either',
      ).choices(['opened', 'closed', 'any']),
    )
    .option(
      '--limit <pairs>',
      'list at most this many pairs of each kind (default 1000, 100 for markdown)',
      parseLimit,
    )
    .action(async (paths: string[], options: DiffOptions) => {
      try {
        setStatus(await runDiff(paths, options));
      } catch (error) {
        if (!(error instanceof DiffUsageError)) {
          throw error;
        }
        process.stderr.write(`netpol-lens: ${error.message}\n`);
        setStatus(EXIT_USAGE);
      }
    });
}

async function runDiff(paths: readonly string[], options: DiffOptions): Promise<number> {
  const { base, head } = await loadVersions(paths, options);
  const diff = ide.diffReachability(base.analysis, head.analysis, { dataplane: options.dataplane });
  const limit = options.limit ?? (options.format === 'markdown' ? 100 : 1000);
  const json = toDiffJson(diff, head.texts, limit);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(
      options.format === 'markdown' ? formatDiffMarkdown(json) : formatDiffText(json),
    );
  }
  const failed =
    (options.failOn === 'opened' && diff.openedPairs > 0) ||
    (options.failOn === 'closed' && diff.closedPairs > 0) ||
    (options.failOn === 'any' && diff.openedPairs + diff.closedPairs > 0);
  return failed ? EXIT_CHANGED : EXIT_OK;
}

async function loadVersions(paths: readonly string[], options: DiffOptions) {
  if (options.base !== undefined) {
    const given = paths.length > 0 ? paths : ['.'];
    const base = loadFromGit(options.base, given, options.dataplane);
    return { base, head: await loadFromDisk(given, options.dataplane) };
  }
  if (paths.length === 0 || paths.length > 2) {
    throw new DiffUsageError('Give BASE and optionally HEAD (files or folders), or --base REF.');
  }
  const base = await loadFromDisk([paths[0]!], options.dataplane);
  return { base, head: await loadFromDisk([paths[1] ?? '.'], options.dataplane) };
}

function parseLimit(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError('Give a whole number of pairs, at least 1.');
  }
  return Number(value);
}
