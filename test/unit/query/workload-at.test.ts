import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide } from '../../../server/src/engine';
import { analyze, offsetOf, POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';

const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: deny-all, namespace: shop }
spec: { podSelector: {} }
`;

const analysis = analyze({
  [WORLD_URI]: WORLD,
  [POLICY_URI]: POLICY,
  'file:///w/deny.yaml': DENY_ALL,
});

const names = (policies: readonly { name: string }[] | undefined) =>
  policies?.map((policy) => policy.name);

describe('workloadAt', () => {
  it('a workload: the policies that isolate it in each direction', () => {
    const found = ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'name: api', 0, 7));
    assert.equal(found?.pod.name, 'api');
    assert.equal(found?.pod.workload?.kind, 'Deployment');
    assert.deepEqual(names(found?.ingress.policies), ['api-ingress', 'deny-all']);
    assert.equal(found?.ingress.isolated, true);
    assert.deepEqual(names(found?.egress.policies), ['api-ingress']);
    const start = WORLD.indexOf('name: api');
    assert.deepEqual(found?.span, { start, end: start + 'name: api'.length });
  });

  it('a Pod that no policy selects is isolated in neither direction', () => {
    const found = ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'prometheus', 0, 2));
    assert.equal(found?.pod.name, 'prometheus');
    assert.equal(found?.ingress.isolated, false);
    assert.equal(found?.egress.isolated, false);
  });

  it('only on metadata.name, and not on a Namespace', () => {
    assert.equal(ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'app: web')), undefined);
    assert.equal(
      ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'name: shop', 0, 7)),
      undefined,
    );
  });
});
