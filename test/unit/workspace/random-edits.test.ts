import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { generate } from '../../../bench/generate';
import { SCALES } from '../../../bench/scales';
import { analyzeFile, analyzeWorkspace, createAnalysisHost } from '../../../server/src/engine';
import type { WorkspaceAnalysis } from '../../../server/src/engine';
import { plainAnalysis } from './plain-analysis';

const OPTIONS = { maxFileSize: 10_000_000 };

// The bench's seeded S workspace: 20 policies, 200 pods, 100 flows in ten files.
const dir = mkdtempSync(path.join(tmpdir(), 'netpol-edits-'));
generate(SCALES.S, dir);
const TEXTS = new Map(
  readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => [`file:///ws/${name}`, readFileSync(path.join(dir, name), 'utf8')]),
);
after(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a user sees: problems by file, and each flow's verdict and log lines. */
/** The world's indexes, each as sorted keys with the names of their pods in order. */
function indexesOf(world: WorkspaceAnalysis['world']) {
  const named = (index: ReadonlyMap<string, readonly { namespace: string; name: string }[]>) =>
    [...index]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, pods]) => [key, pods.map((pod) => `${pod.namespace}/${pod.name}`)]);
  return [named(world.podsByNamespace), named(world.podsByIp), named(world.podsByLabel)];
}

/** Edits a user makes: a label, a port, a line removed or doubled, a document moved. */
const EDIT = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    // Pod labels (in a pod, in a workload's template), selectors, ports, namespace labels.
    text: fc.constantFrom('\n    app: ', '\n        app: ', 'app: ', 'port: ', 'team: ', 'tier: '),
    by: fc.constantFrom('x', '8', '-a', ''),
  }),
  fc.record({ kind: fc.constant('line' as const), at: fc.nat(), twice: fc.boolean() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat() }),
  // The probe client reaches its server only while its access label says granted-0 to 9.
  fc.record({
    kind: fc.constant('probe' as const),
    value: fc.constantFrom('granted-3', 'revoked'),
  }),
);
type Edit = typeof EDIT extends fc.Arbitrary<infer T> ? T : never;

function apply(text: string, edit: Edit): string {
  if (edit.kind === 'probe') {
    return text.replace(/access: \S+/, `access: ${edit.value}`);
  }
  if (edit.kind === 'replace') {
    const found: number[] = [];
    for (let at = text.indexOf(edit.text); at !== -1; at = text.indexOf(edit.text, at + 1)) {
      found.push(at);
    }
    if (found.length === 0) {
      return text;
    }
    const at = found[edit.at % found.length]! + edit.text.length;
    return text.slice(0, at) + edit.by + text.slice(at);
  }
  if (edit.kind === 'line') {
    const lines = text.split('\n');
    const at = edit.at % lines.length;
    lines.splice(at, 1, ...(edit.twice ? [lines[at]!, lines[at]!] : []));
    return lines.join('\n');
  }
  const documents = text.split(/^---\n/m);
  if (documents.length < 2) {
    return text;
  }
  const [moved] = documents.splice(edit.at % documents.length, 1);
  documents.push(moved!.endsWith('\n') ? moved! : `${moved!}\n`);
  return documents.join('---\n');
}

const PROBE_FILE = [...TEXTS].find(([, text]) => text.includes('name: probe-client'))![0];

describe('random edits of a generated workspace', () => {
  it('give after each edit what a fresh analysis of the same texts gives', () => {
    const uris = [...TEXTS.keys()];
    // Half the edits go to the pods and workloads, which most flows depend on.
    const world = uris.filter((uri) => /\/(pods|workloads-\d+)\.yaml$/.test(uri));
    const FILE = fc.oneof(fc.constantFrom(...world), fc.constantFrom(...uris));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(FILE, EDIT), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('gke-dataplane-v2' as const, 'kubernetes' as const),
        (edits, dataplane) => {
          const texts = new Map(TEXTS);
          const host = createAnalysisHost();
          for (const [uri, text] of texts) {
            host.setFile(uri, text, OPTIONS);
          }
          let analysis = host.analyze(texts.keys(), { dataplane });
          for (const [chosen, edit] of edits) {
            const uri = edit.kind === 'probe' ? PROBE_FILE : chosen;
            const text = apply(texts.get(uri)!, edit);
            texts.set(uri, text);
            host.setFile(uri, text, OPTIONS);
            analysis = host.analyze(texts.keys(), { dataplane });
            const fresh = analyzeWorkspace(
              [...texts].map(([freshUri, freshText]) => analyzeFile(freshUri, freshText, OPTIONS)),
              { dataplane },
            );
            assert.deepEqual(plainAnalysis(analysis), plainAnalysis(fresh));
            // Per-pod caches are arrays by index: a pod kept from an earlier world must sit at
            // the same position in this one.
            analysis.world.pods.forEach((pod, index) => assert.equal(pod.index, index));
            assert.deepEqual(indexesOf(analysis.world), indexesOf(fresh.world));
            // And they list this world's pods, not versions an edit replaced.
            const { world } = analysis;
            for (const index of [world.podsByNamespace, world.podsByIp, world.podsByLabel]) {
              for (const pods of index.values()) {
                pods.forEach((pod) => assert.equal(world.pods[pod.index], pod));
              }
            }
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});
