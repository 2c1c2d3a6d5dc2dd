import { Command, InvalidArgumentError, Option } from 'commander';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from './engine';
import type { FileAnalysis, WorkspaceAnalysis } from './engine';
import { formatCheck } from './cli-output';
import type { OutputFormat } from './cli-output';
import { findYamlFiles, readFileText } from './read-file';

type Dataplane = 'gke-dataplane-v2' | 'kubernetes';

/** Exit statuses of the contract (DESIGN §9). */
const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

class UsageError extends Error {}

interface Loaded {
  readonly files: readonly FileAnalysis[];
  readonly texts: ReadonlyMap<string, { readonly file: string; readonly text: string }>;
  readonly analysis: WorkspaceAnalysis;
}

async function load(paths: readonly string[], dataplane: Dataplane): Promise<Loaded> {
  const found = new Set<string>();
  for (const given of paths.length > 0 ? paths : ['.']) {
    const files = await findYamlFiles(path.resolve(given)).catch(() => {
      throw new UsageError(`Cannot read ${given}: no such file or folder.`);
    });
    files.forEach((file) => found.add(file));
  }
  const files: FileAnalysis[] = [];
  const texts = new Map<string, { file: string; text: string }>();
  for (const file of [...found].sort()) {
    const read = await readFileText(file).catch(() => {
      throw new UsageError(`Cannot read ${path.relative(process.cwd(), file) || file}.`);
    });
    const uri = pathToFileURL(file).toString();
    texts.set(uri, { file: path.relative(process.cwd(), file) || file, text: read.text });
    files.push(
      analyzeFile(uri, read.text, {
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
        invalidEncoding: read.invalidEncoding,
      }),
    );
  }
  return { files, texts, analysis: analyzeWorkspace(files, { dataplane }) };
}

async function check(paths: string[], options: { format: OutputFormat; dataplane: Dataplane }) {
  const loaded = await load(paths, options.dataplane);
  const output = formatCheck(loaded.analysis, loaded.texts, options.format, process.stdout.isTTY);
  process.stdout.write(output.text);
  return output.failed ? EXIT_FAILED : EXIT_OK;
}

function parseDataplane(value: string): Dataplane {
  if (value !== 'gke-dataplane-v2' && value !== 'kubernetes') {
    throw new InvalidArgumentError('Use gke-dataplane-v2 or kubernetes.');
  }
  return value;
}

function dataplaneOption(): Option {
  return new Option('--dataplane <profile>', 'gke-dataplane-v2 or kubernetes')
    .default('gke-dataplane-v2')
    .argParser(parseDataplane);
}

async function main(argv: readonly string[]): Promise<number> {
  let status = EXIT_OK;
  const program = new Command('netpol-lens')
    .description('Check Kubernetes NetworkPolicies and evaluate sample flows.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('check')
    .description('Validate YAML files and evaluate their SampleFlows.')
    .argument('[paths...]', 'files or folders (default: .)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(dataplaneOption())
    .action(async (paths: string[], options: { format: OutputFormat; dataplane: Dataplane }) => {
      status = await check(paths, options);
    });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return status;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`netpol-lens: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (isCommanderExit(error)) {
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
}

function isCommanderExit(error: unknown): error is { exitCode: number } {
  return typeof error === 'object' && error !== null && 'exitCode' in error && 'code' in error;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`netpol-lens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
