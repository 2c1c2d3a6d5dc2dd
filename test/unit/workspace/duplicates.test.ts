import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide, present } from '../../../server/src/engine';
import { analyzeTexts, analyzeVersions, problemsOf } from './helpers';

const POLICIES = 'file:///ws/policies/deny.yaml';
const COPY = 'file:///ws/old/deny.yaml';
const WORLD = 'file:///ws/world.yaml';
const FLOWS = 'file:///ws/flows.yaml';

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
`;

const WORLD_TEXT = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
`;

const FLOWS_TEXT = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: f }
spec:
  flows:
    - { from: shop/web, to: shop/api, port: 80 }
    - { from: shop/api, to: shop/web, port: 80 }
`;

describe('duplicate-object', () => {
  it('warns on each of two objects of one kind, namespace and name, naming the other', () => {
    const copy = `# an older version\n${DENY.replace('app: web', 'app: front')}`;
    const texts = { [POLICIES]: DENY, [COPY]: copy, [WORLD]: WORLD_TEXT };
    const analysis = analyzeTexts(texts);
    const here = problemsOf(analysis, texts, POLICIES, 'duplicate-object');
    const there = problemsOf(analysis, texts, COPY, 'duplicate-object');
    assert.deepEqual(
      [...here, ...there].map(({ severity, text }) => ({ severity, text })),
      [
        { severity: 'warning', text: 'api' },
        { severity: 'warning', text: 'api' },
      ],
    );
    assert.match(here[0]!.message, /NetworkPolicy shop\/api is also defined in old\/deny\.yaml/);
    assert.match(there[0]!.message, /policies\/deny\.yaml/);
    // The other one's place, for the editor's related information and the CLI's line.
    assert.deepEqual(here[0]!.related?.[0]?.uri, COPY);
    assert.equal(here[0]!.related?.[0]?.span.start, there[0]!.span.start);
    assert.equal(there[0]!.related?.[0]?.span.start, here[0]!.span.start);
  });

  it('reads a missing namespace as default, and tells kinds and namespaces apart', () => {
    const inDefault = DENY.replace('namespace: shop', 'namespace: default');
    const implicit = DENY.replace(', namespace: shop', '');
    const otherNamespace = DENY.replace('namespace: shop', 'namespace: other');
    const texts = { [POLICIES]: `${inDefault}---\n${otherNamespace}`, [COPY]: implicit };
    const analysis = analyzeTexts(texts);
    assert.equal(problemsOf(analysis, texts, POLICIES, 'duplicate-object').length, 1);
    assert.equal(problemsOf(analysis, texts, COPY, 'duplicate-object').length, 1);
    const pods = {
      [WORLD]: WORLD_TEXT.replace(
        'kind: Pod\nmetadata: { name: api',
        'kind: Pod\nmetadata: { name: web',
      ),
    };
    assert.equal(problemsOf(analyzeTexts(pods), pods, WORLD, 'duplicate-object').length, 2);
    const kinds = {
      [WORLD]: `${WORLD_TEXT}---\napiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: shop }\n`,
    };
    assert.deepEqual(problemsOf(analyzeTexts(kinds), kinds, WORLD, 'duplicate-object'), []);
  });

  it('says in the explanation of a flow that used a duplicate that it has one', () => {
    const texts = { [POLICIES]: DENY, [COPY]: DENY, [WORLD]: WORLD_TEXT, [FLOWS]: FLOWS_TEXT };
    const analysis = analyzeTexts(texts);
    const [toApi, toWeb] = analysis.flows;
    const used = (flow: typeof toApi) =>
      ide.duplicatesUsedBy(
        flow!.verdict,
        [flow!.flow.source, flow!.flow.destination],
        analysis.duplicates,
      );
    assert.deepEqual(used(toApi), ['NetworkPolicy shop/api']);
    // api's egress is not isolated and web's ingress neither: no policy decided.
    assert.deepEqual(used(toWeb), []);
    assert.match(
      present.describeDuplicates(used(toApi)).join('\n'),
      /NetworkPolicy shop\/api is defined more than once/,
    );
  });

  it('follows copies added, edited and removed, incrementally', () => {
    const base = { [POLICIES]: DENY, [WORLD]: WORLD_TEXT, [FLOWS]: FLOWS_TEXT };
    const copied = { ...base, [COPY]: DENY };
    const edited = { ...base, [COPY]: DENY.replace('app: web', 'app: front') };
    const moved = { ...base, [COPY]: `# moved\n${edited[COPY]}` };
    const renamed = { ...base, [COPY]: DENY.replace('name: api', 'name: api-old') };
    const last = analyzeVersions([base, copied, edited, moved, renamed, copied, base]);
    assert.equal(last.duplicates.size, 0);
  });
});
