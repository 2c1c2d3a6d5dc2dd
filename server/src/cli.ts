import { Command, InvalidArgumentError, Option } from 'commander';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE, ide, present } from './engine';
import type { FileAnalysis, Protocol, WorkspaceAnalysis } from './engine';
import { registerDiff } from './cli/diff';
import { fromSimulation } from './flow-json';
import { formatExplainLogs } from './cli/explain-logs';
import { formatCheck } from './cli-output';
import type { OutputFormat } from './cli-output';
import { PathError, readPaths } from './cli/read-paths';
import { describeError, readFileText, UnreadableFile } from './read-file';

type Dataplane = 'gke-dataplane-v2' | 'kubernetes';

/** Exit statuses of the contract (docs/design.md §9). */
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
  const read = await readPaths(paths.length > 0 ? paths : ['.'], DEFAULT_MAX_FILE_SIZE, warn).catch(
    (error: unknown) => {
      throw error instanceof PathError ? new UsageError(error.message) : error;
    },
  );
  const files: FileAnalysis[] = [];
  const texts = new Map<string, { file: string; text: string }>();
  for (const each of read) {
    const uri = pathToFileURL(each.path).toString();
    texts.set(uri, { file: each.file, text: each.text });
    files.push(
      analyzeFile(uri, each.text, {
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
        invalidEncoding: each.invalidEncoding,
        tooLarge: each.tooLarge,
      }),
    );
  }
  return { files, texts, analysis: analyzeWorkspace(files, { dataplane }) };
}

function warn(message: string): void {
  process.stderr.write(`netpol-lens: ${message}\n`);
}

async function check(paths: string[], options: { format: OutputFormat; dataplane: Dataplane }) {
  const loaded = await load(paths, options.dataplane);
  const output = formatCheck(loaded.analysis, loaded.texts, options.format, process.stdout.isTTY);
  process.stdout.write(output.text);
  return output.failed ? EXIT_FAILED : EXIT_OK;
}

interface SimulateOptions {
  readonly from: string;
  readonly to: string;
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly format: 'text' | 'json';
  readonly dataplane: Dataplane;
  readonly expect?: 'allow' | 'deny';
  readonly project?: string;
  readonly cluster?: string;
  readonly location?: string;
}

async function simulate(paths: string[], options: SimulateOptions) {
  const loaded = await load(paths, options.dataplane);
  const result = ide.simulateFlow(loaded.analysis, options);
  if ('problems' in result) {
    throw new UsageError(result.problems.map((problem) => problem.message).join('\n'));
  }
  const { simulation } = result;
  const json = fromSimulation(simulation, options.dataplane);
  const query = ide.flowQuery(simulation.flow, options);
  if (options.format === 'json') {
    process.stdout.write(`${JSON.stringify({ ...json, query: query.filter }, null, 2)}\n`);
  } else {
    const logs = present.renderLogPreview(simulation.logs).map((line) => `  ${line}`);
    process.stdout.write(
      `${present.explainVerdict(simulation.verdict, simulation.flow)}\nLogs:\n${logs.join('\n')}\n` +
        `Real records:\n  ${query.command}\n`,
    );
  }
  return options.expect === undefined || options.expect === json.verdict ? EXIT_OK : EXIT_FAILED;
}

async function explainLogs(
  records: string,
  paths: string[],
  options: { format: 'text' | 'json'; dataplane: Dataplane },
) {
  const read = await readFileText(records).catch((error: unknown) => {
    const reason = error instanceof UnreadableFile ? error.message : describeError(error);
    throw new UsageError(`Cannot read ${records}: ${reason}.`);
  });
  if (read.tooLarge !== undefined) {
    throw new UsageError(`Cannot read ${records}: it has ${read.tooLarge} bytes, too many.`);
  }
  const loaded = await load(paths, options.dataplane);
  const explanation = ide.explainRecords(loaded.analysis, read.text);
  const file = path.relative(process.cwd(), path.resolve(records)) || records;
  const output = formatExplainLogs(
    explanation,
    file,
    options.format,
    options.dataplane,
    process.stdout.isTTY,
  );
  process.stdout.write(output.text);
  if (output.status === EXIT_USAGE) {
    process.stderr.write(`netpol-lens: ${records} holds no policy-action record.\n`);
  }
  return output.status;
}

function parsePort(value: string): number | string {
  if (/^\d+$/.test(value)) {
    const port = Number(value);
    if (port < 1 || port > 65535) {
      throw new InvalidArgumentError('A port number is between 1 and 65535.');
    }
    return port;
  }
  if (!/^[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?$/.test(value)) {
    throw new InvalidArgumentError('Give a port number or a named port such as http.');
  }
  return value;
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
    .addOption(
      new Option('--format <format>', 'output format')
        .choices(['text', 'json', 'sarif'])
        .default('text'),
    )
    .addOption(dataplaneOption())
    .action(async (paths: string[], options: { format: OutputFormat; dataplane: Dataplane }) => {
      status = await check(paths, options);
    });
  program
    .command('simulate')
    .description('Evaluate one flow against the policies and world of the given files.')
    .argument('[paths...]', 'files or folders (default: .)')
    .requiredOption('--from <ref>', 'source: namespace/name, namespace/kind/name or an IP address')
    .requiredOption(
      '--to <ref>',
      'destination: namespace/name, namespace/kind/name or an IP address',
    )
    .requiredOption('--port <port>', 'port number or named port of the destination', parsePort)
    .addOption(
      new Option('--protocol <protocol>', 'protocol')
        .choices(['TCP', 'UDP', 'SCTP'])
        .default('TCP'),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .addOption(
      new Option('--expect <verdict>', 'exit 1 unless the verdict is this').choices([
        'allow',
        'deny',
      ]),
    )
    .addOption(dataplaneOption())
    .option('--project <id>', 'Google Cloud project of the cluster, for the Cloud Logging query')
    .option('--cluster <name>', 'GKE cluster name, for the Cloud Logging query')
    .option('--location <location>', 'GKE cluster location, for the Cloud Logging query')
    .action(async (paths: string[], options: SimulateOptions) => {
      status = await simulate(paths, options);
    });
  registerDiff(program, (code) => {
    status = code;
  });
  program
    .command('explain-logs')
    .description(
      'Read real policy-action records against the policies and world of the given files.',
    )
    .argument('<records>', 'gcloud logging read --format=json output, or a policy_action.log')
    .argument('[paths...]', 'files or folders (default: .)')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .addOption(dataplaneOption())
    .action(
      async (
        records: string,
        paths: string[],
        options: { format: 'text' | 'json'; dataplane: Dataplane },
      ) => {
        status = await explainLogs(records, paths, options);
      },
    );
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
    process.stderr.write(
      `netpol-lens: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = EXIT_USAGE;
  },
);
