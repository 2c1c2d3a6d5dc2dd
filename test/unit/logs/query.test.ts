import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { flowQuery, policyQuery } from '../../../server/src/engine/logs/query';
import {
  isPodOf,
  podNamePattern,
  workloadNameCandidates,
} from '../../../server/src/engine/logs/pod-names';
import { external, makeFlow, makePod } from './builders';

const target = { project: 'acme-prod', cluster: 'prod-1', location: 'europe-west1' };

describe('the Cloud Logging query of a flow', () => {
  it('names both pods by nested fields, the protocol and the destination port as a number', () => {
    const flow = makeFlow(
      makePod({ name: 'client', namespace: 'default' }),
      makePod({ name: 'server', namespace: 'shop' }),
      8080,
    );
    const { filter } = flowQuery(flow, target);
    assert.equal(
      filter,
      'resource.type="k8s_node" resource.labels.location="europe-west1" ' +
        'resource.labels.cluster_name="prod-1" logName="projects/acme-prod/logs/policy-action" ' +
        'jsonPayload.src.pod_namespace="default" jsonPayload.src.pod_name="client" ' +
        'jsonPayload.dest.pod_namespace="shop" jsonPayload.dest.pod_name="server" ' +
        'jsonPayload.connection.protocol="tcp" jsonPayload.connection.dest_port=8080',
    );
  });

  it('finds a workload by its workload fields or by the names of its pods', () => {
    const flow = makeFlow(
      makePod({ name: 'web', namespace: 'shop', workload: { kind: 'Deployment', name: 'web' } }),
      makePod({ name: 'db', namespace: 'shop', workload: { kind: 'StatefulSet', name: 'db' } }),
      5432,
    );
    const { filter } = flowQuery(flow, target);
    assert.ok(
      filter.includes(
        'jsonPayload.src.pod_namespace="shop" ((jsonPayload.src.workload_kind="Deployment" AND ' +
          'jsonPayload.src.workload_name="web") OR jsonPayload.src.pod_name=~"^web-[a-z0-9]+-[a-z0-9]+$")',
      ),
      filter,
    );
    assert.ok(filter.includes('jsonPayload.dest.pod_name=~"^db-[0-9]+$"'), filter);
  });

  it('finds an endpoint outside the cluster, and a host-network pod, by instance', () => {
    const flow = makeFlow(
      makePod({ name: 'agent', hostNetwork: true, ip: '10.128.0.7' }),
      external('2001:db8:0:0::1'),
      53,
      'UDP',
    );
    const { filter } = flowQuery(flow, target);
    assert.ok(filter.includes('jsonPayload.src.instance="10.128.0.7"'), filter);
    assert.ok(filter.includes('jsonPayload.dest.instance="2001:db8::1"'), filter);
    assert.ok(filter.includes('jsonPayload.connection.protocol="udp"'), filter);
  });

  it('leaves the port out for a protocol whose ports GKE does not log', () => {
    const flow = makeFlow(makePod({ name: 'a' }), makePod({ name: 'b' }), 9000, 'SCTP');
    const { filter } = flowQuery(flow, target);
    assert.ok(filter.endsWith('jsonPayload.connection.protocol="unknown"'), filter);
  });

  it('uses placeholders for what the settings do not say', () => {
    const query = flowQuery(makeFlow(makePod({ name: 'a' }), makePod({ name: 'b' }), 80));
    assert.ok(query.filter.includes('resource.labels.location="LOCATION"'));
    assert.ok(query.filter.includes('resource.labels.cluster_name="CLUSTER_NAME"'));
    assert.ok(query.command.startsWith('gcloud logging read --project PROJECT_ID '));
  });

  it('gives a gcloud command a POSIX shell reads back as the same filter', () => {
    const flow = makeFlow(
      makePod({ name: 'web', namespace: 'shop', workload: { kind: 'Deployment', name: 'web' } }),
      makePod({ name: "o'neil", namespace: 'shop' }),
      80,
    );
    const query = flowQuery(flow, target);
    assert.ok(query.command.endsWith(' --format=json'));
    const quoted = query.command.slice(
      'gcloud logging read --project acme-prod '.length,
      -' --format=json'.length,
    );
    assert.equal(unquoteShell(quoted), query.filter);
  });

  it('links the filter into the Logs Explorer of the project', () => {
    const query = flowQuery(makeFlow(makePod({ name: 'a' }), makePod({ name: 'b' }), 80), target);
    const url = new URL(query.url);
    assert.equal(url.searchParams.get('project'), 'acme-prod');
    assert.equal(decodeURIComponent(url.pathname.slice('/logs/query;query='.length)), query.filter);
    assert.ok(!/[()]/.test(query.url));
  });
});

describe('the Cloud Logging query of a policy', () => {
  it('finds the allow records that list the policy', () => {
    const { filter } = policyQuery(
      { kind: 'NetworkPolicy', namespace: 'shop', name: 'web-to-api' },
      target,
    );
    assert.ok(
      filter.endsWith(
        'jsonPayload.disposition="allow" jsonPayload.policies.kind="NetworkPolicy" ' +
          'jsonPayload.policies.name="web-to-api" jsonPayload.policies.namespace="shop"',
      ),
      filter,
    );
  });
});

describe('pod names of workloads', () => {
  const cases = [
    ['Deployment', 'web', 'web-7b78d7c957-zkn54', true],
    ['Deployment', 'web', 'web-zkn54', false],
    ['Deployment', 'web', 'webapp-7b78d7c957-zkn54', false],
    ['StatefulSet', 'db', 'db-0', true],
    ['StatefulSet', 'db', 'db-x', false],
    ['CronJob', 'backup', 'backup-28990080-abcde', true],
    ['DaemonSet', 'agent', 'agent-q2x7p', true],
    ['Deployment', 'a.b', 'a.b-5d9f-x1y2z', true],
  ] as const;
  for (const [kind, name, podName, expected] of cases) {
    it(`${podName} ${expected ? 'is' : 'is not'} a pod of ${kind} ${name}`, () => {
      assert.equal(isPodOf(kind, name, podName), expected);
      assert.equal(new RegExp(podNamePattern(kind, name)).test(podName), expected);
    });
  }

  it('gives the names with one and two suffixes dropped', () => {
    assert.deepEqual(workloadNameCandidates('client-allow-7b78d7c957-zkn54'), [
      'client-allow-7b78d7c957',
      'client-allow',
    ]);
    assert.deepEqual(workloadNameCandidates('solo'), []);
  });
});

/** Reads one POSIX shell word made of plain and single-quoted parts. */
function unquoteShell(word: string): string {
  let text = '';
  for (const part of word.match(/'[^']*'|\\'|[^'\\]+/g) ?? []) {
    text += part.startsWith("'") ? part.slice(1, -1) : part === "\\'" ? "'" : part;
  }
  return text;
}
