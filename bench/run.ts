import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDir, generate } from './generate';
import type { Manifest } from './generate';
import { constantIn, describeMachine, load } from './machine';
import { measureEngine } from './measure-engine';
import type { EngineFigures, SourceFile } from './measure-engine';
import { hostileTable, measureHostile } from './measure-hostile';
import { measureServer, workspaceOf } from './measure-lsp';
import type { LspOptions, ServerFigures, ServerSpec } from './measure-lsp';
import { DEBOUNCE_MS, OTHER_FILES_MS } from '../server/src/workspace/timing';
import { isScaleName, SCALES } from './scales';
import type { ScaleName } from './scales';
import { formatBytes, formatCount, formatMs } from './stats';
import type { Figure } from './stats';
import { cellOf, medianOf, percentiles, ratio, Table } from './table';

interface Flags {
  readonly scales: readonly ScaleName[];
  readonly runs: number;
  readonly edits: number;
  readonly build: boolean;
  readonly peer: boolean;
  readonly fullSync: boolean;
  readonly sessions: number | undefined;
  readonly engine: boolean;
  readonly hostile: boolean;
}

const ROOT = resolve(__dirname, '..');
const PEER_SETTINGS_FILE = join(ROOT, 'node_modules/yaml-language-server/out/src/yamlSettings.js');
const PEER_DEBOUNCE = constantIn(PEER_SETTINGS_FILE, /validationDelayMs\s*=\s*(\d+)/);
const TIMEOUTS: Record<ScaleName, { open: number; edit: number }> = {
  S: { open: 30_000, edit: 10_000 },
  M: { open: 60_000, edit: 30_000 },
  L: { open: 600_000, edit: 120_000 },
  LD: { open: 600_000, edit: 120_000 },
};

function parseFlags(argv: readonly string[]): Flags {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at === -1 ? argv.find((arg) => arg.startsWith(`${name}=`))?.slice(name.length + 1) : argv[at + 1];
  };
  const scales = (value('--scales') ?? 'S,M,L').split(',').map((name) => name.trim().toUpperCase());
  const bad = scales.filter((name) => !isScaleName(name));
  const runs = Number(value('--runs') ?? 3);
  if (bad.length > 0 || !Number.isInteger(runs) || runs < 1) {
    console.error('usage: npm run bench -- [--scales S,M,L] [--runs N] [--sessions N] [--edits N] [--no-build] [--no-engine] [--no-peer] [--no-hostile] [--full-sync]');
    process.exit(2);
  }
  return {
    scales: scales.filter(isScaleName),
    runs,
    edits: Number(value('--edits') ?? 10),
    build: !argv.includes('--no-build'),
    peer: !argv.includes('--no-peer'),
    fullSync: argv.includes('--full-sync'),
    engine: !argv.includes('--no-engine'),
    hostile: !argv.includes('--no-hostile'),
    sessions: value('--sessions') === undefined ? undefined : Number(value('--sessions')),
  };
}

// The generated folder is reused while the generator's sources are unchanged.
function prepare(scale: ScaleName): { dir: string; manifest: Manifest } {
  const dir = defaultDir(scale);
  const sources = ['generate.ts', 'world-gen.ts', 'policy-gen.ts', 'flow-gen.ts', 'random.ts', 'scales.ts'];
  const hash = createHash('sha256');
  sources.forEach((file) => hash.update(readFileSync(join(__dirname, file))));
  const digest = hash.digest('hex');
  const stamp = join(dir, '.generator');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && existsSync(join(dir, 'bench.json'))) {
    return { dir, manifest: JSON.parse(readFileSync(join(dir, 'bench.json'), 'utf8')) as Manifest };
  }
  const manifest = generate(SCALES[scale], dir);
  writeFileSync(stamp, digest);
  return { dir, manifest };
}

function ours(dir: string): ServerSpec {
  return {
    name: 'netpol-lens',
    command: { command: process.execPath, args: [join(ROOT, 'dist/server.js'), '--stdio'], cwd: dir },
    settings: { netpol: { dataplane: 'gke-dataplane-v2', maxFileSize: 5_000_000 } },
    versioned: true,
    crossFile: true,
  };
}

function peer(dir: string, manifest: Manifest): ServerSpec {
  const schema = pathToFileURL(join(ROOT, 'schemas/networkpolicy.schema.json')).toString();
  return {
    name: 'yaml-language-server',
    command: { command: process.execPath, args: [join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], cwd: dir },
    settings: {
      // Only the schema's own work: no schema store or CRD downloads, no formatter.
      yaml: {
        validate: true,
        hover: false,
        completion: false,
        // An absolute path: a `**/` glob does not enter the dot folder `.test-output`.
        schemas: { [schema]: [join(dir, manifest.policyFile)] },
        schemaStore: { enable: false },
        kubernetesCRDStore: { enable: false },
        format: { enable: false },
      },
      http: { proxy: '', proxyStrictSSL: false },
      '[yaml]': {},
      editor: {},
    },
    versioned: false,
    crossFile: false,
  };
}

function describeWorkspace(manifest: Manifest): string {
  const bytes = manifest.files.reduce((sum, file) => sum + file.bytes, 0);
  const policy = manifest.files.find((file) => file.path === manifest.policyFile);
  const { counts } = manifest;
  return `${counts.policies} policies, ${counts.pods} pods, ${counts.flows} flows, ${counts.namespaces} ns; ${manifest.files.length} files, ${(bytes / 1e6).toFixed(1)} MB (policy file ${((policy?.bytes ?? 0) / 1e6).toFixed(2)} MB, ${policy?.documents ?? 0} docs)`;
}

function fill(table: Table, scale: string, manifest: Manifest, engine: EngineFigures, ourServer: ServerFigures, theirServer: ServerFigures | undefined): void {
  table.set('Workspace', scale, describeWorkspace(manifest));
  table.set('1. Parse floor: `yaml` parseAllDocuments, all files', scale, cellOf(engine.parse));
  table.set('2. Whole analysis: analyzeFile per file + analyzeWorkspace (schema, rules, world, every flow, log preview)', scale, cellOf(engine.analysis));
  table.set('   of which analyzeFile (parse + per-document checks)', scale, cellOf(engine.perFile));
  table.set('   whole analysis / parse floor (medians; target ≤ 1.2×)', scale, times(engine.analysis, engine.parse));
  fillOurs(table, scale, engine, ourServer);
  if (theirServer !== undefined) {
    fillPeer(table, scale, ourServer, theirServer);
  }
  table.set('5. Engine throughput: evaluateFlow over the workspace flows (flows/s; target ≥ 1 M/s)', scale, cellOf(engine.throughput, (value) => `${formatCount(value)}/s`));
  for (const matrix of engine.matrices) {
    table.set(`   Reachability matrix: computeReachability, ${matrix.dataplane} (target L < 2 s)`, scale, cellOf(matrix.time));
    table.set(`   matrix size, ${matrix.dataplane}`, scale, matrix.size);
  }
  table.set('   explain-logs: 100,000 node-file records read, placed and decided (target a few s)', scale, cellOf(engine.records.time));
  table.set('   explain-logs again, the records kept: what the editor waits for after a policy edit', scale, cellOf(engine.records.again));
  table.set('   records file', scale, engine.records.size);
  table.set('   Diff of two versions: diffReachability (two matrices, every pair of joint classes; CLI `diff`)', scale, cellOf(engine.diff));
  table.set('6. Peak RSS, our server (workspace loaded, after the edits; target < 400 MB)', scale, ourServer.peakRss === undefined ? 'n/a' : formatBytes(ourServer.peakRss));
  if (theirServer !== undefined) {
    table.set('   Peak RSS, yaml-language-server (policy file open, after the edits)', scale, theirServer.peakRss === undefined ? 'n/a' : formatBytes(theirServer.peakRss));
  }
}

function fillOurs(table: Table, scale: string, engine: EngineFigures, ourServer: ServerFigures): void {
  table.set('3. Ours: edit a port in the policy file → its diagnostics (target p95 < 50 ms)', scale, percentiles(ourServer.portEdit));
  table.set('   Ours: edit a workload label → flow verdict flips in the flows file', scale, percentiles(ourServer.labelEdit));
  table.set('   Ours: reachability view opens: netpol/reachability, matrix + grid + JSON (target L < 2 s)', scale, ourServer.viewOpen === undefined ? 'n/a' : cellOf(ourServer.viewOpen));
  table.set('   Ours: reachability view follows an edit: label edit → new netpol/reachability (target L < 1 s)', scale, ourServer.viewUpdate === undefined ? 'n/a' : percentiles(ourServer.viewUpdate));
  table.set('   Ours: didOpen policy file → its first diagnostics (cold server, folder given; compared with the peer)', scale, cellOf(ourServer.open));
  table.set('   Ours: didOpen policy file → verdicts of every sample flow published (whole workspace)', scale, cellOf(ourServer.verdicts));
  table.set('   all verdicts / parse floor (medians; target ≤ 1.2×)', scale, times(ourServer.verdicts, engine.parse));
}

// Each ratio divides the same observable on both servers: the first publish for the policy file
// after didOpen (or after the same didChange), from a cold process given the same folder.
function fillPeer(table: Table, scale: string, ourServer: ServerFigures, theirServer: ServerFigures): void {
  const ourDebounce = DEBOUNCE_MS;
  const theirDebounce = PEER_DEBOUNCE ?? 0;
  const minus = (figure: Figure | undefined, ms: number): number | undefined => {
    const value = medianOf(figure);
    return value === undefined ? undefined : value - ms;
  };
  table.set(`4. yaml-language-server: didOpen policy file → diagnostics (cold server; includes its ${theirDebounce} ms debounce)`, scale, cellOf(theirServer.open));
  table.set(`   yaml-language-server: edit a port → diagnostics (includes its ${theirDebounce} ms debounce)`, scale, percentiles(theirServer.portEdit));
  table.set('   ours / theirs: didOpen → first diagnostics of the policy file (medians; target ≤ 0.33×)', scale, ratio(medianOf(ourServer.open), medianOf(theirServer.open)));
  table.set(`   ours / theirs: the same, each minus its own debounce (${ourDebounce} / ${theirDebounce} ms)`, scale, ratio(minus(ourServer.open, ourDebounce), minus(theirServer.open, theirDebounce)));
  table.set('   ours / theirs: port edit (p50; target ≤ 0.02×)', scale, ratio(medianOf(ourServer.portEdit), medianOf(theirServer.portEdit)));
  table.set(`   ours / theirs: port edit (p50), each minus its own debounce (${ourDebounce} / ${theirDebounce} ms)`, scale, ratio(minus(ourServer.portEdit, ourDebounce), minus(theirServer.portEdit, theirDebounce)));
}

/** `a / b` of the medians as "1.11×". */
function times(a: Figure | undefined, b: Figure | undefined): string {
  const value = ratioNumber(medianOf(a), medianOf(b));
  return value === undefined ? 'n/a' : `${value.toFixed(2)}×`;
}

function ratioNumber(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

// Rows 3 and 4 share one client, files and edits; what differs is the work each server does.
const COMPARISON =
  'Ours / theirs: both servers start cold, are initialized with the generated folder as workspace folder, and are timed from the same didOpen (or didChange) of the policy file to ' +
  'their first publishDiagnostics for it (ours: of that document version; the peer sends no version, so its first publish after the notification). ' +
  'In that time ours reads and analyses every YAML file of the folder (see Workspace), since verdicts depend on all of them; its first publish for the opened file carries at least the diagnostics of that file alone ' +
  '(syntax, schema, per-document rules), and a server that publishes everything at once also carries the cross-file ones, so the two "didOpen →" rows of ours are then about equal. ' +
  'The peer validates only the opened file against schemas/networkpolicy.schema.json (schema store, CRD store, hover, completion and formatting off) and reads no other file. ' +
  'The "all verdicts" row has no counterpart in the peer.';

// An engine failure leaves messages in its cells rather than ending the bench: the servers still run.
function engineFigures(files: readonly SourceFile[], flags: Flags): EngineFigures {
  const unmeasured = (missing: string): EngineFigures => ({ parse: { missing }, analysis: { missing }, perFile: { missing }, throughput: { missing }, matrices: [], records: { time: { missing }, again: { missing }, size: '' }, diff: { missing }, notes: [] });
  if (!flags.engine) {
    return unmeasured('skipped (--no-engine)');
  }
  try {
    return measureEngine(files, flags.runs, 60_000);
  } catch (error) {
    return { ...unmeasured(`engine failed: ${String(error).slice(0, 80)}`), notes: [String(error)] };
  }
}

/** Fills the table's column for one scale; returns its notes. */
async function measureScale(scale: ScaleName, flags: Flags, haveServer: boolean, table: Table): Promise<string[]> {
  const { dir, manifest } = prepare(scale);
  const workspace = workspaceOf(dir, manifest);
  const files = manifest.files.map((file) => ({ uri: workspace.uri(file.path), text: workspace.read(file.path) }));
  console.error(`[${scale}] engine...`);
  const engine = engineFigures(files, flags);
  // Cold server sessions at L take minutes each: two unless asked for more.
  const sessions = flags.sessions ?? (scale === 'L' ? Math.min(flags.runs, 2) : flags.runs);
  const options: LspOptions = { sessions, edits: flags.edits, fullSync: flags.fullSync, openTimeoutMs: TIMEOUTS[scale].open, editTimeoutMs: TIMEOUTS[scale].edit };
  console.error(`[${scale}] netpol-lens server...`);
  const ourServer = haveServer ? await measureServer(ours(dir), workspace, options) : { open: { missing: 'no dist/server.js' }, portEdit: { missing: 'no dist/server.js' }, notes: [] };
  if (flags.peer) {
    console.error(`[${scale}] yaml-language-server...`);
  }
  const theirServer = flags.peer ? await measureServer(peer(dir, manifest), workspace, options) : undefined;
  fill(table, scale, manifest, engine, ourServer, theirServer);
  return [...engine.notes, ...ourServer.notes, ...(theirServer?.notes ?? [])];
}

// The hostile files of issue 15, once per bench whatever the scales: each must take seconds.
function hostileFigures(flags: Flags, notes: string[]): string[] {
  const cli = join(ROOT, 'dist/cli.js');
  if (!flags.hostile) {
    return [];
  }
  if (!existsSync(cli)) {
    notes.push('No dist/cli.js: the hostile files were not checked.');
    return [];
  }
  console.error('[hostile] netpol-lens check...');
  return [hostileTable(measureHostile(cli, flags.runs)), ''];
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const loadBefore = load();
  const notes: string[] = [];
  if (flags.build) {
    try {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
    } catch {
      notes.push('`npm run build` failed: the server figures use the dist/server.js already there, if any.');
    }
  }
  const haveServer = existsSync(join(ROOT, 'dist/server.js'));
  if (!haveServer) {
    notes.push('No dist/server.js: our server was not measured.');
  }
  const table = new Table(flags.scales);
  for (const scale of flags.scales) {
    notes.push(...(await measureScale(scale, flags, haveServer, table)).map((note) => `${scale}: ${note}`));
  }
  const hostile = hostileFigures(flags, notes);
  const out = [
    `Machine: ${describeMachine()}; load average ${loadBefore} before, ${load()} after.`,
    `Each figure is min / median / max of ${flags.runs} runs after a warm-up (server opens: one cold process per run, at most 2 at L unless --sessions); edits: ${flags.edits} after one warm-up edit, ${flags.fullSync ? 'full text' : 'ranged (incremental) didChange, as VS Code sends to both servers'}. Times in ms unless marked.`,
    '',
    table.toMarkdown(),
    '',
    `Debounce: yaml-language-server validates ${PEER_DEBOUNCE ?? '?'} ms after the last change, didOpen included (validationDelayMs in out/src/yamlSettings.js, a setTimeout per document in out/src/languageserver/handlers/validationHandlers.js, which runs on every onDidChangeContent); netpol-lens waits ${DEBOUNCE_MS} ms for the edited file (DEBOUNCE_MS in server/src/workspace/timing.ts) and publishes other files, such as the flows file of the label edit, once the edits pause ${OTHER_FILES_MS} ms (OTHER_FILES_MS).`,
    '',
    COMPARISON,
    '',
    ...hostile,
    ...[...new Set(notes)].map((note) => `- ${note}`),
  ];
  console.log(out.join('\n'));
  writeFileSync(join(ROOT, '.test-output/bench/last-run.md'), `${out.join('\n')}\n`);
  console.error(`(also written to .test-output/bench/last-run.md; ${formatMs(performance.now())} in all)`);
}

// Exit explicitly: a server killed mid-request can leave a handle that would keep node alive.
void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
