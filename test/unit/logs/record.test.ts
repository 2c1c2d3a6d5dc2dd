import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Endpoint } from '../../../server/src/engine/evaluate/verdict';
import { previewLogs } from '../../../server/src/engine/logs';
import { renderLogPreview } from '../../../server/src/engine/present/logs';
import type {
  LogPreviewEntry,
  PolicyActionRecord,
  PreviewOptions,
} from '../../../server/src/engine/logs';
import type { Protocol } from '../../../server/src/engine/world/types';
import {
  allowed,
  denied,
  external,
  makeFlow,
  makePod,
  namespaceMap,
  noSide,
  open,
  policy,
  verdictOf,
} from './builders';
import { loggingOn } from './config-builders';

const DEPLOYMENT_POD = {
  generateName: 'web-5d8f7c9b5-',
  labels: { 'pod-template-hash': '5d8f7c9b5' },
  owner: { kind: 'ReplicaSet', name: 'web-5d8f7c9b5' },
};
const WEB = makePod({
  namespace: 'shop',
  name: 'web-5d8f7c9b5-x2k4p',
  ip: '10.244.0.10',
  nodeName: 'node-a',
  ...DEPLOYMENT_POD,
});
const API = makePod({
  namespace: 'shop',
  name: 'api',
  ip: '10.244.0.20',
  nodeName: 'node-b',
  workload: { kind: 'Deployment', name: 'api' },
});
const RULE = policy('shop', 'p');

/** Both sides isolated and allowed, so both log. */
function recordsOf(
  source: Endpoint,
  destination: Endpoint,
  protocol: Protocol = 'TCP',
  options: PreviewOptions = {},
): [PolicyActionRecord, PolicyActionRecord] {
  const flow = makeFlow(source, destination, 8080, protocol);
  const verdict = verdictOf(allowed('egress', RULE), allowed('ingress', RULE));
  const preview = previewLogs(flow, verdict, loggingOn(), namespaceMap(), options);
  return [recordOf(preview[0]), recordOf(preview[1])];
}

/** The egress record of a flow leaving an egress-isolated, allowed pod. */
function egressOf(source: Endpoint, destination: Endpoint): PolicyActionRecord {
  const flow = makeFlow(source, destination, 8080);
  const verdict = verdictOf(
    allowed('egress', RULE),
    destination.kind === 'pod' ? open('ingress') : noSide('ingress'),
  );
  return recordOf(previewLogs(flow, verdict, loggingOn(), namespaceMap())[0]);
}

function recordOf(entry: LogPreviewEntry): PolicyActionRecord {
  assert.ok(entry.logged, JSON.stringify(entry));
  return entry.record;
}

void describe('policy-action record fields', () => {
  void it('puts workload fields on the pod local to the logging node only', () => {
    const [egress, ingress] = recordsOf(WEB, API);
    assert.deepEqual(egress.src, {
      pod_name: 'web-5d8f7c9b5-x2k4p',
      workload_kind: 'Deployment',
      workload_name: 'web',
      pod_namespace: 'shop',
      namespace: 'shop',
    });
    assert.deepEqual(egress.dest, { pod_name: 'api', pod_namespace: 'shop', namespace: 'shop' });
    assert.deepEqual(ingress.src, {
      pod_name: 'web-5d8f7c9b5-x2k4p',
      pod_namespace: 'shop',
      namespace: 'shop',
    });
    assert.equal(ingress.dest.workload_kind, 'Deployment');
    assert.equal(ingress.dest.workload_name, 'api');
  });

  void it("writes each record on the enforcing pod's node", () => {
    const [egress, ingress] = recordsOf(WEB, API);
    assert.equal(egress.node_name, 'node-a');
    assert.equal(ingress.node_name, 'node-b');
    assert.equal(recordsOf(WEB, API, 'TCP', { logNodeName: false })[0].node_name, undefined);
  });

  void it('gives workload fields to both pods when they share the node', () => {
    const apiOnA = makePod({
      namespace: 'shop',
      name: 'api',
      ip: '10.244.0.20',
      nodeName: 'node-a',
      workload: { kind: 'Deployment', name: 'api' },
    });
    const [egress] = recordsOf(WEB, apiOnA);
    assert.equal(egress.dest.workload_kind, 'Deployment');
  });

  void it('uses instance for an endpoint outside the cluster and for a host-network pod', () => {
    const flow = makeFlow(WEB, external('203.0.113.7'), 443);
    const verdict = verdictOf(allowed('egress', RULE), noSide('ingress'));
    const [egress] = previewLogs(flow, verdict, loggingOn(), namespaceMap());
    assert.deepEqual(recordOf(egress).dest, { instance: '203.0.113.7' });
    const node = makePod({
      namespace: 'kube-system',
      name: 'agent',
      ip: '10.128.0.5',
      hostNetwork: true,
    });
    const fromNode = previewLogs(
      makeFlow(node, API, 8080),
      verdictOf(open('egress'), denied('ingress', RULE)),
      loggingOn(),
      namespaceMap(),
    );
    assert.deepEqual(recordOf(fromNode[1]).src, { instance: '10.128.0.5' });
  });

  void it('spells protocols in lower case, SCTP as unknown without ports', () => {
    assert.equal(recordsOf(WEB, API, 'TCP')[0].connection.protocol, 'tcp');
    assert.equal(recordsOf(WEB, API, 'UDP')[0].connection.protocol, 'udp');
    const sctp = recordsOf(WEB, API, 'SCTP')[0].connection;
    assert.deepEqual(sctp, {
      src_ip: '10.244.0.10',
      dest_ip: '10.244.0.20',
      protocol: 'unknown',
      direction: 'egress',
    });
  });

  void it('omits a zero port', () => {
    const flow = makeFlow(WEB, API, 0);
    const verdict = verdictOf(allowed('egress', RULE), open('ingress'));
    const [egress] = previewLogs(flow, verdict, loggingOn(), namespaceMap(), { sourcePort: 40000 });
    assert.ok(egress.logged);
    assert.equal('dest_port' in egress.record.connection, false);
    assert.doesNotMatch(egress.line, /dest_port/);
  });

  void it('writes IPv6 addresses as Go does, and the address the flow named', () => {
    const client = makePod({
      namespace: 'shop',
      name: 'v6',
      ip: '2001:DB8:0:0::a',
      ips: ['2001:DB8:0:0::a'],
    });
    const egress = egressOf(client, external('2001:db8:0:0:0:0:0:1'));
    assert.equal(egress.connection.src_ip, '2001:db8::a');
    assert.equal(egress.connection.dest_ip, '2001:db8::1');
    const named: Endpoint = {
      kind: 'pod',
      pod: API.kind === 'pod' ? API.pod : (undefined as never),
      ip: 'fd00::20',
    };
    assert.equal(egressOf(WEB, named).connection.dest_ip, 'fd00::20');
    assert.equal(egressOf(WEB, external('::ffff:192.0.2.1')).connection.dest_ip, '192.0.2.1');
  });

  void it('counts 1 for allows and the merged attempts for denies', () => {
    const verdict = verdictOf(denied('egress', RULE), open('ingress'));
    const [deny] = previewLogs(makeFlow(WEB, API, 80), verdict, loggingOn(), namespaceMap(), {
      denyCount: 3,
    });
    assert.equal(recordOf(deny).count, 3);
    assert.equal(recordOf(deny).policies, undefined);
    assert.equal(recordsOf(WEB, API, 'TCP', { denyCount: 3 })[0].count, 1);
  });
});

void describe('placeholders', () => {
  const NO_NODE = makePod({ namespace: 'shop', name: 'cart', ip: '10.244.0.30' });

  void it('are deterministic and say which fields they are', () => {
    const verdict = verdictOf(allowed('egress', RULE), open('ingress'));
    const run = () =>
      previewLogs(makeFlow(NO_NODE, API, 8080), verdict, loggingOn(), namespaceMap())[0];
    const [first, second] = [run(), run()];
    assert.ok(first.logged && second.logged);
    assert.equal(first.line, second.line);
    // API is a Deployment's representative pod: its name is made up too.
    assert.deepEqual([...first.placeholders].sort(), [
      'dest.pod_name',
      'node_name',
      'src_port',
      'timestamp',
    ]);
  });

  void it('use the ephemeral port range and GKE-shaped node names', () => {
    const [egress] = recordsOf(NO_NODE, API, 'TCP', { clusterName: 'prod' });
    const port = egress.connection.src_port ?? 0;
    assert.ok(port >= 32768 && port <= 60999, String(port));
    assert.match(egress.node_name ?? '', /^gke-prod-default-pool-[0-9a-f]{8}-[0-9a-z]{4}$/);
    assert.match(egress.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  });

  void it("name a workload's pod and any address netpol-lens assigned", () => {
    const web = makePod({
      namespace: 'shop',
      name: 'web',
      ip: '10.244.0.5',
      ipAssigned: true,
      nodeName: 'node-a',
      workload: { kind: 'Deployment', name: 'web' },
    });
    const flow = makeFlow(web, API, 8080);
    const verdict = verdictOf(allowed('egress', RULE), allowed('ingress', RULE));
    const options = { sourcePort: 50000, timestamp: '2024-05-01T14:00:00Z' };
    const [egress, ingress] = previewLogs(flow, verdict, loggingOn(), namespaceMap(), options);
    assert.ok(egress.logged && ingress.logged);
    // API is a workload's pod too, with its address written.
    assert.deepEqual(egress.placeholders, ['src_ip', 'src.pod_name', 'dest.pod_name']);
    const notes = renderLogPreview([egress, ingress]).filter((line) => line.startsWith('note:'));
    assert.match(notes.join('\n'), /src_ip, src\.pod_name and dest\.pod_name are placeholders/);
    assert.match(notes.join('\n'), /workload/);
  });

  void it('are absent when the caller gives the values', () => {
    const flow = makeFlow(
      WEB,
      makePod({ namespace: 'shop', name: 'cart', ip: '10.244.0.30' }),
      8080,
    );
    const verdict = verdictOf(allowed('egress', RULE), open('ingress'));
    const options = { sourcePort: 50000, timestamp: '2024-05-01T14:00:00+02:00' };
    const [egress] = previewLogs(flow, verdict, loggingOn(), namespaceMap(), options);
    assert.ok(egress.logged);
    assert.deepEqual(egress.placeholders, []);
    assert.equal(egress.record.timestamp, '2024-05-01T12:00:00Z');
  });
});
