import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  evaluateWorkspace,
  resolveEndpoint,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import { loadObjects } from '../evaluate/load';

const WORLD = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 8080 }, { name: dns, containerPort: 53, protocol: UDP }] }] }
status: { podIP: 10.0.0.10 }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec: { template: { metadata: { labels: { app: api } }, spec: { containers: [{ name: c, ports: [{ name: grpc, containerPort: 50051 }] }] } } }
---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: shop }
spec: { template: { metadata: { labels: { app: db } }, spec: { containers: [] } } }
---
apiVersion: batch/v1
kind: Job
metadata: { name: db, namespace: shop }
spec: { template: { metadata: { labels: { app: db-job } }, spec: { containers: [] } } }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api-debug } }
`;

function evaluate(flows: string) {
  const flowsText = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: f }
spec:
  flows:
${flows}`;
  const text = `${WORLD}---\n${flowsText}`;
  return { text, result: evaluateWorkspace(loadObjects(text), { dataplane: 'gke-dataplane-v2' }) };
}

void test('every reference form resolves', () => {
  const world = evaluate('').result.world;
  const describe = (reference: string) => {
    const endpoint = resolveEndpoint(world, reference);
    if (endpoint.kind === 'pod') {
      return `${endpoint.pod.workload?.kind ?? 'Pod'} ${endpoint.pod.name} ${endpoint.ip ?? ''}`.trim();
    }
    return endpoint.kind === 'external' ? `external ${endpoint.ip}` : endpoint.code;
  };
  assert.equal(describe('shop/web'), 'Pod web');
  assert.equal(describe('shop/api'), 'Pod api', 'a pod of that name comes before a workload');
  assert.equal(describe('shop/deployment/api'), 'Deployment api');
  assert.equal(describe('shop/Deployment/api'), 'Deployment api');
  assert.equal(describe('shop/pod/api'), 'Pod api');
  assert.equal(describe('shop/statefulset/db'), 'StatefulSet db');
  assert.equal(describe('shop/JOB/db'), 'Job db');
  assert.equal(describe('shop/db'), 'ambiguous-endpoint');
  assert.equal(describe('10.0.0.10'), 'Pod web 10.0.0.10');
  assert.equal(describe('203.0.113.9'), 'external 203.0.113.9');
  assert.equal(describe('2001:DB8:0::1'), 'external 2001:db8::1');
  assert.equal(describe('shop/wbe'), 'unknown-endpoint');
  assert.equal(describe('a/b/c/d'), 'unknown-endpoint');
  assert.equal(describe('shop/service/web'), 'unknown-endpoint');
});

void test('flows echo what was written, resolve named ports and check expect', () => {
  const { text, result } = evaluate(`    - name: web to api
      from: shop/web
      to: shop/deployment/api
      port: grpc
      expect: deny
    - { from: 203.0.113.9, to: shop/web, port: dns, protocol: UDP, expect: allow, expectLogged: false }
    - { from: shop/web, to: shop/web, port: "8080" }
`);
  assert.deepEqual(result.problems, []);
  const [first, second, third] = result.flows;
  assert.equal(first?.name, 'web to api');
  assert.equal(first?.port, 'grpc');
  assert.equal(first?.flow.port, 50051);
  assert.equal(first?.flow.portName, 'grpc');
  assert.equal(first?.protocol, 'TCP');
  assert.equal(first?.ok, false, 'nothing isolates, so the flow is allowed, not denied');
  assert.equal(first?.span.start, text.indexOf('name: web to api'));
  assert.equal(first?.uri, 'file:///test.yaml');
  assert.deepEqual(first?.origin.path, ['spec', 'flows', 0]);
  assert.equal(second?.flow.port, 53);
  assert.equal(second?.protocol, 'UDP');
  assert.equal(second?.ok, true);
  assert.equal(second?.expectLogged, false);
  assert.equal(second?.flow.source.kind, 'external');
  assert.equal(third?.flow.port, 8080);
  assert.equal(third?.expect, null);
});

void test('unresolvable flows become problems on the exact value, with suggestions', () => {
  const { text, result } = evaluate(`    - { from: shop/wbe, to: shop/web, port: 80 }
    - { from: shop/web, to: shop/db, port: 80 }
    - { from: shop/web, to: shop/web, port: htp }
    - { from: shop/web, to: 203.0.113.9, port: https }
    - { from: shop/web, to: shop/web, port: dns }
`);
  const problems = result.problems.map(({ problem }) => ({
    code: problem.code,
    text: text.slice(problem.span.start, problem.span.end),
    message: problem.message,
  }));
  assert.deepEqual(
    problems.map(({ code, text: value }) => [code, value]),
    [
      ['unknown-endpoint', 'shop/wbe'],
      ['ambiguous-endpoint', 'shop/db'],
      ['unknown-named-port', 'htp'],
      ['named-port-external', 'https'],
      ['unknown-named-port', 'dns'],
    ],
  );
  assert.match(problems[0]!.message, /"shop\/web"/);
  assert.match(problems[1]!.message, /shop\/statefulset\/db/);
  assert.match(problems[2]!.message, /Did you mean "http"/);
  // The name exists, under another protocol: the message says so.
  assert.match(problems[4]!.message, /has no TCP port named "dns".*"dns" is a UDP port/);
  assert.equal(result.flows.length, 0);
  assert.equal(resolveEndpoint(result.world, 'shop/wbe').kind, 'unresolved');
});

void test('flows the schema rejects are skipped without a word here', () => {
  const { result } = evaluate(`    - { from: shop/web, to: shop/web, port: 0 }
    - { from: shop/web, to: shop/web, port: 70000 }
    - { from: shop/web, to: shop/web, port: 80, protocol: ICMP }
    - { from: shop/web, port: 80 }
    - just a string
    - { from: shop/web, to: shop/web, port: 80 }
`);
  assert.equal(result.flows.length, 1);
  assert.deepEqual(result.problems, []);
});
