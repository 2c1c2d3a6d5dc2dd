import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { analyzeFile } from '../../../server/src/engine/analysis/analyze-file';
import { updateFile } from '../../../server/src/engine/incremental/update-file';

const OPTIONS = { maxFileSize: 1_000_000 };

const policy = (name: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
spec:
  podSelector: {}
`;

describe('analyzeFile', () => {
  it('keeps the objects it knows, with absolute offsets', () => {
    const text = `${policy('a')}---\napiVersion: v1\nkind: ConfigMap\n---\n${policy('b')}`;
    const file = analyzeFile('file:///p.yaml', text, OPTIONS);
    assert.deepEqual(
      file.objects.map((object) => [object.kind, object.offset]),
      [
        ['NetworkPolicy', 0],
        ['NetworkPolicy', text.lastIndexOf('---')],
      ],
    );
  });

  it('counts the items of a kind: List', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: shop}\n  - apiVersion: v1\n    kind: Pod\n    metadata: {name: web}\n`;
    const file = analyzeFile('file:///l.yaml', text, OPTIONS);
    assert.deepEqual(
      file.objects.map((object) => [object.kind, object.path]),
      [
        ['Namespace', ['items', 0]],
        ['Pod', ['items', 1]],
      ],
    );
  });

  it('reuses the analysis of documents whose text did not change', () => {
    const first = analyzeFile('file:///p.yaml', `${policy('a')}---\n${policy('b')}`, OPTIONS);
    const second = updateFile(
      'file:///p.yaml',
      `${policy('a')}---\n${policy('c')}`,
      OPTIONS,
      first,
    );
    assert.equal(second.documents[0]?.analysis, first.documents[0]?.analysis);
    assert.notEqual(second.documents[1]?.analysis, first.documents[1]?.analysis);
  });

  it('still counts the other documents when one has a syntax error', () => {
    const text = `a: [1\n---\n${policy('b')}`;
    const file = analyzeFile('file:///p.yaml', text, OPTIONS);
    assert.equal(file.objects.length, 1);
    assert.ok(file.problems.some((problem) => problem.span.start < text.indexOf('---')));
  });

  it('says once, as information, that a template it cannot read is skipped', () => {
    const text = 'metadata:\n  name: {{ .Values.name }\n  x: [\n';
    const file = analyzeFile('file:///t.yaml', text, OPTIONS);
    assert.deepEqual(
      file.problems.map((problem) => [problem.code, problem.severity, problem.span.start]),
      [['template-skipped', 'information', text.indexOf('{{')]],
    );
  });

  it('reads {{ in comments and strings as text, so a broken policy is still reported (issue 15)', () => {
    for (const template of ['# see {{ docs }}', 'x: "{{ .Values.x }}"', "x: '{{ a }}'"]) {
      const text = `${template}\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n    namespace: a\n`;
      const file = analyzeFile('file:///p.yaml', text, OPTIONS);
      assert.ok(
        file.problems.some((problem) => problem.severity === 'error'),
        JSON.stringify(template),
      );
      assert.ok(!file.problems.some((problem) => problem.code === 'template-skipped'));
    }
  });

  it('leaves {{ in block scalars alone, and checks a template that still parses', () => {
    const rule = 'data:\n  rule: |\n    {{ $labels.pod }}\n  bad: [\n';
    assert.ok(
      analyzeFile('file:///r.yaml', rule, OPTIONS).problems.some(
        (problem) => problem.severity === 'error',
      ),
    );
    const parses = 'metadata:\n  name: x\nsummary: pod {{ $labels.pod }} is down\n';
    assert.deepEqual(analyzeFile('file:///s.yaml', parses, OPTIONS).problems, []);
  });

  it('refuses a file above the size limit with one problem', () => {
    const file = analyzeFile('file:///big.yaml', policy('a').repeat(10), { maxFileSize: 100 });
    assert.deepEqual(
      file.problems.map((problem) => problem.code),
      ['file-too-large'],
    );
    assert.deepEqual(file.objects, []);
  });

  it('refuses bytes that were not UTF-8', () => {
    const file = analyzeFile('file:///bin.yaml', 'a: \uFFFD', {
      ...OPTIONS,
      invalidEncoding: true,
    });
    assert.deepEqual(
      file.problems.map((problem) => problem.code),
      ['invalid-encoding'],
    );
  });

  it('gives nothing for an empty file', () => {
    assert.deepEqual(analyzeFile('file:///e.yaml', '', OPTIONS).problems, []);
  });

  it('gives a pod or workload value the garbage collector took again, read from its text', async () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: {name: shop}\n  - apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: web, namespace: shop, labels: {app: web}}\n    spec:\n      template:\n        metadata: {labels: {app: web}}\n`;
    const [, deployment] = updateFile('file:///l.yaml', text, OPTIONS, undefined).objects;
    assert.equal(deployment?.kind, 'Deployment');
    const expected = structuredClone(deployment.value);
    const first = new WeakRef(deployment.value);
    // A weakly held value lives until the end of the job that read it: collect after it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    assert.equal(first.deref(), undefined, 'the value was held strongly');
    assert.deepEqual(deployment.value, expected);
    assert.deepEqual(deployment.path, ['items', 1]);
  });
});

// The collector as a function, without starting Node with --expose-gc.
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
