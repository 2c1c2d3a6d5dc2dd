import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveWorkload } from '../../../server/src/engine/logs/workload';
import type { Pod } from '../../../server/src/engine/world/types';
import { makePod } from './builders';

function podOf(fields: Partial<Pod> & Pick<Pod, 'name'>): Pod {
  const endpoint = makePod(fields);
  assert.equal(endpoint.kind, 'pod');
  return endpoint.kind === 'pod' ? endpoint.pod : (undefined as never);
}

const ROWS: readonly [string, Partial<Pod> & Pick<Pod, 'name'>, unknown][] = [
  [
    'ReplicaSet with pod-template-hash -> Deployment',
    {
      name: 'api-7c9d8f6b4-q8w2z',
      generateName: 'api-7c9d8f6b4-',
      labels: { 'pod-template-hash': '7c9d8f6b4' },
      owner: { kind: 'ReplicaSet', name: 'api-7c9d8f6b4' },
    },
    { kind: 'Deployment', name: 'api' },
  ],
  [
    'ReplicaSet without the hash label stays a ReplicaSet',
    {
      name: 'api-7c9d8f6b4-q8w2z',
      generateName: 'api-7c9d8f6b4-',
      owner: { kind: 'ReplicaSet', name: 'api-7c9d8f6b4' },
    },
    { kind: 'ReplicaSet', name: 'api-7c9d8f6b4' },
  ],
  [
    'ReplicaSet whose name does not end with the hash stays a ReplicaSet',
    {
      name: 'api-x-abcde',
      generateName: 'api-x-',
      labels: { 'pod-template-hash': '7c9d8f6b4' },
      owner: { kind: 'ReplicaSet', name: 'api-x' },
    },
    { kind: 'ReplicaSet', name: 'api-x' },
  ],
  [
    'Job named <cronjob>-<8 digits> -> CronJob',
    {
      name: 'backup-28415520-x7k2p',
      generateName: 'backup-28415520-',
      owner: { kind: 'Job', name: 'backup-28415520' },
    },
    { kind: 'CronJob', name: 'backup' },
  ],
  [
    'Job with 7 digits stays a Job',
    {
      name: 'migrate-1234567-abcde',
      generateName: 'migrate-1234567-',
      owner: { kind: 'Job', name: 'migrate-1234567' },
    },
    { kind: 'Job', name: 'migrate-1234567' },
  ],
  [
    'Job with 11 digits stays a Job',
    {
      name: 'm-12345678901-abcde',
      generateName: 'm-12345678901-',
      owner: { kind: 'Job', name: 'm-12345678901' },
    },
    { kind: 'Job', name: 'm-12345678901' },
  ],
  [
    'StatefulSet owner copied',
    { name: 'db-0', generateName: 'db-', owner: { kind: 'StatefulSet', name: 'db' } },
    { kind: 'StatefulSet', name: 'db' },
  ],
  [
    'owner without generateName: none',
    { name: 'db-0', owner: { kind: 'StatefulSet', name: 'db' } },
    undefined,
  ],
  ['no owner: none', { name: 'solo', generateName: 'solo-' }, undefined],
  [
    'representative pod of a CronJob: its workload',
    { name: 'backup', workload: { kind: 'CronJob', name: 'backup' } },
    { kind: 'CronJob', name: 'backup' },
  ],
  [
    'representative pod of a ReplicaSet stays a ReplicaSet',
    {
      name: 'web-5d8f',
      labels: { 'pod-template-hash': '5d8f' },
      workload: { kind: 'ReplicaSet', name: 'web-5d8f' },
    },
    { kind: 'ReplicaSet', name: 'web-5d8f' },
  ],
];

void describe('deriveWorkload', () => {
  for (const [name, fields, expected] of ROWS) {
    void it(name, () => {
      assert.deepEqual(deriveWorkload(podOf(fields)), expected);
    });
  }
});
