import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../../server/src/engine';
import { updateFile } from '../../../server/src/engine/incremental/update-file';
import { updateWorkspace } from '../../../server/src/engine/incremental/update-workspace';
import { analyzeTexts, analyzeVersions, problemsOf } from './helpers';
import type { Texts } from './helpers';

const CODE = 'dataplane-v2-cluster-policy';
const A = 'file:///ws/a.yaml';
const B = 'file:///ws/b.yaml';

const cnp = (name: string) => `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: ${name} }
spec:
  tier: Admin
  priority: 10
  subject: { namespaces: {} }
  ingress: [{ action: Deny, from: [{ namespaces: {} }] }]
`;
const ANP = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: old }
spec:
  priority: 5
  subject: { namespaces: {} }
  ingress: [{ action: Deny, from: [{ namespaces: {} }] }]
`;
const POD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: web, image: nginx }] }
`;

/** Every problem of the code in the workspace, as [uri, the text its span covers, message]. */
function warnings(texts: Texts, dataplane: 'gke-dataplane-v2' | 'kubernetes' = 'gke-dataplane-v2') {
  const analysis = analyzeTexts(texts, dataplane);
  return Object.keys(texts).flatMap((uri) =>
    problemsOf(analysis, texts, uri, CODE).map((problem) => [uri, problem.text, problem.message]),
  );
}

describe('dataplane-v2-cluster-policy, once per workspace', () => {
  it('is one warning, on the kind of the first tiered policy in file order, counting them all', () => {
    const texts = { [B]: `${cnp('first-in-b')}---\n${ANP}`, [A]: `${POD}---\n${cnp('in-a')}` };
    const found = warnings(texts);
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]?.slice(0, 2), [A, 'ClusterNetworkPolicy']);
    assert.equal(analyzeTexts(texts).problems.get(A)?.[0]?.span.start, texts[A].indexOf('Cluster'));
    assert.match(String(found[0]?.[2]), /holds 3 of them/);
    const alone = warnings({ [B]: ANP });
    assert.deepEqual(
      alone.map((entry) => entry.slice(0, 2)),
      [[B, 'AdminNetworkPolicy']],
    );
    assert.match(String(alone[0]?.[2]), /holds this one;/);
  });

  it('says nothing under the kubernetes profile, nor without a tiered policy', () => {
    assert.deepEqual(warnings({ [A]: cnp('a'), [B]: ANP }, 'kubernetes'), []);
    assert.deepEqual(warnings({ [A]: POD }), []);
  });

  it('follows edits incrementally: a policy added before the first, moved, removed', () => {
    const last = analyzeVersions([
      { [A]: POD, [B]: cnp('b') },
      { [A]: `${POD}---\n${cnp('a')}`, [B]: cnp('b') },
      { [A]: `# moved\n${POD}---\n${cnp('a')}`, [B]: cnp('b') },
      { [A]: POD, [B]: `${cnp('b')}---\n${ANP}` },
      { [A]: POD },
    ]);
    assert.deepEqual(last.problems.get(A), []);
  });

  it('keeps the same problem list for its file while an edit elsewhere changes nothing of it', () => {
    const options = { maxFileSize: 1_000_000 };
    const policies = analyzeFile(B, cnp('b'), options);
    const first = updateWorkspace(
      [analyzeFile(A, POD, options), policies],
      { dataplane: 'gke-dataplane-v2' },
      undefined,
    );
    const edited = updateFile(A, POD.replace('app: web', 'app: api'), options, undefined);
    const next = updateWorkspace([edited, policies], { dataplane: 'gke-dataplane-v2' }, first);
    assert.equal(next.problems.get(B)?.length, 1);
    assert.equal(next.problems.get(B), first.problems.get(B));
  });
});
