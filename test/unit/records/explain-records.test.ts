import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide, present } from '../../../server/src/engine';

import { analyzeFixture, readFixture } from './fixture';

const analysis = analyzeFixture();

function summary(record: ide.ExplainedRecord) {
  return {
    line: record.line,
    from: record.source.reference,
    to: record.destination.reference,
    decision: record.decision,
    agrees: record.agrees,
  };
}

describe('explain real records: the node file', () => {
  const explained = ide.explainRecords(analysis, readFixture('policy_action.log'));

  it('reads one record per line, and every malformed line on its own', () => {
    assert.equal(explained.format, 'json-lines');
    assert.deepEqual(
      explained.problems.map((problem) => [problem.line, problem.code]),
      [
        [7, 'record-malformed'],
        [8, 'record-malformed'],
      ],
    );
    assert.match(explained.problems[1]!.message, /disposition is "maybe"/);
    assert.deepEqual(
      explained.records.map((record) => record.line),
      [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13],
    );
  });

  it('decides each record at its side and says whether production agrees', () => {
    assert.deepEqual(explained.records.map(summary), [
      {
        line: 1,
        from: 'default/client-allow',
        to: 'default/test-service',
        decision: 'allow',
        agrees: true,
      },
      {
        line: 2,
        from: 'default/client-deny',
        to: 'default/test-service',
        decision: 'deny',
        agrees: true,
      },
      {
        line: 3,
        from: 'default/client-allow',
        to: 'default/test-service',
        decision: 'allow',
        agrees: false,
      },
      {
        line: 4,
        from: 'default/client-allow',
        to: 'default/test-service',
        decision: 'allow',
        agrees: true,
      },
      { line: 5, from: 'default/client-allow', to: '8.8.8.8', decision: 'allow', agrees: false },
      { line: 6, from: 'default/client-allow', to: '1.1.1.1', decision: 'deny', agrees: true },
      { line: 9, from: 'default/bare', to: 'default/test-service', decision: 'deny', agrees: true },
      {
        line: 10,
        from: 'elsewhere/ghost-6b9f7c5d4-q8w2z',
        to: 'default/test-service',
        decision: 'unknown',
        agrees: null,
      },
      {
        line: 11,
        from: 'default/client-deny',
        to: 'default/test-service',
        decision: 'unknown',
        agrees: null,
      },
      { line: 12, from: 'default/client-allow', to: 'default/db', decision: 'allow', agrees: true },
      {
        line: 13,
        from: 'default/client-deny',
        to: 'default/test-service',
        decision: 'deny',
        agrees: false,
      },
    ]);
  });

  it('places pods by name, by workload fields, by hashed pod names and by address', () => {
    const placed = explained.records.map((record) => [
      record.source.placed ? record.source.by : 'unplaced',
      record.destination.placed ? record.destination.by : 'unplaced',
    ]);
    assert.deepEqual(placed[0], ['pod-name', 'workload']);
    // Line 3 names the old ReplicaSet form of the Deployment.
    assert.deepEqual(placed[2], ['pod-name', 'workload']);
    assert.deepEqual(placed[4], ['workload', 'external']);
    assert.deepEqual(placed[6], ['pod', 'pod-name']);
    assert.deepEqual(placed[7], ['unplaced', 'pod-name']);
    assert.deepEqual(placed[9], ['pod-name', 'workload']);
  });

  it('reads an aggregated deny without a source port, and says how many attempts it merged', () => {
    const aggregated = explained.records[1]!;
    assert.equal(aggregated.record.count, 4);
    assert.equal(aggregated.record.connection.src_port, undefined);
    assert.equal(aggregated.flow?.port, 8080);
    assert.match(present.explainRecord(aggregated), /4 attempts/);
  });

  it('explains a disagreement by the rule that now decides it', () => {
    assert.match(
      present.explainRecord(explained.records[2]!),
      /^Production denied this at ingress; your policies now allow it \(ingress allowed by default\/np rule 1\)\.$/,
    );
    assert.match(
      present.explainRecord(explained.records[10]!),
      /by default\/np-old; your policies now deny it/,
    );
  });

  it('says why it cannot decide: an endpoint it cannot place, or a protocol no port names', () => {
    assert.equal(explained.records[7]!.undecided, 'unplaced');
    assert.match(
      present.explainRecord(explained.records[7]!),
      /elsewhere\/ghost-6b9f7c5d4-q8w2z is not in the workspace/,
    );
    assert.equal(explained.records[8]!.undecided, 'protocol');
  });

  it('notes a side the workspace leaves unisolated, where production logged', () => {
    assert.match(
      present.explainRecord(explained.records[9]!),
      /no policy isolates default\/db for ingress/,
    );
  });
});

describe('explain real records: a gcloud logging read export', () => {
  const explained = ide.explainRecords(analysis, readFixture('records.json'));

  it('reads the entries of the array, their jsonPayload, and each bad entry on its own', () => {
    assert.equal(explained.format, 'cloud-logging');
    assert.deepEqual(explained.records.map(summary), [
      {
        line: 2,
        from: 'default/client-allow',
        to: 'default/test-service',
        decision: 'allow',
        agrees: false,
      },
      { line: 41, from: 'default/client-allow', to: '8.8.8.8', decision: 'allow', agrees: true },
      {
        line: 104,
        from: 'default/bare',
        to: 'default/test-service',
        decision: 'deny',
        agrees: true,
      },
    ]);
    assert.deepEqual(
      explained.problems.map((problem) => [problem.index, problem.line]),
      [[2, 85]],
    );
    assert.equal(explained.records[1]!.record.node_name, 'gke-prod-1-default-pool-1a2b3c4d-efgh');
  });

  it('reports an export cut short, and still reads what came before', () => {
    const text = readFixture('records.json');
    const cut = ide.explainRecords(analysis, text.slice(0, text.indexOf('"insertId": "a4"')));
    assert.equal(cut.records.length, 2);
    assert.deepEqual(
      cut.problems.map((problem) => problem.message.startsWith('Entry 4') || problem.message),
      [cut.problems[0]!.message, true, 'The array of entries is not closed.'],
    );
  });

  it('reads nothing from text that is no records, with a message per line', () => {
    const explainedText = ide.explainRecords(analysis, 'hello\n\nworld\n');
    assert.equal(explainedText.records.length, 0);
    assert.deepEqual(
      explainedText.problems.map((problem) => problem.line),
      [1, 3],
    );
  });
});
