import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze, codesOf, verdictsOf } from '../real/analyze';
import { check, policy, spanIn, spanOf } from './helpers';

// Each optional field written with no value: Go's JSON decoder leaves it at its zero value, so
// the API server reads it as absent (or an empty struct) and accepts the object.
const OPTIONAL_NULLS: readonly (readonly [string, string])[] = [
  ['spec.podSelector', policy('  podSelector:\n  policyTypes: [Ingress]\n')],
  ['podSelector.matchLabels', policy('  podSelector:\n    matchLabels:\n')],
  ['podSelector.matchExpressions', policy('  podSelector:\n    matchExpressions:\n')],
  ['spec.policyTypes', policy('  podSelector: {}\n  policyTypes:\n')],
  ['spec.ingress', policy('  podSelector: {}\n  ingress:\n')],
  ['spec.egress', policy('  podSelector: {}\n  egress:\n')],
  [
    'ingress[0].from',
    policy('  podSelector: {}\n  ingress:\n    - from:\n      ports: [{port: 80}]\n'),
  ],
  ['ingress[0].ports', policy('  podSelector: {}\n  ingress:\n    - ports:\n')],
  ['egress[0].to', policy('  podSelector: {}\n  egress:\n    - to:\n')],
  [
    'peer.podSelector beside namespaceSelector',
    policy(
      '  podSelector: {}\n  ingress:\n    - from:\n        - podSelector:\n          namespaceSelector: {}\n',
    ),
  ],
  [
    'peer.namespaceSelector.matchLabels',
    policy(
      '  podSelector: {}\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n',
    ),
  ],
  [
    'peer.podSelector beside ipBlock',
    policy(
      '  podSelector: {}\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, except: null}\n          podSelector:\n',
    ),
  ],
  [
    'port.protocol, port.port and port.endPort',
    policy(
      '  podSelector: {}\n  ingress:\n    - ports:\n        - protocol:\n          port:\n          endPort:\n',
    ),
  ],
  [
    'matchExpressions[0].values with Exists',
    policy(
      '  podSelector:\n    matchExpressions:\n      - {key: app, operator: Exists, values: null}\n',
    ),
  ],
  [
    'a label value',
    policy('  podSelector:\n    matchLabels:\n      app:\n', '  name: web\n  labels:\n    team:\n'),
  ],
  [
    'metadata maps and namespace',
    policy('  podSelector: {}\n', '  name: web\n  namespace:\n  labels:\n  annotations:\n'),
  ],
  ['an ingress rule item', policy('  podSelector: {}\n  ingress:\n    -\n')],
  ['status', `${policy('  podSelector: {}\n')}status:\n`],
  [
    'NetworkLogging spec, cluster and actions',
    'apiVersion: networking.gke.io/v1alpha1\nkind: NetworkLogging\nmetadata:\n  name: default\n  namespace:\nspec:\n  cluster:\n    allow:\n      log:\n      delegate:\n    deny:\n',
  ],
  [
    'SampleFlows name, protocol, expect and expectLogged',
    'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata:\nspec:\n  flows:\n    - name:\n      from: a/b\n      to: c/d\n      port: 80\n      protocol:\n      expect:\n      expectLogged:\n',
  ],
];

void describe('null fields', () => {
  for (const [field, text] of OPTIONAL_NULLS) {
    void it(`accepts null in ${field}`, () => {
      assert.deepEqual(check(text), []);
    });
  }

  void it('reports a null where a scalar is required, on the value', () => {
    const text = policy(
      '  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            cidr:\n',
    );
    assert.deepEqual(check(text), [{ code: 'wrong-type', span: spanOf(text, 'cidr') }]);
    const key = policy(
      '  podSelector:\n    matchExpressions:\n      - key:\n        operator: Exists\n',
    );
    assert.deepEqual(
      check(key).map((problem) => problem.code),
      ['wrong-type'],
    );
  });

  void it('reports In with values written as null as values required', () => {
    const text = policy(
      '  podSelector:\n    matchExpressions:\n      - {key: app, operator: In, values: null}\n',
    );
    assert.deepEqual(check(text), [{ code: 'selector-values-required', span: spanOf(text, 'In') }]);
  });

  void it('reports a peer whose only fields are null as empty, as the API server does', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - from:\n        - podSelector:\n');
    assert.deepEqual(check(text), [
      { code: 'empty-peer', span: spanIn(text, '- podSelector:\n', 'podSelector:') },
    ]);
  });

  void it('reports a null peer item as an empty peer', () => {
    const text = policy('  podSelector: {}\n  ingress:\n    - from:\n        -\n');
    assert.deepEqual(
      check(text).map((problem) => problem.code),
      ['empty-peer'],
    );
  });

  void it('reports a required flow field written as null', () => {
    const text =
      'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata: {name: f}\nspec:\n  flows:\n    - {from: a/b, to:, port: 80}\n';
    assert.deepEqual(
      check(text).map((problem) => problem.code),
      ['wrong-type'],
    );
  });

  void it('decides flows as the API server reads the nulls', () => {
    const world =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: probe, namespace: other, labels: {app: probe}}\n';
    // The recipe "deny traffic from other namespaces": matchLabels written with no value.
    const denyOthers =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny-others, namespace: shop}\nspec:\n  podSelector:\n    matchLabels:\n  ingress:\n    - from:\n        - podSelector: {}\n';
    const flows =
      'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata: {name: f}\nspec:\n  flows:\n    - {name: same namespace, from: shop/web, to: shop/web, port: 80, protocol:}\n    - {name: other namespace, from: other/probe, to: shop/web, port: 80}\n';
    const analysis = analyze({
      'file:///world.yaml': world,
      'file:///policy.yaml': denyOthers,
      'file:///flows.yaml': flows,
    });
    assert.deepEqual(codesOf(analysis), []);
    assert.deepEqual(verdictsOf(analysis), ['same namespace: allow', 'other namespace: deny']);
  });

  void it('matches a label written with no value as the empty string', () => {
    const world =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop, labels: {app: web}}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: blank, namespace: shop, labels: {app: ""}}\n';
    const deny =
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: shop}\nspec:\n  podSelector:\n    matchLabels:\n      app:\n';
    const flows =
      'apiVersion: netpol-lens.dev/v1alpha1\nkind: SampleFlows\nmetadata: {name: f}\nspec:\n  flows:\n    - {name: to web, from: shop/blank, to: shop/web, port: 80}\n    - {name: to blank, from: shop/web, to: shop/blank, port: 80}\n';
    const analysis = analyze({ 'file:///a.yaml': `${world}---\n${deny}---\n${flows}` });
    assert.deepEqual(verdictsOf(analysis), ['to web: allow', 'to blank: deny']);
  });
});
