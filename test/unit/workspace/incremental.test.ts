import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyzeFile, analyzeWorkspace } from '../../../server/src/engine';
import { updateFile } from '../../../server/src/engine/incremental/update-file';
import { updateWorkspace } from '../../../server/src/engine/incremental/update-workspace';
import type { FileAnalysis, WorkspaceAnalysis } from '../../../server/src/engine';
import { plainAnalysis } from './plain-analysis';
import { originOf } from '../../../server/src/engine/core/source';

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
  {
    file: 'payments-policies.yaml',
    edit: (text) => {
      // Cut the first policy and paste it at the end: the same documents in another order.
      const [first, ...rest] = text.split(/^---\n/m);
      return `${rest.join('---\n')}---\n${first}`;
    },
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
    let analysis = updateWorkspace(files.values(), { dataplane }, undefined);
    for (const { file, edit, dataplane: next } of EDITS) {
      const uri = `file:///shop/${file}`;
      const text = edit(texts.get(uri)!);
      texts.set(uri, text);
      dataplane = next ?? dataplane;
      files.set(uri, updateFile(uri, text, OPTIONS, files.get(uri)));
      analysis = updateWorkspace(files.values(), { dataplane }, analysis);
      const freshFiles = [...texts].map(([freshUri, freshText]) =>
        analyzeFile(freshUri, freshText, OPTIONS),
      );
      const fresh = analyzeWorkspace(freshFiles, { dataplane });
      assert.deepEqual(plainAnalysis(analysis), plainAnalysis(fresh), `after editing ${file}`);
    }
  });

  it('reuses the analysis of documents an edit did not touch', () => {
    const texts = loadExamples();
    const uri = 'file:///shop/policies.yaml';
    const before = updateFile(uri, texts.get(uri)!, OPTIONS, undefined);
    // Same length: no other document moves, so every other placed object is kept as it was.
    const renamed = updateFile(
      uri,
      texts.get(uri)!.replace('name: web-egress', 'name: web-egresz'),
      OPTIONS,
      before,
    );
    assert.equal(
      renamed.objects.filter((object) => before.objects.includes(object)).length,
      before.objects.length - 1,
    );
    // Longer: the documents below move and take their placed objects, and the origins built
    // from them, along to their new offsets.
    const last = before.documents.at(-1)!;
    const offsetBefore = last.offset;
    const longer = updateFile(
      uri,
      texts.get(uri)!.replace('name: web-egress', 'name: web-egress-2'),
      OPTIONS,
      before,
    );
    const moved = longer.documents.at(-1)!;
    assert.equal(moved, last);
    assert.equal(moved.offset, offsetBefore + 2);
    assert.equal(moved.objects[0]!.offset, offsetBefore + 2);
    assert.equal(originOf(moved.objects[0]!).offset, offsetBefore + 2);
  });

  it('places a moved document of sample flows anew: their spans are absolute', () => {
    const uri = 'file:///shop/flows.yaml';
    const flows = loadExamples().get(uri)!;
    const namespace = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\n';
    const before = analyzeFile(uri, `${namespace}${flows}`, OPTIONS);
    const after = updateFile(uri, `${namespace.replace('a }', 'abc }')}${flows}`, OPTIONS, before);
    const [, moved] = after.documents;
    assert.notEqual(moved, before.documents[1]);
    assert.equal(moved!.analysis, before.documents[1]!.analysis);
    assert.equal(moved!.objects[0]!.offset, before.documents[1]!.offset + 2);
  });
});

describe('incremental verdicts', () => {
  const policy = (name: string, port: number) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - ports: [{ port: ${port} }]
`;
  const world = `apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
---
apiVersion: v1
kind: Pod
metadata: { name: db, namespace: data, labels: { app: db } }
`;
  const flows = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: flows }
spec:
  flows:
    - { from: shop/web, to: shop/api, port: 80 }
    - { from: shop/web, to: shop/api, port: 81 }
    - { from: shop/web, to: data/db, port: 80 }
`;
  const run = (edits: readonly string[], file = 'policies.yaml') => {
    const files = new Map<string, FileAnalysis>();
    const put = (uri: string, text: string) =>
      files.set(uri, updateFile(uri, text, OPTIONS, files.get(uri)));
    put('file:///world.yaml', world);
    put('file:///flows.yaml', flows);
    put('file:///policies.yaml', `${policy('a', 80)}---\n${policy('b', 90)}`);
    let analysis: WorkspaceAnalysis | undefined;
    const results: WorkspaceAnalysis[] = [];
    for (const text of edits) {
      put(`file:///${file}`, text);
      analysis = updateWorkspace(files.values(), { dataplane: 'gke-dataplane-v2' }, analysis);
      const fresh = analyzeWorkspace(
        [...files.values()].map((file) =>
          analyzeFile(
            file.uri,
            file.documents.map((d) => d.analysis.parsed.text).join(''),
            OPTIONS,
          ),
        ),
        { dataplane: 'gke-dataplane-v2' },
      );
      assert.deepEqual(plainAnalysis(analysis), plainAnalysis(fresh));
      results.push(analysis);
    }
    return results;
  };

  it('decides again only the flows whose pods a changed policy selects', () => {
    const [before, after] = run([
      `${policy('a', 80)}---\n${policy('b', 90)}`,
      `${policy('a', 81)}---\n${policy('b', 90)}`,
    ]);
    const allowed = (analysis: WorkspaceAnalysis) => analysis.flows.map((f) => f.verdict.allowed);
    assert.deepEqual(allowed(before!), [true, false, true]);
    assert.deepEqual(allowed(after!), [false, true, true]);
    // The flow to data/db is selected by neither version of policy a: its result is kept.
    assert.equal(after!.flows[2]!.verdict, before!.flows[2]!.verdict);
    assert.notEqual(after!.flows[0]!.verdict, before!.flows[0]!.verdict);
  });

  it('decides everything again when the same policies come in another order', () => {
    // A cut and paste: the documents keep their texts, and so their analyses and policies.
    const other = policy('c', 80).replace('namespace: shop', 'namespace: data');
    const [, after] = run([
      `${other}---\n${policy('a', 80)}---\n${policy('b', 81)}`,
      `${other}---\n${policy('b', 81)}---\n${policy('a', 80)}`,
    ]);
    const names = after!.flows[0]!.verdict.ingress.isolatedBy.map((ref) => ref.name);
    assert.deepEqual(names, ['b', 'a']);
  });

  it('decides again only the flows of a pod whose labels changed', () => {
    const relabelled = world.replace(
      'name: web, namespace: shop, labels: { app: web }',
      'name: web, namespace: shop, labels: { app: webby }',
    );
    const [before, after] = run([world, relabelled], 'world.yaml');
    assert.deepEqual(
      after!.flows.map((f) => f.verdict.allowed),
      [true, false, true],
    );
    // Flows from shop/web are decided again; the pods of data/db and shop/api are the same.
    assert.equal(
      after!.world.pods.find((pod) => pod.name === 'api'),
      before!.world.pods.find((pod) => pod.name === 'api'),
    );
    assert.notEqual(after!.flows[0]!.flow, before!.flows[0]!.flow);
  });

  it('starts over when a replaced pod no longer has a port a flow names', () => {
    const named = world.replace(
      'name: api, namespace: shop, labels: { app: api } }',
      'name: api, namespace: shop, labels: { app: api } }\nspec: { containers: [{ name: c, ports: [{ name: http, containerPort: 80 }] }] }',
    );
    const withName = flows.replace('to: shop/api, port: 81', 'to: shop/api, port: http');
    const files = new Map<string, FileAnalysis>();
    const put = (uri: string, text: string) =>
      files.set(uri, updateFile(uri, text, OPTIONS, files.get(uri)));
    put('file:///world.yaml', named);
    put('file:///flows.yaml', withName);
    put('file:///policies.yaml', policy('a', 80));
    const before = updateWorkspace(files.values(), { dataplane: 'gke-dataplane-v2' }, undefined);
    assert.equal(before.flows.length, 3);
    put('file:///world.yaml', named.replace('name: http', 'name: web'));
    const after = updateWorkspace(files.values(), { dataplane: 'gke-dataplane-v2' }, before);
    assert.equal(after.flows.length, 2);
    assert.deepEqual(
      after.problems
        .get('file:///flows.yaml')!
        .filter((p) => p.severity === 'error')
        .map((p) => p.code),
      ['unknown-named-port'],
    );
  });
});
