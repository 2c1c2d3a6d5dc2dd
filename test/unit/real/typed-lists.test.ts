import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import { analyze, codesOf, verdictsOf } from './analyze';

const OBJECTS = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: shop}}
---
apiVersion: v1
kind: Namespace
metadata: {name: ops}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api}}
    spec: {containers: [{name: c, ports: [{name: grpc, containerPort: 9090}]}]}
---
apiVersion: v1
kind: Pod
metadata: {name: probe, namespace: ops, labels: {app: probe}}
status: {podIP: 10.8.0.9}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny-all, namespace: shop}
spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-to-api, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}], ports: [{port: grpc}]}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-egress, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  egress: [{to: [{podSelector: {matchLabels: {app: api}}}]}]
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: {name: f}
spec:
  flows:
    - {name: web to api, from: shop/web, to: shop/api, port: grpc}
    - {name: web to api on http, from: shop/web, to: shop/api, port: 8080}
    - {name: api to web, from: shop/api, to: shop/web, port: http}
    - {name: probe to web, from: ops/probe, to: shop/web, port: 8080}
    - {name: web to probe, from: shop/web, to: 10.8.0.9, port: 80}
`;

/** The same objects as typed lists, one per kind, as an API client prints them. */
function asTypedLists(text: string, format: 'yaml' | 'json'): string {
  const byKind = new Map<string, { apiVersion: string; items: Record<string, unknown>[] }>();
  for (const document of parseAllDocuments(text)) {
    const { apiVersion, kind, ...rest } = document.toJS() as Record<string, unknown>;
    const list = byKind.get(String(kind)) ?? { apiVersion: String(apiVersion), items: [] };
    // Half of the items keep their own apiVersion and kind, as kubectl writes them.
    list.items.push(list.items.length % 2 === 0 ? rest : { apiVersion, kind, ...rest });
    byKind.set(String(kind), list);
  }
  const lists = [...byKind].map(([kind, list]) => ({
    apiVersion: list.apiVersion,
    kind: `${kind}List`,
    metadata: { resourceVersion: '1' },
    items: list.items,
  }));
  return lists
    .map((list) => (format === 'json' ? JSON.stringify(list, null, 2) : stringify(list)))
    .join('\n---\n');
}

void describe('typed lists', () => {
  const expected = analyze({ 'file:///objects.yaml': OBJECTS, 'file:///flows.yaml': FLOWS });

  void it('the one-object-per-document workspace decides both ways, with no problem but DNS', () => {
    // Both egress policies cut the shop's pods off from the cluster DNS (assumed: GKE's kube-dns).
    assert.deepEqual(codesOf(expected), ['egress-blocks-dns', 'egress-blocks-dns']);
    assert.deepEqual(verdictsOf(expected), [
      'web to api: allow',
      'web to api on http: deny',
      'api to web: deny',
      'probe to web: deny',
      'web to probe: deny',
    ]);
  });

  for (const format of ['yaml', 'json'] as const) {
    void it(`the ${format} typed-list version gives the same world, verdicts and problems`, () => {
      const lists = analyze({
        'file:///lists.yaml': asTypedLists(OBJECTS, format),
        'file:///flows.yaml': FLOWS,
      });
      assert.deepEqual(verdictsOf(lists), verdictsOf(expected));
      assert.deepEqual(codesOf(lists), codesOf(expected));
      assert.deepEqual(
        lists.policies.map((policy) => `${policy.namespace}/${policy.name}`),
        expected.policies.map((policy) => `${policy.namespace}/${policy.name}`),
      );
      assert.deepEqual(
        lists.world.pods.map((pod) => [pod.namespace, pod.name, pod.ip, pod.labels]),
        expected.world.pods.map((pod) => [pod.namespace, pod.name, pod.ip, pod.labels]),
      );
      assert.deepEqual([...lists.world.namespaces.keys()], [...expected.world.namespaces.keys()]);
    });
  }

  void it('checks the items of a typed list: an invalid CIDR is an error on its value', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicyList
items:
  - metadata: {name: bad, namespace: shop}
    spec:
      podSelector: {}
      egress: [{to: [{ipBlock: {cidr: not-a-cidr}}]}]
`;
    const analysis = analyze({ 'file:///list.yaml': text });
    const problems = analysis.problems.get('file:///list.yaml') ?? [];
    assert.deepEqual(
      problems.map((problem) => [problem.code, text.slice(problem.span.start, problem.span.end)]),
      [['invalid-cidr', 'not-a-cidr']],
    );
  });

  void it('ignores a typed list of a kind the engine does not know, and a list of another version', () => {
    const text = `apiVersion: v1
kind: ConfigMapList
items:
  - metadata: {name: c}
    data: {a: b}
---
apiVersion: networking.k8s.io/v1beta1
kind: NetworkPolicyList
items:
  - metadata: {name: old}
    spec: {podSelector: 3}
`;
    const analysis = analyze({ 'file:///list.yaml': text });
    assert.deepEqual(codesOf(analysis), []);
    assert.deepEqual(analysis.policies, []);
  });
});
