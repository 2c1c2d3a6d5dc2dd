import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainVerdict, summarizeVerdict } from '../../../server/src/engine/present/index';
import { WORLD, documents, policy, verdictOf } from '../evaluate/fixture';
import { cnp } from '../evaluate/tiers-fixture';

const SHOP = { namespaces: { matchLabels: { team: 'shop' } } };
const EVERYONE = [{ namespaces: {} }];

const yaml = `${WORLD}\n---\n${documents(
  cnp('block-db', 'Admin', 10, SHOP, {
    ingress: [
      { name: 'ops', action: 'Pass', from: [{ namespaces: { matchLabels: { team: 'ops' } } }] },
      { name: 'deny-all', action: 'Deny', from: EVERYONE },
    ],
  }),
  cnp('rival', 'Admin', 10, SHOP, { ingress: [{ action: 'Accept', from: EVERYONE }] }),
  policy('shop', 'api-from-ops', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
  }),
  'apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: { name: default }\nspec: { subject: { namespaces: {} }, egress: [{ action: Deny, to: [{ namespaces: { matchLabels: { env: dev } } }] }] }\n',
)}`;

test('a denial by a cluster policy names its kind, tier, priority, rule number and name', () => {
  const verdict = verdictOf(yaml, 'shop/web -> shop/api 9000', 'kubernetes');
  assert.equal(
    summarizeVerdict(verdict),
    "deny: egress not isolated; ingress denied by ClusterNetworkPolicy block-db (Admin, priority 10) rule 2 'deny-all'",
  );
  const text = explainVerdict(verdict);
  assert.match(
    text,
    /ambiguous: ClusterNetworkPolicy rival \(Admin, priority 10\) rule 1 has the same priority and would accept/,
  );
  assert.doesNotMatch(text, /GKE documents/);
});

test('a Pass is named on the way to the NetworkPolicy that decides', () => {
  const verdict = verdictOf(yaml, 'ops/prom -> shop/api 9000', 'gke-dataplane-v2');
  assert.equal(
    summarizeVerdict(verdict),
    'allow: egress not isolated; ingress allowed by shop/api-from-ops rule 1 (after a Pass by ClusterNetworkPolicy block-db (Admin, priority 10))',
  );
  const text = explainVerdict(verdict);
  assert.match(
    text,
    /passed to the NetworkPolicy tier by ClusterNetworkPolicy block-db \(Admin, priority 10\) rule 1 'ops' \(Pass\): spec\.ingress\[0\], peer 1 \(from\[0\]\), every protocol/,
  );
  assert.match(
    text,
    /note \(gke-dataplane-v2\): GKE documents no support for ClusterNetworkPolicy/,
  );
});

test('a BaselineAdminNetworkPolicy is named without a priority', () => {
  const verdict = verdictOf(yaml, 'shop/web -> lab/box 8081', 'kubernetes');
  assert.equal(
    summarizeVerdict(verdict),
    'deny: egress denied by BaselineAdminNetworkPolicy default (Baseline) rule 1; ingress not isolated',
  );
});
