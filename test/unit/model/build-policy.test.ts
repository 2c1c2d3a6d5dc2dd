import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPolicy } from '../../../server/src/engine/model/build-policy';
import { compileSelector } from '../../../server/src/engine/model/selector';
import { loadObjects } from '../evaluate/load';

const build = (spec: string, metadata = '{ name: p, namespace: shop }') =>
  buildPolicy(
    loadObjects(
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: ${metadata}\nspec: ${spec}\n`,
    )[0]!,
  );

void test('effective policyTypes: as written, else Ingress plus Egress when egress has rules', () => {
  assert.deepEqual(build('{ podSelector: {} }').policyTypes, ['Ingress']);
  assert.deepEqual(build('{ podSelector: {}, egress: [] }').policyTypes, ['Ingress']);
  assert.deepEqual(build('{ podSelector: {}, egress: [{}] }').policyTypes, ['Ingress', 'Egress']);
  assert.deepEqual(build('{ podSelector: {}, policyTypes: [] , egress: [{}] }').policyTypes, [
    'Ingress',
    'Egress',
  ]);
  assert.deepEqual(build('{ podSelector: {}, policyTypes: [Egress], ingress: [{}] }').policyTypes, [
    'Egress',
  ]);
});

void test('rules, peers and ports keep Kubernetes names, defaults and origins', () => {
  const policy = build(`
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: []
    - from: [{ podSelector: {} }, { namespaceSelector: {}, podSelector: { matchLabels: { a: b } } }, { ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }, {}]
      ports: [{ port: 80 }, { protocol: UDP }, { port: http, protocol: SCTP }, { port: 1000, endPort: 2000 }, { protocol: ICMP }, { endPort: 5 }]`);
  assert.equal(policy.namespace, 'shop');
  assert.equal(policy.ingress[0]?.peers, null);
  const rule = policy.ingress[1]!;
  assert.deepEqual(
    rule.peers?.map((peer) => peer.kind),
    ['selector', 'selector', 'ipBlock', 'invalid'],
  );
  assert.deepEqual(rule.peers?.[2]?.origin.path, ['spec', 'ingress', 1, 'from', 2]);
  assert.deepEqual(
    rule.ports.map(({ protocol, port, endPort, valid }) => [protocol, port, endPort, valid]),
    [
      ['TCP', 80, undefined, true],
      ['UDP', undefined, undefined, true],
      ['SCTP', 'http', undefined, true],
      ['TCP', 1000, 2000, true],
      ['TCP', undefined, undefined, false],
      ['TCP', undefined, 5, false],
    ],
  );
  assert.equal(policy.podSelector?.matches({ app: 'api' }), true);
  assert.equal(policy.ref.name, 'p');
});

void test('a policy without namespace is in default; anything unreadable is skipped, never thrown', () => {
  assert.equal(build('{ podSelector: {} }', '{ name: p }').namespace, 'default');
  const odd = build(
    '{ podSelector: 5, ingress: [7, null], egress: { a: 1 }, policyTypes: Ingress }',
  );
  assert.equal(odd.podSelector?.matches({}), false);
  assert.deepEqual(
    odd.ingress.map((rule) => [rule.valid, rule.peers]),
    [
      [false, []],
      [true, null],
    ],
  );
  assert.deepEqual(odd.egress, []);
  assert.deepEqual(odd.policyTypes, ['Ingress']);
  assert.equal(build('{}').podSelector, null);
});

void test('selectors: every operator, ANDed; invalid ones match nothing', () => {
  const selector = compileSelector({
    matchLabels: { app: 'web' },
    matchExpressions: [
      { key: 'tier', operator: 'In', values: ['a', 'b'] },
      { key: 'env', operator: 'NotIn', values: ['prod'] },
      { key: 'team', operator: 'Exists' },
      { key: 'legacy', operator: 'DoesNotExist' },
    ],
  });
  assert.equal(selector.matches({ app: 'web', tier: 'a', team: 'x' }), true);
  assert.equal(selector.matches({ app: 'web', tier: 'a', team: 'x', env: 'dev' }), true);
  assert.equal(selector.matches({ app: 'web', tier: 'a', team: 'x', env: 'prod' }), false);
  assert.equal(selector.matches({ app: 'web', tier: 'c', team: 'x' }), false);
  assert.equal(selector.matches({ app: 'web', tier: 'a' }), false);
  assert.equal(selector.matches({ app: 'web', tier: 'a', team: 'x', legacy: '' }), false);
  assert.equal(compileSelector({}).matchesAll, true);
  assert.equal(
    compileSelector({
      matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }],
    }).matches({ a: 'x' }),
    false,
  );
  assert.equal(
    compileSelector({ matchExpressions: [{ key: 'a', operator: 'Like', values: ['x'] }] }).valid,
    false,
  );
});
