import assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { FileChangeType, MessageType } from 'vscode-languageserver/node';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeFile, analyzeWorkspace } from '../../server/src/engine';
import { createFileFilter } from '../../server/src/file-filter';
import { toSettings } from '../../server/src/settings';
import { toDiagnostic } from '../../server/src/to-lsp';
import { createFakeFiles } from './fake-files';
import { startSession } from './harness';
import type { Session } from './harness';

// `npm run fuzz` runs more operations from a random seed; FUZZ_SEED replays a failure (its seed
// is in the message). 300 operations is the fewest at which the default seed races a disk read
// against a reopened document; they take a few seconds.
const OPERATIONS = Number(process.env['FUZZ_OPERATIONS'] ?? 300);
const SEED =
  process.env['FUZZ_SEED'] === 'random'
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env['FUZZ_SEED'] ?? 15);
/** How long the server may take to publish what a fresh analysis gives, before that is a failure. */
const SETTLE_MS = 20_000;

const SNIPPETS = [
  'apiVersion: v1\nkind: Namespace\nmetadata: { name: shop, labels: { team: a } }\n',
  'apiVersion: v1\nkind: Pod\nmetadata: { name: web, namespace: shop, labels: { app: web } }\nstatus: { podIP: 10.8.0.10 }\n',
  'apiVersion: v1\nkind: Pod\nmetadata: { name: api, namespace: shop, labels: { app: api } }\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: shop }\nspec: { podSelector: {}, policyTypes: [Ingress] }\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: api, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: api } }\n  ingress:\n    - from: [{ podSelector: { matchLabels: { app: web } } }]\n      ports: [{ port: 80 }]\n',
  'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: cidr, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: api } }\n  polcyTypes: [Ingress]\n  ingress: [{ from: [{ ipBlock: { cidr: 10.8.0.0/24 } }] }]\n',
  'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata: { name: flows }\nspec:\n  flows:\n    - { from: shop/web, to: shop/api, port: 80, expect: allow }\n    - { from: shop/api, to: shop/web, port: 443 }\n',
  'apiVersion: networking.gke.io/v1alpha1\nkind: NetworkLogging\nmetadata: { name: default }\nspec: { cluster: { allow: { log: true, delegate: true }, deny: { log: true, delegate: false } } }\n',
  'kind: [unclosed\n',
  'apiVersion: v1\nkind: Pod\n',
  '# a comment only\n',
  '',
];

const INSERTS = [
  'x',
  '\n',
  '  ',
  'app: web',
  '---\n',
  '}',
  ': ',
  '# c',
  'policyTypes',
  '\t',
  'é',
  '😀',
];

const FOLDER = path.join(path.sep, 'fuzz');
const FILES = ['a.yaml', 'b.yaml', 'e.yml', 'vendor/c.yaml', 'node_modules/d.yaml'].map((name) =>
  path.join(FOLDER, name),
);
const UNTITLED = ['untitled:one', 'untitled:two'];
const URIS = [...FILES.map((file) => pathToFileURL(file).toString()), ...UNTITLED];

const SETTINGS: Record<string, unknown[]> = {
  dataplane: ['kubernetes', 'gke-dataplane-v2', 42, undefined],
  flowVerdictSeverity: ['information', 'hint', 'none', 'loud', undefined],
  exclude: [['vendor/**'], ['**/node_modules/**', ''], [''], ['[', '**/b.yaml'], undefined],
  include: [['**/*.yaml'], ['', '**/*.{yaml,yml}'], undefined],
};

const REQUESTS = [
  'textDocument/hover',
  'textDocument/codeLens',
  'textDocument/documentSymbol',
  'textDocument/completion',
  'textDocument/definition',
  'textDocument/codeAction',
  'netpol/endpointAt',
  'netpol/logPreview',
  'netpol/simulateFlow',
];

/** A small seeded generator (mulberry32): the same seed makes the same operations. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), state | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    int,
    chance: (probability: number) => next() < probability,
    pick: <T>(items: readonly T[]): T => items[int(items.length)]!,
  };
}
type Random = ReturnType<typeof createRandom>;

interface Position {
  readonly line: number;
  readonly character: number;
}

/**
 * Where a position lands in `text`, as the protocol means it: lines and characters are whole,
 * at least 0, and clamped to the end of their line (before its line break) and of the text.
 */
function offsetOf(text: string, position: Position): number {
  const starts = [0];
  for (let index = 0; index < text.length; index++) {
    if (text[index] === '\n') {
      starts.push(index + 1);
    }
  }
  const line = Math.max(0, Math.floor(position.line));
  const character = Math.max(0, Math.floor(position.character));
  if (line >= starts.length) {
    return text.length;
  }
  const start = starts[line]!;
  const end = line + 1 < starts.length ? starts[line + 1]! - 1 : text.length;
  return Math.min(start + character, end);
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

function randomText(random: Random): string {
  return Array.from({ length: 1 + random.int(3) }, () => random.pick(SNIPPETS)).join('---\n');
}

/** A change as a client might send it, and the text it leaves (unchanged if it is dropped). */
function randomChange(random: Random, text: string): { change: unknown; after: string } {
  const inserted = random.chance(0.3) ? '' : random.pick(INSERTS);
  const roll = random.int(20);
  if (roll === 0) {
    const replacement = randomText(random);
    return { change: { text: replacement }, after: replacement };
  }
  if (roll === 1) {
    // Without numbers the change cannot be placed: the server drops it.
    const start = random.pick([{ line: 0 }, { line: 0, character: null }, null, 'x']);
    return { change: { range: { start, end: { line: 0, character: 0 } }, text: 'z' }, after: text };
  }
  let start: Position;
  let end: Position;
  if (roll < 5) {
    // Past the end, negative or fractional: clamped.
    const wild = () =>
      random.pick([
        { line: random.int(40) + random.pick([0, 0.5, 0.25]), character: random.int(80) },
        { line: -random.int(3), character: -random.int(3) },
        { line: 1e9, character: 0 },
        { line: random.int(5), character: 1e6 + 0.5 },
      ]);
    start = wild();
    end = wild();
  } else {
    const from = random.int(text.length + 1);
    const to = Math.min(text.length, from + random.int(12));
    start = positionOf(text, from);
    end = positionOf(text, to);
  }
  const [low, high] = [offsetOf(text, start), offsetOf(text, end)].sort((a, b) => a - b);
  return {
    change: { range: { start, end }, text: inserted },
    after: text.slice(0, low) + inserted + text.slice(high),
  };
}

/** What the editor and the disk hold, as the test knows it; the server must come to the same. */
interface Model {
  readonly disk: Map<string, string>;
  readonly open: Map<string, { text: string; version: number }>;
  settings: Record<string, unknown>;
}

interface Expected {
  readonly diagnostics: readonly Diagnostic[];
  /** The version the diagnostics are for; undefined for a file not analysed. */
  readonly version?: number;
}

/** What a fresh analysis of the model's texts publishes for each URI. */
function expectedOf(model: Model): Map<string, Expected> {
  const settings = toSettings(model.settings);
  const includes = createFileFilter(settings, [FOLDER]).includes;
  const documents = new Map<string, TextDocument>();
  for (const uri of URIS) {
    const open = model.open.get(uri);
    const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
    const disk = file === undefined ? undefined : model.disk.get(file);
    if (open !== undefined) {
      documents.set(uri, TextDocument.create(uri, 'yaml', open.version, open.text));
    } else if (disk !== undefined) {
      documents.set(uri, TextDocument.create(uri, 'yaml', 0, disk));
    }
  }
  // A fresh server reads its files in the order of their URIs.
  const analysed = [...documents.values()]
    .filter((document) => includes(document.uri))
    .sort((left, right) => (left.uri < right.uri ? -1 : left.uri > right.uri ? 1 : 0));
  const analysis = analyzeWorkspace(
    analysed.map((document) =>
      analyzeFile(document.uri, document.getText(), { maxFileSize: settings.maxFileSize }),
    ),
    { dataplane: settings.dataplane },
  );
  const expected = new Map<string, Expected>();
  for (const uri of URIS) {
    const document = documents.get(uri);
    if (document === undefined || !includes(uri)) {
      expected.set(uri, { diagnostics: [] });
      continue;
    }
    const diagnostics = (analysis.problems.get(uri) ?? []).flatMap((problem) => {
      if (problem.code === 'flow-verdict' && settings.flowVerdictSeverity !== 'information') {
        if (settings.flowVerdictSeverity === 'none') {
          return [];
        }
        problem = { ...problem, severity: 'hint' };
      }
      return [toDiagnostic(document, problem, (other) => documents.get(other), true)];
    });
    expected.set(uri, { diagnostics, version: document.version });
  }
  return expected;
}

const canonical = (diagnostics: readonly Diagnostic[]) =>
  diagnostics.map((diagnostic) => JSON.stringify(diagnostic)).sort();

/** Where what the server last published differs from what is expected. */
function disagreements(session: Session, expected: Map<string, Expected>): string[] {
  return [...expected].flatMap(([uri, { diagnostics, version }]) => {
    const published = session.latest(uri);
    const same =
      JSON.stringify(canonical(published?.diagnostics ?? [])) ===
        JSON.stringify(canonical(diagnostics)) &&
      (version === undefined || published?.version === version);
    return same
      ? []
      : [
          `${uri}: published v${published?.version} ${canonical(published?.diagnostics ?? []).join('\n  ')}\n` +
            `  expected v${version} ${canonical(diagnostics).join('\n  ')}`,
        ];
  });
}

describe('language server: fuzzed editing against a fresh analysis', () => {
  it(
    `agrees after ${OPERATIONS} random operations (seed ${SEED})`,
    { timeout: 60_000 + OPERATIONS * 1_000 },
    async () => {
      const random = createRandom(SEED);
      const model: Model = { disk: new Map(), open: new Map(), settings: {} };
      for (const file of FILES) {
        if (random.chance(0.7)) {
          model.disk.set(file, randomText(random));
        }
      }
      const files = createFakeFiles(Object.fromEntries(model.disk));
      const session = await startSession(FOLDER, { runtime: files.runtime });
      const trace: string[] = [];
      try {
        for (let step = 0; step < OPERATIONS; step++) {
          trace.push(await operate(random, model, files, session));
          if (random.chance(0.1) || step === OPERATIONS - 1) {
            await settle(model, files, session, trace);
          }
        }
        // Something the server still had to do would come before this file's diagnostics.
        await session.open('untitled:sentinel', '');
        await settle(model, files, session, trace);
      } finally {
        session.close();
      }
    },
  );
});

/** Lets every read finish, then waits until the server has published a fresh analysis' result. */
async function settle(
  model: Model,
  files: ReturnType<typeof createFakeFiles>,
  session: Session,
  trace: readonly string[],
): Promise<void> {
  files.hold(false);
  while (files.pending.length > 0) {
    files.release();
  }
  const expected = expectedOf(model);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), SETTLE_MS);
  });
  const outcome = await Promise.race([
    session.until(() => disagreements(session, expected).length === 0),
    late,
  ]);
  clearTimeout(timer);
  const errors = session.logs.filter((log) => log.type === MessageType.Error);
  assert.deepEqual(
    errors.map((log) => log.message),
    [],
    `seed ${SEED}: the server caught errors after:\n${trace.slice(-20).join('\n')}`,
  );
  assert.notEqual(
    outcome,
    'late',
    `seed ${SEED}: the server disagrees with a fresh analysis after:\n${trace.slice(-20).join('\n')}\n` +
      disagreements(session, expected).join('\n'),
  );
}

/** One random thing a user, an editor or the disk does; returns a line for the failure trace. */
async function operate(
  random: Random,
  model: Model,
  files: ReturnType<typeof createFakeFiles>,
  session: Session,
): Promise<string> {
  const { client } = session;
  const uri = random.pick(URIS);
  const file = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  const open = model.open.get(uri);
  const roll = random.int(100);
  if (roll < 14 && open === undefined) {
    const text =
      file !== undefined && model.disk.has(file) && random.chance(0.6)
        ? model.disk.get(file)!
        : randomText(random);
    const version = 1 + random.int(3);
    model.open.set(uri, { text, version });
    await client.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version, text },
    });
    return `open ${uri} v${version} ${JSON.stringify(text)}`;
  }
  if (roll < 45 && open !== undefined) {
    const changes: unknown[] = [];
    let text = open.text;
    for (let count = 1 + (random.chance(0.2) ? 1 : 0); count > 0; count--) {
      const { change, after } = randomChange(random, text);
      changes.push(change);
      text = after;
    }
    const version = open.version + 1;
    model.open.set(uri, { text, version });
    await client.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
    return `change ${uri} v${version} ${JSON.stringify(changes)}`;
  }
  if (roll < 55 && open !== undefined) {
    model.open.delete(uri);
    await client.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return `close ${uri}`;
  }
  if (roll < 70 && file !== undefined) {
    const existed = model.disk.has(file);
    const deleting = existed && random.chance(0.3);
    if (deleting) {
      model.disk.delete(file);
      files.delete(file);
    } else {
      const text = randomText(random);
      model.disk.set(file, text);
      files.write(file, text);
    }
    const type = deleting
      ? FileChangeType.Deleted
      : existed
        ? FileChangeType.Changed
        : FileChangeType.Created;
    await client.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type }] });
    return `disk ${deleting ? 'delete' : 'write'} ${file}`;
  }
  if (roll < 76) {
    const settings: Record<string, unknown> = {};
    for (const [key, values] of Object.entries(SETTINGS)) {
      const value = random.pick(values);
      if (value !== undefined) {
        settings[key] = value;
      }
    }
    model.settings = settings;
    await session.configure(settings);
    return `settings ${JSON.stringify(settings)}`;
  }
  if (roll < 84) {
    // The disk slows down: reads wait, and finish in any order.
    files.hold(random.chance(0.6));
    while (files.pending.length > 0 && random.chance(0.5)) {
      files.release(random.pick(files.pending));
    }
    return 'disk reads held or released';
  }
  const method = random.pick(REQUESTS);
  const position = random.pick([
    { line: random.int(20), character: random.int(40) },
    { line: 0.5, character: -1 },
    { line: 1e9, character: 1e9 },
    { line: null, character: 'x' },
  ]);
  const range = { start: position, end: position };
  // Any answer will do, an empty one included; an error response fails the test.
  await client.sendRequest(method, {
    textDocument: { uri },
    position,
    range,
    context: { diagnostics: [] },
    uri,
  });
  return `request ${method} ${uri} ${JSON.stringify(position)}`;
}
