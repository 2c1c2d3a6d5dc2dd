import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CLOUD_LOGGING_NOTE,
  checkExpectLogged,
  isLogged,
  toCloudLoggingEntry,
} from '../../../server/src/engine/logs';
import type { LogPreview, PolicyActionRecord } from '../../../server/src/engine/logs';

const RECORD: PolicyActionRecord = {
  connection: {
    src_ip: '10.0.0.1',
    dest_ip: '10.0.0.2',
    src_port: 40000,
    dest_port: 80,
    protocol: 'tcp',
    direction: 'ingress',
  },
  disposition: 'deny',
  src: { pod_name: 'a', pod_namespace: 'x', namespace: 'x' },
  dest: { pod_name: 'b', pod_namespace: 'x', namespace: 'x' },
  count: 1,
  node_name: 'gke-prod-default-pool-1a2b3c4d-abcd',
  timestamp: '2024-05-01T12:00:00.123456789Z',
};

void describe('toCloudLoggingEntry', () => {
  void it('wraps the record in a k8s_node policy-action entry', () => {
    const { entry, note } = toCloudLoggingEntry(RECORD, {
      projectId: 'p1',
      location: 'us-central1',
      clusterName: 'prod',
    });
    assert.equal(entry.logName, 'projects/p1/logs/policy-action');
    assert.deepEqual(entry.resource, {
      type: 'k8s_node',
      labels: {
        project_id: 'p1',
        location: 'us-central1',
        cluster_name: 'prod',
        node_name: RECORD.node_name,
      },
    });
    assert.equal(entry.timestamp, RECORD.timestamp);
    assert.equal('timestamp' in entry.jsonPayload, false);
    assert.equal(entry.jsonPayload.disposition, 'deny');
    assert.equal(note, CLOUD_LOGGING_NOTE);
    assert.match(note, /^Unconfirmed/);
  });

  void it('uses placeholders, and can keep the payload timestamp', () => {
    const { node_name: _nodeName, ...withoutNode } = RECORD;
    const { entry } = toCloudLoggingEntry(withoutNode, { keepPayloadTimestamp: true });
    assert.equal(entry.logName, 'projects/PROJECT_ID/logs/policy-action');
    assert.equal(entry.resource.labels.node_name, 'NODE_NAME');
    assert.equal(entry.jsonPayload.timestamp, RECORD.timestamp);
  });
});

void describe('checkExpectLogged', () => {
  const logged: LogPreview = [
    { direction: 'egress', logged: true, record: RECORD, line: '{}', placeholders: [] },
    { direction: 'ingress', logged: false, reason: 'not-reached', message: '.' },
  ];
  const silent: LogPreview = [
    { direction: 'egress', logged: false, reason: 'not-isolated', message: '.' },
    { direction: 'ingress', logged: false, reason: 'logging-off', message: '.' },
  ];

  void it('holds when the expectation matches whether any record is written', () => {
    assert.equal(isLogged(logged), true);
    assert.equal(isLogged(silent), false);
    assert.equal(checkExpectLogged(logged, true), true);
    assert.equal(checkExpectLogged(logged, false), false);
    assert.equal(checkExpectLogged(silent, false), true);
    assert.equal(checkExpectLogged(silent, true), false);
    assert.equal(checkExpectLogged(silent, undefined), true);
  });
});
