import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  evaluateFlow,
  evaluateWorkspace,
  resolveFlow,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import type {
  Dataplane,
  Protocol,
  Verdict,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import { loadObjects } from './load';

/**
 * A small cluster used by the semantics tables: two namespaces with pods, one with IPv6,
 * a host-network pod, and named ports of every protocol.
 */
export const WORLD = `
apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop, env: prod } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ops, labels: { team: ops } }
---
apiVersion: v1
kind: Namespace
metadata: { name: lab, labels: { env: dev } }
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web, tier: front } }
spec:
  containers:
    - name: c
      ports: [{ name: http, containerPort: 8080 }, { name: dns, containerPort: 53, protocol: UDP }]
status: { podIP: 10.0.0.10 }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api, tier: back } }
spec:
  containers:
    - name: c
      ports:
        - { name: http, containerPort: 9000 }
        - { name: metrics, containerPort: 9090, protocol: TCP }
        - { name: sig, containerPort: 7000, protocol: SCTP }
        - { name: stats, containerPort: 8125, protocol: UDP }
status: { podIP: 10.0.0.11 }
---
apiVersion: v1
kind: Pod
metadata: { name: prom, namespace: ops, labels: { app: prom } }
spec: { containers: [{ name: c }] }
status: { podIP: 10.0.1.5 }
---
apiVersion: v1
kind: Pod
metadata: { name: agent, namespace: ops, labels: { app: agent } }
spec: { hostNetwork: true, containers: [{ name: c }] }
status: { podIP: 10.128.0.2 }
---
apiVersion: v1
kind: Pod
metadata: { name: box, namespace: lab, labels: { app: box } }
spec: { containers: [{ name: c, ports: [{ name: http, containerPort: 8081 }] }] }
status: { podIP: fd00::6, podIPs: [{ ip: fd00::6 }, { ip: 10.0.2.6 }] }
`;

export interface Expectation {
  /** `from -> to port[/protocol]`, such as `shop/web -> shop/api 9000/TCP`. */
  readonly flow: string;
  readonly expect: 'allow' | 'deny';
  /** Only under this profile; both when absent. */
  readonly only?: Dataplane;
  readonly egress?: string;
  readonly ingress?: string;
}

export interface SemanticsCase {
  readonly name: string;
  readonly policies: string;
  readonly flows: readonly Expectation[];
}

const DATAPLANES: readonly Dataplane[] = ['gke-dataplane-v2', 'kubernetes'];

export function verdictOf(yaml: string, flowText: string, dataplane: Dataplane): Verdict {
  const match = /^(\S+) -> (\S+) (\S+?)(?:\/(TCP|UDP|SCTP))?$/.exec(flowText);
  assert.ok(match, `bad flow text ${flowText}`);
  const [, from, to, portText, protocol] = match;
  const port = /^\d+$/.test(portText!) ? Number(portText) : portText!;
  const { policies, clusterPolicies, world } = evaluateWorkspace(loadObjects(yaml), { dataplane });
  const resolved = resolveFlow(world, {
    from: from!,
    to: to!,
    port,
    protocol: protocol as Protocol | undefined,
  });
  assert.ok('flow' in resolved, `unresolved flow ${flowText}: ${JSON.stringify(resolved)}`);
  return evaluateFlow(policies, world, resolved.flow, { dataplane, clusterPolicies });
}

/** Runs a table: every flow under every profile it names, each an allow or a deny. */
export function runCases(cases: readonly SemanticsCase[]): void {
  for (const entry of cases) {
    const yaml = `${WORLD}\n---\n${entry.policies}`;
    const expects = new Set(entry.flows.map((flow) => flow.expect));
    void test(entry.name, () => {
      assert.ok(
        expects.has('allow') && expects.has('deny'),
        'each case needs an allowed and a denied flow',
      );
      for (const expectation of entry.flows) {
        for (const dataplane of DATAPLANES.filter(
          (candidate) => (expectation.only ?? candidate) === candidate,
        )) {
          const verdict = verdictOf(yaml, expectation.flow, dataplane);
          const label = `${expectation.flow} [${dataplane}]`;
          assert.equal(verdict.allowed ? 'allow' : 'deny', expectation.expect, label);
          if (expectation.egress !== undefined) {
            assert.equal(verdict.egress.reason, expectation.egress, `${label} egress`);
          }
          if (expectation.ingress !== undefined) {
            assert.equal(verdict.ingress.reason, expectation.ingress, `${label} ingress`);
          }
        }
      }
    });
  }
}

/** A NetworkPolicy document; JSON is YAML, so the spec is written as a plain object. */
export function policy(
  namespace: string,
  name: string,
  spec: unknown,
  annotations?: Record<string, string>,
): string {
  const metadata = { name, namespace, ...(annotations === undefined ? {} : { annotations }) };
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: ${JSON.stringify(metadata)}\nspec: ${JSON.stringify(spec)}\n`;
}

export function documents(...texts: string[]): string {
  return texts.join('---\n');
}
