import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../server/src/engine';
import type { FileAnalysis, WorkspaceAnalysis } from '../../../server/src/engine';

const EXAMPLES = path.resolve(__dirname, '../../../examples/shop');
const OPTIONS = { maxFileSize: 1_000_000 };

type Dataplane = 'gke-dataplane-v2' | 'kubernetes';

function loadExamples(): Map<string, string> {
  return new Map(
    readdirSync(EXAMPLES).map((name) => [
      `file:///shop/${name}`,
      readFileSync(path.join(EXAMPLES, name), 'utf8'),
    ]),
  );
}

/** What a user sees: every problem, and every flow's verdict and log lines. */
function observable(analysis: WorkspaceAnalysis) {
  return {
    problems: [...analysis.problems].sort(([a], [b]) => a.localeCompare(b)),
    flows: analysis.flows.map((flow) => ({
      span: flow.span,
      allowed: flow.verdict.allowed,
      egress: flow.verdict.egress.reason,
      ingress: flow.verdict.ingress.reason,
      logs: flow.logs.map((entry) => (entry.logged ? entry.line : entry.reason)),
    })),
  };
}

const EDITS: readonly {
  readonly file: string;
  readonly edit: (text: string) => string;
  readonly dataplane?: Dataplane;
}[] = [
  {
    file: 'workloads.yaml',
    edit: (text) => text.replace('labels: { app: web, tier: frontend }', 'labels: { app: webby }'),
  },
  { file: 'policies.yaml', edit: (text) => text.replace('namespaceSelecter', 'namespaceSelector') },
  {
    file: 'policies.yaml',
    edit: (text) => `# a comment that moves every document below it\n${text}`,
  },
  { file: 'namespaces.yaml', edit: (text) => text.replace('team: platform', 'team: platform-x') },
  { file: 'logging.yaml', edit: (text) => text.replace('delegate: true', 'delegate: false') },
  {
    file: 'flows.yaml',
    edit: (text) =>
      text.replace('port: 50051\n      expect: allow', 'port: 50052\n      expect: allow'),
  },
  { file: 'payments-policies.yaml', edit: (text) => text.replace('port: 50051', 'port: grpc') },
  { file: 'workloads.yaml', edit: (text) => text, dataplane: 'kubernetes' },
  {
    file: 'workloads.yaml',
    edit: (text) => text.replace('labels: { app: webby }', 'labels: { app: web, tier: frontend }'),
  },
];

describe('incremental analysis', () => {
  it('gives after each edit exactly what a fresh analysis gives', () => {
    const texts = loadExamples();
    const files = new Map<string, FileAnalysis>();
    for (const [uri, text] of texts) {
      files.set(uri, analyzeFile(uri, text, OPTIONS));
    }
    let dataplane: Dataplane = 'gke-dataplane-v2';
    let analysis = analyzeWorkspace(files.values(), { dataplane });
    for (const { file, edit, dataplane: next } of EDITS) {
      const uri = `file:///shop/${file}`;
      const text = edit(texts.get(uri)!);
      texts.set(uri, text);
      dataplane = next ?? dataplane;
      files.set(uri, analyzeFile(uri, text, OPTIONS, files.get(uri)));
      analysis = analyzeWorkspace(files.values(), { dataplane }, analysis);
      const freshFiles = [...texts].map(([freshUri, freshText]) =>
        analyzeFile(freshUri, freshText, OPTIONS),
      );
      const fresh = analyzeWorkspace(freshFiles, { dataplane });
      assert.deepEqual(observable(analysis), observable(fresh), `after editing ${file}`);
    }
  });

  it('reuses the analysis of documents an edit did not touch', () => {
    const texts = loadExamples();
    const uri = 'file:///shop/policies.yaml';
    const before = analyzeFile(uri, texts.get(uri)!, OPTIONS);
    // Same length: no other document moves, so every other placed object is kept as it was.
    const renamed = analyzeFile(
      uri,
      texts.get(uri)!.replace('name: web-egress', 'name: web-egresz'),
      OPTIONS,
      before,
    );
    assert.equal(
      renamed.objects.filter((object) => before.objects.includes(object)).length,
      before.objects.length - 1,
    );
    // Longer: the documents below move, keep their analysis, and get newly placed objects.
    const longer = analyzeFile(
      uri,
      texts.get(uri)!.replace('name: web-egress', 'name: web-egress-2'),
      OPTIONS,
      before,
    );
    const moved = longer.documents.at(-1)!;
    assert.notEqual(moved.offset, before.documents.at(-1)!.offset);
    assert.equal(moved.analysis, before.documents.at(-1)!.analysis);
  });
});
