import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyzeFile,
  DEFAULT_MAX_FILE_SIZE,
  definitionAt,
  lensesOf,
  outlineFile,
  podsSelectedBy,
} from '../../../server/src/engine';
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
    const found = definitionAt(analysis, FLOWS_URI, offsetOf(FLOWS, 'shop/deployment/api', 0, 3));
    const start = FLOWS.indexOf('shop/deployment/api');
    assert.deepEqual(found?.span, { start, end: start + 'shop/deployment/api'.length });
    const name = WORLD.indexOf('api', WORLD.indexOf('name: api'));
    assert.deepEqual(found?.target, { uri: WORLD_URI, span: { start: name, end: name + 3 } });
  });

  it('reaches a Pod, and nothing from another field', () => {
    const found = definitionAt(analysis, FLOWS_URI, offsetOf(FLOWS, 'ops/prometheus'));
    assert.equal(found?.target.span.start, WORLD.indexOf('prometheus'));
    assert.equal(definitionAt(analysis, FLOWS_URI, offsetOf(FLOWS, '9090')), undefined);
  });
});

describe('lensesOf', () => {
  it('a lens per policy with its selected pods, and per flow', () => {
    const policyLenses = lensesOf(analysis, POLICY_URI);
    assert.equal(policyLenses.length, 1);
    const [lens] = policyLenses;
    assert.equal(lens?.kind, 'policy');
    assert.equal(lens?.span.start, 0);
    assert.ok(lens?.kind === 'policy');
    assert.deepEqual(
      podsSelectedBy(analysis.world, lens.policy).map((pod) => pod.name),
      ['api'],
    );
    const flowLenses = lensesOf(analysis, FLOWS_URI);
    assert.deepEqual(
      flowLenses.map((flowLens) => flowLens.span.start),
      [FLOWS.indexOf('name: web calls'), FLOWS.indexOf('from: ops')],
    );
  });
});

describe('outlineFile', () => {
  it('policies with their rules, flows, and the other objects', () => {
    const policy = outlineFile(
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
    const flows = outlineFile(
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
    const world = outlineFile(
      analyzeFile(WORLD_URI, WORLD, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
    );
    assert.deepEqual(
      world.map((entry) => entry.kind === 'object' && `${entry.objectKind} ${entry.name}`),
      ['Namespace shop', 'Namespace ops', 'Deployment web', 'Deployment api', 'Pod prometheus'],
    );
  });
});
