import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide } from '../../../server/src/engine';
import type { Flow } from '../../../server/src/engine';
import { toCloudLoggingEntry } from '../../../server/src/engine/logs';
import type { LoggedEntry } from '../../../server/src/engine/logs';
import { analyzeFixture } from './fixture';

const analysis = analyzeFixture();

function describeEnd(endpoint: Flow['source']): string {
  return endpoint.kind === 'pod' ? `${endpoint.pod.namespace}/${endpoint.pod.name}` : endpoint.ip;
}

function same(flow: Flow | undefined): string {
  return flow === undefined
    ? 'none'
    : `${describeEnd(flow.source)} ${describeEnd(flow.destination)} ${flow.port} ${flow.protocol}`;
}

describe('round trip: the preview writes a record, explain-logs reads it back', () => {
  const logged = analysis.flows.flatMap((flow) =>
    flow.logs
      .filter((entry): entry is LoggedEntry => entry.logged)
      .map((entry) => ({ flow, entry })),
  );

  it('has records of both dispositions on both sides to read back', () => {
    const kinds = new Set(
      logged.map(({ entry }) => `${entry.direction} ${entry.record.disposition}`),
    );
    assert.deepEqual([...kinds].sort(), [
      'egress allow',
      'egress deny',
      'ingress allow',
      'ingress deny',
    ]);
  });

  for (const form of ['node file line', 'Cloud Logging export'] as const) {
    it(`gives the same flow, and agrees, from each ${form}`, () => {
      for (const { flow, entry } of logged) {
        const text =
          form === 'node file line'
            ? entry.line
            : JSON.stringify([toCloudLoggingEntry(entry.record).entry], null, 2);
        const explained = ide.explainRecords(analysis, text);
        assert.deepEqual(explained.problems, []);
        const [record] = explained.records;
        const about = `${entry.direction} record of ${same(flow.flow)}`;
        assert.equal(same(record?.flow), same(flow.flow), about);
        assert.equal(record?.record.connection.direction, entry.direction, about);
        assert.equal(record?.agrees, true, about);
      }
    });
  }
});
