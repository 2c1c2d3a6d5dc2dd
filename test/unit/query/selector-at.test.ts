import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide } from '../../../server/src/engine';

import { analyze, offsetOf, POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';

const analysis = analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY });

function at(needle: string, occurrence = 0, delta = 1): ide.SelectorAt | undefined {
  return ide.selectorAt(analysis, POLICY_URI, offsetOf(POLICY, needle, occurrence, delta));
}

const names = (selection: ide.SelectorAt | undefined) =>
  selection?.pods.map((matched) => `${matched.pod.namespace}/${matched.pod.name}`);

describe('selectorAt', () => {
  it("spec.podSelector: the pods of the policy's namespace it matches", () => {
    const selection = at('podSelector');
    assert.deepEqual(names(selection), ['shop/api']);
    assert.deepEqual(selection?.pods[0]?.labels, { app: 'api' });
    assert.deepEqual(
      selection?.namespaces.map((namespace) => namespace.name),
      ['shop'],
    );
    const start = POLICY.indexOf('podSelector');
    assert.deepEqual(selection?.span, { start, end: POLICY.indexOf('\n  policyTypes') });
  });

  it('a matchLabels entry alone, with the span of the entry', () => {
    const selection = at('app: api');
    assert.deepEqual(names(selection), ['shop/api']);
    const start = POLICY.indexOf('app: api');
    assert.deepEqual(selection?.span, { start, end: start + 'app: api'.length });
  });

  it('a podSelector peer alone: the policy namespace only', () => {
    assert.deepEqual(names(at('tier: front')), ['shop/web']);
    assert.deepEqual(names(at('podSelector', 1)), ['shop/web']);
  });

  it('namespaceSelector and podSelector in one peer: AND', () => {
    const selection = at('namespaceSelector');
    assert.deepEqual(names(selection), ['ops/prometheus']);
    assert.equal(selection?.byNamespaceSelector, true);
    assert.deepEqual(selection?.namespaces, [{ name: 'ops', labels: { team: 'ops' } }]);
  });

  it('a matchExpressions item alone keeps the namespace scope of its peer', () => {
    const selection = at('{ key: app');
    assert.deepEqual(names(selection), ['ops/prometheus']);
    assert.deepEqual(selection?.pods[0]?.labels, { app: 'prometheus' });
    const start = POLICY.indexOf('{ key: app');
    assert.equal(selection?.span.start, start);
  });

  it('namespaceSelector alone: every pod of the matching namespaces', () => {
    assert.deepEqual(names(at('namespaceSelector', 1)), ['ops/prometheus']);
  });

  it('a selector that matches nothing gives an empty set, not undefined', () => {
    const selection = at('app: nobody');
    assert.ok(selection);
    assert.deepEqual(selection.pods, []);
  });

  it('nothing for an ipBlock peer, metadata or another file', () => {
    assert.equal(at('cidr'), undefined);
    assert.equal(at('api-ingress'), undefined);
    assert.equal(ide.selectorAt(analysis, WORLD_URI, WORLD.indexOf('app: web')), undefined);
  });
});
