import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  analyzeFile,
  analyzeWorkspace,
  DEFAULT_MAX_FILE_SIZE,
  ide,
} from '../../../server/src/engine';
import type { FlowAnalysis, WorkspaceAnalysis } from '../../../server/src/engine';
import { allowFlow } from '../../../server/src/engine/ide/fix/allow-flow';
import { applyEdits } from './apply-edits';

const WORLD = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: monitoring }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web, tier: front } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 80 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api, tier: back } }
    spec: { containers: [{ name: api, image: api, ports: [{ name: grpc, containerPort: 9090 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api-canary, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api, tier: back, track: canary } }
    spec: { containers: [{ name: api, image: api, ports: [{ name: grpc, containerPort: 9090 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: prometheus, namespace: monitoring }
spec:
  template:
    metadata: { labels: { app: prometheus } }
    spec: { containers: [{ name: prometheus, image: prom }] }
`;

const POLICIES = `# Everything in shop is isolated both ways.
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
`;

function flows(...entries: string[]): string {
  return `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: checks }
spec:
  flows:
${entries.map((entry) => `    - ${entry}`).join('\n')}
`;
}

const FILES = {
  world: 'file:///w/world.yaml',
  policies: 'file:///w/policies.yaml',
  flows: 'file:///w/flows.yaml',
};

function analyze(texts: Record<string, string>): WorkspaceAnalysis {
  return analyzeWorkspace(
    Object.entries(texts).map(([uri, text]) =>
      analyzeFile(uri, text, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
    ),
    { dataplane: 'gke-dataplane-v2' },
  );
}

function workspace(flowEntries: string[], policies = POLICIES): Record<string, string> {
  return { [FILES.world]: WORLD, [FILES.policies]: policies, [FILES.flows]: flows(...flowEntries) };
}

/** Applies the fix to the texts, analyses again, and returns the new texts and the flow's result. */
function applyFix(texts: Record<string, string>, flowName: string) {
  const analysis = analyze(texts);
  const flow = analysis.flows.find((each) => each.name === flowName)!;
  assert.equal(flow.verdict.allowed, false, 'the flow starts denied');
  const fix = allowFlow(analysis, flow, {
    textOf: (uri) => texts[uri],
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
  });
  assert.ok(fix !== undefined, 'a fix is offered');
  const next = { ...texts };
  for (const [uri, edits] of fix.edits) {
    next[uri] = applyEdits(next[uri]!, edits);
  }
  const after = analyze(next);
  const flowAfter = after.flows.find((each) => each.name === flowName) as FlowAnalysis;
  return { fix, next, after, flowAfter };
}

describe('Allow this flow', () => {
  it('adds one policy per denied direction, in the files that isolate the pods, and the flow passes', () => {
    const texts = workspace([
      '{ name: web to api, from: shop/web, to: shop/api, port: grpc, expect: allow }',
    ]);
    const { fix, next, after, flowAfter } = applyFix(texts, 'web to api');
    assert.equal(flowAfter.verdict.allowed, true);
    assert.equal(flowAfter.ok, true);
    assert.deepEqual(
      fix.policies.map(({ direction, namespace, name, uri }) => [direction, namespace, name, uri]),
      [
        ['ingress', 'shop', 'api-from-web', FILES.policies],
        ['egress', 'shop', 'web-to-api', FILES.policies],
      ],
    );
    // The original text is kept as it was; the new policies follow it as documents of their own.
    assert.ok(next[FILES.policies]!.startsWith(POLICIES));
    assert.equal(
      after.problems.get(FILES.policies)?.filter((p) => p.severity === 'error').length,
      0,
    );
    // The port is named as the flow named it, and each selector is the fewest labels that pick
    // the workload: every label of api is also on api-canary, so api's says the canary's is absent.
    const added = next[FILES.policies]!.slice(POLICIES.length);
    assert.match(added, /port: grpc/);
    assert.match(added, /matchLabels:\n\s+app: web\n/);
    assert.match(added, /key: track\n\s+operator: DoesNotExist/);
    assert.equal(fix.alsoOpensCount, 0);
  });

  it('says what else the change opens', () => {
    // api and api-canary share every label but one: `app: api, tier: back` picks both.
    const texts = workspace([
      '{ name: canary from web, from: shop/web, to: shop/api-canary, port: 9090, expect: allow }',
    ]);
    const { fix, flowAfter } = applyFix(texts, 'canary from web');
    assert.equal(flowAfter.verdict.allowed, true);
    assert.match(
      (fix.edits.get(FILES.policies) ?? []).map((edit) => edit.newText).join(''),
      /track: canary/,
    );
    assert.equal(fix.alsoOpensCount, 0, 'the canary has a label of its own, so nothing else opens');
  });

  it('lists the other connections a broad selector opens', () => {
    // Every pod of the namespace is labelled alike: the smallest selector picks all of them.
    const alike = WORLD.replace(
      /labels: \{ app: (\w+)(, tier: \w+)?(, track: \w+)? \}/g,
      'labels: { team: shop }',
    );
    const texts = {
      ...workspace([
        '{ name: web to api, from: shop/web, to: shop/api, port: 9090, expect: allow }',
      ]),
      [FILES.world]: alike,
    };
    const { fix, flowAfter } = applyFix(texts, 'web to api');
    assert.equal(flowAfter.verdict.allowed, true);
    assert.ok(fix.alsoOpensCount > 0);
    assert.ok(fix.alsoOpens.some((pair) => pair.to === 'shop/api-canary'));
    assert.ok(fix.alsoOpens.every((pair) => !(pair.from === 'shop/web' && pair.to === 'shop/api')));
  });

  it('admits another namespace by its name label, and an external address by a /32 block', () => {
    const texts = workspace([
      '{ name: scrape, from: monitoring/prometheus, to: shop/web, port: http, expect: allow }',
      '{ name: out, from: shop/web, to: 203.0.113.10, port: 443, expect: allow }',
    ]);
    const scrape = applyFix(texts, 'scrape');
    assert.equal(scrape.flowAfter.verdict.allowed, true);
    assert.deepEqual(
      scrape.fix.policies.map((policy) => policy.direction),
      ['ingress'],
    );
    assert.match(scrape.next[FILES.policies]!, /kubernetes.io\/metadata.name: monitoring/);
    const out = applyFix(texts, 'out');
    assert.equal(out.flowAfter.verdict.allowed, true);
    assert.match(out.next[FILES.policies]!, /cidr: 203.0.113.10\/32/);
  });

  it('offers nothing for an allowed flow', () => {
    const texts = workspace([
      '{ name: inside monitoring, from: monitoring/prometheus, to: monitoring/prometheus, port: 80 }',
    ]);
    const analysis = analyze(texts);
    const flow = analysis.flows[0]!;
    assert.equal(flow.verdict.allowed, true);
    assert.equal(
      allowFlow(analysis, flow, {
        textOf: (uri) => texts[uri],
        maxFileSize: DEFAULT_MAX_FILE_SIZE,
      }),
      undefined,
    );
  });

  it('allows a simulated flow that no SampleFlows entry holds, checked by simulating it again', () => {
    const texts = workspace([
      '{ name: inside monitoring, from: monitoring/prometheus, to: monitoring/prometheus, port: 80 }',
    ]);
    const analysis = analyze(texts);
    const request = { from: 'shop/web', to: 'shop/api', port: 'grpc', protocol: 'TCP' } as const;
    const simulated = ide.simulateFlow(analysis, request);
    assert.ok('simulation' in simulated);
    const { flow, verdict } = simulated.simulation;
    const fix = allowFlow(
      analysis,
      { ...request, flow, verdict },
      { textOf: (uri) => texts[uri], maxFileSize: DEFAULT_MAX_FILE_SIZE },
    );
    assert.ok(fix !== undefined, 'a fix is offered');
    const next = { ...texts };
    for (const [uri, edits] of fix.edits) {
      next[uri] = applyEdits(next[uri]!, edits);
    }
    const after = ide.simulateFlow(analyze(next), request);
    assert.ok('simulation' in after);
    assert.equal(after.simulation.verdict.allowed, true);
    assert.deepEqual(
      fix.policies.map((policy) => policy.name),
      ['api-from-web', 'web-to-api'],
    );
  });
});
