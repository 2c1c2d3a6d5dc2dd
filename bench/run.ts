import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultDir, generate } from './generate';
import type { Manifest } from './generate';
import { constantIn, describeMachine, load } from './machine';
import { measureEngine } from './measure-engine';
import type { EngineFigures } from './measure-engine';
import { measureServer, workspaceOf } from './measure-lsp';
import type { LspOptions, ServerFigures, ServerSpec } from './measure-lsp';
import { isScaleName, SCALES } from './scales';
import type { ScaleName } from './scales';
import { formatBytes, formatCount, formatMs } from './stats';
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
}

const ROOT = resolve(__dirname, '..');
const OUR_DEBOUNCE = constantIn(join(ROOT, 'server/src/workspace.ts'), /DEBOUNCE_MS\s*=\s*(\d+)/);
const PEER_SETTINGS_FILE = join(ROOT, 'node_modules/yaml-language-server/out/src/yamlSettings.js');
const PEER_DEBOUNCE = constantIn(PEER_SETTINGS_FILE, /validationDelayMs\s*=\s*(\d+)/);
const TIMEOUTS: Record<ScaleName, { open: number; edit: number }> = {
  S: { open: 30_000, edit: 10_000 },
  M: { open: 60_000, edit: 30_000 },
  L: { open: 600_000, edit: 120_000 },
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
    console.error('usage: npm run bench -- [--scales S,M,L] [--runs N] [--sessions N] [--edits N] [--no-build] [--no-engine] [--no-peer] [--full-sync]');
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
  const analysisRatio = ratioNumber(medianOf(engine.analysis), medianOf(engine.parse));
  table.set('   whole analysis / parse floor (medians; target ≤ 1.2×)', scale, analysisRatio === undefined ? 'n/a' : `${analysisRatio.toFixed(2)}×`);
  table.set('3. Ours: edit a port in the policy file → its diagnostics', scale, percentiles(ourServer.portEdit));
  table.set('   Ours: edit a workload label → flow verdict flips in the flows file', scale, percentiles(ourServer.labelEdit));
  table.set('   Ours: didOpen policy file → diagnostics (cold server)', scale, cellOf(ourServer.open));
  table.set('   Ours: initialized → verdicts of the whole workspace (folder scan)', scale, cellOf(ourServer.load));
  if (theirServer !== undefined) {
    const debounce = PEER_DEBOUNCE ?? 0;
    table.set('4. yaml-language-server: didOpen policy file → diagnostics (cold server)', scale, cellOf(theirServer.open));
    table.set(`   yaml-language-server: edit a port → diagnostics (includes its ${debounce} ms debounce)`, scale, percentiles(theirServer.portEdit));
    table.set('   ours / theirs: open (medians)', scale, ratio(medianOf(ourServer.open), medianOf(theirServer.open)));
    table.set('   ours / theirs: port edit (p50)', scale, ratio(medianOf(ourServer.portEdit), medianOf(theirServer.portEdit)));
    const theirWork = medianOf(theirServer.portEdit);
    const ourWork = medianOf(ourServer.portEdit);
    table.set(
      `   ours / theirs: port edit (p50), each minus its own debounce (${OUR_DEBOUNCE ?? '?'} / ${debounce} ms)`,
      scale,
      ratio(ourWork === undefined ? undefined : ourWork - (OUR_DEBOUNCE ?? 0), theirWork === undefined ? undefined : theirWork - debounce),
    );
  }
  table.set('5. Engine throughput: evaluateFlow over the workspace flows (flows/s)', scale, cellOf(engine.throughput, (value) => `${formatCount(value)}/s`));
  table.set('   Reachability matrix over label-set classes', scale, cellOf(engine.matrix));
  table.set('   matrix size', scale, engine.matrixSize ?? 'n/a');
  table.set('6. Peak RSS, our server (workspace loaded, after the edits)', scale, ourServer.peakRss === undefined ? 'n/a' : formatBytes(ourServer.peakRss));
  if (theirServer !== undefined) {
    table.set('   Peak RSS, yaml-language-server (policy file open, after the edits)', scale, theirServer.peakRss === undefined ? 'n/a' : formatBytes(theirServer.peakRss));
  }
}

function ratioNumber(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
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
    const { dir, manifest } = prepare(scale);
    const workspace = workspaceOf(dir, manifest);
    const files = manifest.files.map((file) => ({ uri: workspace.uri(file.path), text: workspace.read(file.path) }));
    console.error(`[${scale}] engine...`);
    const skipped = { missing: 'skipped (--no-engine)' };
    const engine = !flags.engine ? { parse: skipped, analysis: skipped, perFile: skipped, throughput: skipped, matrix: skipped, notes: [] } : await measureEngine(files, flags.runs, 60_000).catch((error: unknown): EngineFigures => {
      const missing = `engine failed: ${String(error).slice(0, 80)}`;
      return { parse: { missing }, analysis: { missing }, perFile: { missing }, throughput: { missing }, matrix: { missing }, notes: [String(error)] };
    });
    // Cold server sessions at L take minutes each: two unless asked for more.
    const sessions = flags.sessions ?? (scale === 'L' ? Math.min(flags.runs, 2) : flags.runs);
    const options: LspOptions = { sessions, edits: flags.edits, fullSync: flags.fullSync, openTimeoutMs: TIMEOUTS[scale].open, editTimeoutMs: TIMEOUTS[scale].edit };
    console.error(`[${scale}] netpol-lens server...`);
    const ourServer = haveServer ? await measureServer(ours(dir), workspace, options) : { open: { missing: 'no dist/server.js' }, portEdit: { missing: 'no dist/server.js' }, notes: [] };
    console.error(`[${scale}] yaml-language-server...`);
    const theirServer = flags.peer ? await measureServer(peer(dir, manifest), workspace, options) : undefined;
    fill(table, scale, manifest, engine, ourServer, theirServer);
    notes.push(...[...engine.notes, ...ourServer.notes, ...(theirServer?.notes ?? [])].map((note) => `${scale}: ${note}`));
  }
  const out = [
    `Machine: ${describeMachine()}; load average ${loadBefore} before, ${load()} after.`,
    `Each figure is min / median / max of ${flags.runs} runs after a warm-up (server opens: one cold process per run, at most 2 at L unless --sessions); edits: ${flags.edits} after one warm-up edit, ${flags.fullSync ? 'full text' : 'ranged (incremental) didChange, as VS Code sends to both servers'}. Times in ms unless marked.`,
    '',
    table.toMarkdown(),
    '',
    `Debounce: yaml-language-server validates ${PEER_DEBOUNCE ?? '?'} ms after the last change (validationDelayMs in out/src/yamlSettings.js, a setTimeout per document in out/src/languageserver/handlers/validationHandlers.js); netpol-lens waits ${OUR_DEBOUNCE ?? '?'} ms (DEBOUNCE_MS in server/src/workspace.ts).`,
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
