import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile, DEFAULT_MAX_FILE_SIZE, ide } from '../../../server/src/engine';
import { analyze, offsetOf, POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls api
      from: shop/web
      to: shop/deployment/api
      port: 8080
    - from: ops/prometheus
      to: shop/api
      port: 9090
`;
const FLOWS_URI = 'file:///w/flows.yaml';

const analysis = analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY, [FLOWS_URI]: FLOWS });

describe('definitionAt', () => {
  it("goes from a flow's endpoint reference to the workload's metadata.name", () => {
    const found = ide.definitionAt(
      analysis,
      FLOWS_URI,
      offsetOf(FLOWS, 'shop/deployment/api', 0, 3),
    );
    const start = FLOWS.indexOf('shop/deployment/api');
    assert.deepEqual(found?.span, { start, end: start + 'shop/deployment/api'.length });
    const name = WORLD.indexOf('api', WORLD.indexOf('name: api'));
    assert.deepEqual(found?.target, { uri: WORLD_URI, span: { start: name, end: name + 3 } });
  });

  it('reaches a Pod, and nothing from another field', () => {
    const found = ide.definitionAt(analysis, FLOWS_URI, offsetOf(FLOWS, 'ops/prometheus'));
    assert.equal(found?.target.span.start, WORLD.indexOf('prometheus'));
    assert.equal(ide.definitionAt(analysis, FLOWS_URI, offsetOf(FLOWS, '9090')), undefined);
  });
});

describe('selectionDefinitionAt', () => {
  /** The `metadata.name` value of the object whose name is `name`, in the world. */
  const nameIn = (name: string) => {
    const start = WORLD.indexOf(name, WORLD.indexOf(`name: ${name}`));
    return { uri: WORLD_URI, span: { start, end: start + name.length } };
  };

  it("goes from a policy's podSelector to the workloads it selects", () => {
    const found = ide.selectionDefinitionAt(analysis, POLICY_URI, offsetOf(POLICY, 'app: api'));
    assert.equal(found?.span.start, POLICY.indexOf('app: api'));
    assert.deepEqual(found?.targets, [nameIn('api')]);
    assert.equal(found?.total, 1);
  });

  it('from a peer with a namespace selector to its namespaces and pods, in file order', () => {
    const namespaces = offsetOf(POLICY, 'team: ops', 1);
    const found = ide.selectionDefinitionAt(analysis, POLICY_URI, namespaces);
    assert.deepEqual(found?.targets, [nameIn('ops'), nameIn('prometheus')]);
    const anded = offsetOf(POLICY, 'key: app');
    assert.deepEqual(ide.selectionDefinitionAt(analysis, POLICY_URI, anded)?.targets, [
      nameIn('ops'),
      nameIn('prometheus'),
    ]);
  });

  it('a podSelector alone goes to pods only; a selector of nothing, nowhere', () => {
    const front = ide.selectionDefinitionAt(analysis, POLICY_URI, offsetOf(POLICY, 'tier: front'));
    assert.deepEqual(front?.targets, [nameIn('web')]);
    const nobody = ide.selectionDefinitionAt(analysis, POLICY_URI, offsetOf(POLICY, 'app: nobody'));
    assert.deepEqual([nobody?.targets, nobody?.total], [[], 0]);
    assert.equal(
      ide.selectionDefinitionAt(analysis, POLICY_URI, offsetOf(POLICY, 'cidr')),
      undefined,
    );
    assert.equal(
      ide.selectionDefinitionAt(analysis, POLICY_URI, offsetOf(POLICY, 'policyTypes')),
      undefined,
    );
  });

  it(`lists at most ${ide.MAX_DEFINITIONS} objects and counts them all`, () => {
    const pods = Array.from(
      { length: ide.MAX_DEFINITIONS + 5 },
      (_, index) => `---
apiVersion: v1
kind: Pod
metadata: { name: pod-${index}, namespace: shop, labels: { app: many } }
`,
    ).join('');
    const policy = POLICY.replace('app: nobody', 'app: many');
    const many = analyze({ [WORLD_URI]: WORLD + pods, [POLICY_URI]: policy });
    const found = ide.selectionDefinitionAt(many, POLICY_URI, offsetOf(policy, 'app: many'));
    assert.equal(found?.total, ide.MAX_DEFINITIONS + 5);
    assert.equal(found?.targets.length, ide.MAX_DEFINITIONS);
    const starts = found?.targets.map((target) => target.span.start) ?? [];
    assert.deepEqual(
      starts,
      [...starts].sort((left, right) => left - right),
    );
    assert.equal(starts[0], WORLD.length + pods.indexOf('pod-0'));
  });
});

describe('lensesOf', () => {
  it('a lens per policy with its selected pods, and per flow', () => {
    const policyLenses = ide.lensesOf(analysis, POLICY_URI);
    assert.equal(policyLenses.length, 1);
    const [lens] = policyLenses;
    assert.equal(lens?.kind, 'policy');
    assert.equal(lens?.span.start, 0);
    assert.ok(lens?.kind === 'policy');
    assert.deepEqual(
      ide.podsSelectedBy(analysis.world, lens.policy).map((pod) => pod.name),
      ['api'],
    );
    const flowLenses = ide.lensesOf(analysis, FLOWS_URI);
    assert.deepEqual(
      flowLenses.map((flowLens) => flowLens.span.start),
      [FLOWS.indexOf('name: web calls'), FLOWS.indexOf('from: ops')],
    );
  });
});

describe('outlineFile', () => {
  it('policies with their rules, flows, and the other objects', () => {
    const policy = ide.outlineFile(
      analyzeFile(POLICY_URI, POLICY, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
    );
    assert.equal(policy.length, 1);
    const [item] = policy;
    assert.ok(item?.kind === 'policy');
    assert.equal(item.name, 'api-ingress');
    assert.equal(item.namespace, 'shop');
    assert.equal(item.nameSpan.start, POLICY.indexOf('api-ingress'));
    assert.deepEqual(
      item.children.map(
        (child) => child.kind === 'rule' && [child.direction, child.index, child.peers],
      ),
      [
        ['ingress', 0, 4],
        ['egress', 0, 1],
      ],
    );
    assert.equal(item.children[0]?.span.start, POLICY.indexOf('from:'));
    const flows = ide.outlineFile(
      analyzeFile(FLOWS_URI, FLOWS, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
    );
    assert.ok(flows[0]?.kind === 'sample-flows');
    assert.deepEqual(
      flows[0].children.map((child) => child.kind === 'flow' && [child.name, child.from, child.to]),
      [
        ['web calls api', 'shop/web', 'shop/deployment/api'],
        [null, 'ops/prometheus', 'shop/api'],
      ],
    );
    const world = ide.outlineFile(
      analyzeFile(WORLD_URI, WORLD, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
    );
    assert.deepEqual(
      world.map((entry) => entry.kind === 'object' && `${entry.objectKind} ${entry.name}`),
      ['Namespace shop', 'Namespace ops', 'Deployment web', 'Deployment api', 'Pod prometheus'],
    );
  });
});
