import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from './run-cli';

const FIXTURES = 'test/fixtures/explain-logs';
const WORKSPACE = `${FIXTURES}/workspace`;

interface RecordJson {
  index: number;
  line: number;
  direction: string;
  disposition: string;
  from: string;
  to: string;
  port: number | null;
  protocol: string;
  verdict: string;
  agrees: boolean | null;
  explanation: { ingress: { reason: string } } | null;
  message: string;
}

describe('netpol-lens explain-logs', () => {
  it('prints each record with the workspace decision as JSON, and exits 1 on a disagreement', () => {
    const run = runCli(
      'explain-logs',
      `${FIXTURES}/policy_action.log`,
      WORKSPACE,
      '--format',
      'json',
    );
    assert.equal(run.status, 1, run.stderr);
    const output = JSON.parse(run.stdout) as {
      records: RecordJson[];
      problems: { line: number; code: string }[];
    };
    const disagreeing = output.records[2]!;
    assert.deepEqual(
      {
        index: disagreeing.index,
        line: disagreeing.line,
        direction: disagreeing.direction,
        disposition: disagreeing.disposition,
        from: disagreeing.from,
        to: disagreeing.to,
        port: disagreeing.port,
        protocol: disagreeing.protocol,
        verdict: disagreeing.verdict,
        agrees: disagreeing.agrees,
      },
      {
        index: 2,
        line: 3,
        direction: 'ingress',
        disposition: 'deny',
        from: 'default/client-allow',
        to: 'default/test-service',
        port: 8080,
        protocol: 'TCP',
        verdict: 'allow',
        agrees: false,
      },
    );
    assert.equal(disagreeing.explanation?.ingress.reason, 'allowed-by-rule');
    assert.match(disagreeing.message, /default\/np rule 1/);
    const ghost = output.records.find((record) => record.from.startsWith('elsewhere/'));
    assert.equal(ghost?.verdict, 'unknown');
    assert.equal(ghost?.agrees, null);
    assert.deepEqual(
      output.problems.map((problem) => [problem.line, problem.code]),
      [
        [7, 'record-malformed'],
        [8, 'record-malformed'],
      ],
    );
  });

  it('reads a gcloud logging read export and prints text in file order', () => {
    const run = runCli('explain-logs', `${FIXTURES}/records.json`, WORKSPACE);
    assert.equal(run.status, 1);
    const lines = run.stdout.trimEnd().split('\n');
    assert.match(
      lines[0]!,
      /records\.json:2 DISAGREES deny ingress default\/client-allow -> default\/test-service:8080\/TCP$/,
    );
    assert.match(
      lines[1]!,
      /Production denied this at ingress \(3 attempts in one record\); your policies now allow it/,
    );
    assert.match(run.stdout, /records\.json:85 error record-malformed Entry 3/);
    assert.match(lines.at(-1)!, /^3 records: 2 agree, 1 disagree, 0 undecided; 1 malformed entry$/);
  });

  it('exits 0 when every record agrees', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'netpol-records-'));
    const agreeing = readFileSync(`${FIXTURES}/policy_action.log`, 'utf8').split('\n').slice(0, 2);
    const file = path.join(folder, 'policy_action.log');
    writeFileSync(file, `${agreeing.join('\n')}\n`);
    const run = runCli('explain-logs', file, WORKSPACE);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /2 records: 2 agree, 0 disagree, 0 undecided\n$/);
  });

  it('follows --dataplane', () => {
    const run = runCli(
      'explain-logs',
      `${FIXTURES}/records.json`,
      WORKSPACE,
      '--dataplane',
      'kubernetes',
      '--format',
      'json',
    );
    const output = JSON.parse(run.stdout) as {
      records: { explanation: { dataplane: string } | null }[];
    };
    assert.equal(output.records[0]?.explanation?.dataplane, 'kubernetes');
  });

  it('exits 2 for an unreadable records file, a file of no records, or no RECORDS at all', () => {
    const missing = runCli('explain-logs', `${FIXTURES}/no-such-file.log`, WORKSPACE);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Cannot read .*no-such-file\.log/);
    const notRecords = runCli('explain-logs', `${WORKSPACE}/policies.yaml`, WORKSPACE);
    assert.equal(notRecords.status, 2);
    assert.match(notRecords.stderr, /holds no policy-action record/);
    assert.equal(runCli('explain-logs').status, 2);
  });
});
