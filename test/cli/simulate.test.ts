import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

interface FlowJson {
  verdict: string;
  from: string;
  port: number | string;
  protocol: string;
  explanation: {
    ingress: { reason: string; allowedBy: { policy: { name: string }; ruleIndex: number }[] };
  };
  logs: { direction: string; logged: boolean; line?: string; reason?: string }[];
}

describe('netpol-lens simulate', () => {
  it('prints the verdict, the explanation and the log lines as text', () => {
    const run = runCli(
      'simulate',
      'examples',
      '--from',
      'shop/web',
      '--to',
      'shop/api',
      '--port',
      'http',
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^allow: shop\/web -> shop\/api/);
    assert.match(run.stdout, /shop\/web-to-api/);
    assert.match(run.stdout, /"disposition":"allow"/);
  });

  it('prints one flow object as JSON', () => {
    const run = runCli(
      'simulate',
      'examples',
      '--from',
      'shop/web',
      '--to',
      'shop/api',
      '--port',
      '8080',
      '--format',
      'json',
    );
    const flow = JSON.parse(run.stdout) as FlowJson;
    assert.equal(flow.verdict, 'allow');
    assert.equal(flow.port, 8080);
    assert.equal(flow.protocol, 'TCP');
    assert.equal(flow.explanation.ingress.reason, 'allowed-by-rule');
    assert.equal(flow.explanation.ingress.allowedBy[0]?.policy.name, 'web-to-api');
    assert.deepEqual(
      flow.logs.map((entry) => entry.direction),
      ['egress', 'ingress'],
    );
    const ingress = flow.logs[1];
    assert.ok(ingress?.logged === true && typeof ingress.line === 'string');
    assert.equal((JSON.parse(ingress.line) as { disposition: string }).disposition, 'allow');
  });

  it('gives the Cloud Logging query: the gcloud command in text, the filter in JSON', () => {
    const args = [
      'simulate',
      'examples',
      '--from',
      'shop/web',
      '--to',
      'shop/api',
      '--port',
      'http',
    ];
    const target = ['--project', 'acme-prod', '--cluster', 'prod-1', '--location', 'us-east1'];
    const text = runCli(...args, ...target);
    assert.match(
      text.stdout,
      /\nReal records:\n {2}gcloud logging read --project acme-prod '.*jsonPayload\.dest\.workload_name="api".*' --format=json\n$/,
    );
    const json = JSON.parse(runCli(...args, ...target, '--format', 'json').stdout) as {
      query: string;
    };
    assert.match(json.query, /^resource\.type="k8s_node" resource\.labels\.location="us-east1" /);
    assert.match(json.query, /jsonPayload\.src\.pod_namespace="shop"/);
    assert.match(json.query, /jsonPayload\.connection\.dest_port=8080$/);
    const placeholders = JSON.parse(runCli(...args, '--format', 'json').stdout) as {
      query: string;
    };
    assert.match(placeholders.query, /logName="projects\/PROJECT_ID\/logs\/policy-action"/);
  });

  it('follows --dataplane for ipBlock matching of pod IPs', () => {
    const args = [
      'simulate',
      'test/fixtures/cli/ipblock',
      '--from',
      'shop/client',
      '--to',
      'shop/server',
      '--port',
      '80',
      '--format',
      'json',
    ];
    const gke = JSON.parse(runCli(...args).stdout) as FlowJson;
    const kubernetes = JSON.parse(runCli(...args, '--dataplane', 'kubernetes').stdout) as FlowJson;
    assert.equal(gke.verdict, 'deny');
    assert.equal(kubernetes.verdict, 'allow');
  });

  it('exits 1 when --expect does not hold', () => {
    const run = runCli(
      'simulate',
      'examples',
      '--from',
      'monitoring/prometheus',
      '--to',
      'shop/api',
      '--port',
      'metrics',
      '--expect',
      'allow',
    );
    assert.equal(run.status, 1);
  });

  it('exits 2 with suggestions for an unknown endpoint', () => {
    const run = runCli(
      'simulate',
      'examples',
      '--from',
      'shop/wbe',
      '--to',
      'shop/api',
      '--port',
      'http',
    );
    assert.equal(run.status, 2);
    assert.match(run.stderr, /shop\/web/);
  });

  it('exits 2 for a port out of range or a bad protocol', () => {
    assert.equal(
      runCli('simulate', 'examples', '--from', 'shop/web', '--to', 'shop/api', '--port', '70000')
        .status,
      2,
    );
    assert.equal(
      runCli(
        'simulate',
        'examples',
        '--from',
        'shop/web',
        '--to',
        'shop/api',
        '--port',
        '80',
        '--protocol',
        'ICMP',
      ).status,
      2,
    );
  });
});

describe('netpol-lens simulate with tiered cluster policies', () => {
  const args = ['simulate', 'test/fixtures/cli/tiers', '--from', 'shop/web', '--to', 'data/db'];

  it('names the cluster policy rule that decided, in text', () => {
    const run = runCli(...args, '--port', 'sql');
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /Ingress of data\/db: denied by ClusterNetworkPolicy block-db \(Admin, priority 10\) rule 2 'deny-all'\./,
    );
    assert.match(run.stdout, /GKE documents no support for ClusterNetworkPolicy/);
    assert.match(run.stdout, /GKE's policy logging does not know ClusterNetworkPolicy/);
  });

  it('adds the tiers to the explanation of the flow JSON, and previews no record', () => {
    const run = runCli(...args, '--port', '5432', '--format', 'json');
    const flow = JSON.parse(run.stdout) as {
      verdict: string;
      explanation: { ingress: { decidedBy: string; reason: string; tiers: unknown } };
      logs: { direction: string; logged: boolean; reason?: string }[];
    };
    assert.equal(flow.verdict, 'deny');
    assert.equal(flow.explanation.ingress.decidedBy, 'Admin');
    assert.equal(flow.explanation.ingress.reason, 'denied-by-cluster-policy');
    assert.deepEqual(flow.explanation.ingress.tiers, {
      decision: {
        policy: { kind: 'ClusterNetworkPolicy', name: 'block-db', tier: 'Admin', priority: 10 },
        ruleIndex: 1,
        ruleName: 'deny-all',
        action: 'Deny',
        peerIndex: 0,
        portIndex: null,
        failedClosed: false,
      },
      passes: [],
      ambiguous: [],
      ownAddress: false,
    });
    assert.deepEqual(
      flow.logs.map((entry) => [entry.direction, entry.logged, entry.reason]),
      [
        ['egress', false, 'not-isolated'],
        ['ingress', false, 'cluster-policy'],
      ],
    );
  });
});
