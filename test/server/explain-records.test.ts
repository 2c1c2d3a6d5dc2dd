import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { AppendSampleFlowResult, ExplainRecordsResult } from '../../server/src/protocol';
import { applyTextEdits } from './apply-text-edits';
import { startSession } from './harness';
import type { Session } from './harness';

const FIXTURES = path.resolve(__dirname, '../fixtures/explain-logs');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('language server: real records read against the workspace', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    for (const name of ['workloads.yaml', 'policies.yaml', 'flows.yaml']) {
      await session.open(`file:///w/${name}`, read(`workspace/${name}`));
    }
  });
  after(() => session.close());

  async function explain(name: string) {
    const result: ExplainRecordsResult = await session.client.sendRequest('netpol/explainRecords', {
      uri: `file:///logs/${name}`,
      text: read(name),
    });
    assert.ok(result.ok);
    return result;
  }

  it('puts a diagnostic on each record that disagrees, cannot be placed, or is malformed', async () => {
    const result = await explain('policy_action.log');
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.range.start.line + 1, diagnostic.code]),
      [
        [7, 'record-malformed'],
        [8, 'record-malformed'],
        [3, 'record-disagrees'],
        [5, 'record-disagrees'],
        [10, 'record-unplaced'],
        [11, 'record-undecided'],
        [13, 'record-disagrees'],
      ],
    );
    const disagreement = result.diagnostics.find((diagnostic) => diagnostic.range.start.line === 2);
    assert.equal(disagreement?.severity, 'warning');
    assert.match(
      disagreement?.message ?? '',
      /now allow it \(ingress allowed by default\/np rule 1\)/,
    );
    assert.equal(result.summary, '11 records: 6 agree, 3 disagree, 2 undecided');
  });

  it('marks only the first line of a record of an export', async () => {
    const result = await explain('records.json');
    const [first] = result.diagnostics.filter(
      (diagnostic) => diagnostic.code === 'record-disagrees',
    );
    assert.equal(first?.range.start.line, 1);
    assert.equal(first?.range.end.line, 1);
  });

  it('turns a record into a sample flow that pins what production did', async () => {
    const result = await explain('policy_action.log');
    const flow = result.records[2]?.flow;
    assert.deepEqual(flow, {
      from: 'default/client-allow',
      to: 'default/test-service',
      port: 8080,
      expect: 'deny',
      expectLogged: true,
    });
    assert.equal(result.records[7]?.flow, null);
    const flows = read('workspace/flows.yaml');
    const appended: AppendSampleFlowResult = await session.client.sendRequest(
      'netpol/appendSampleFlow',
      { uri: 'file:///w/flows.yaml', text: flows, flow },
    );
    const text = applyTextEdits(flows, appended.edits);
    assert.match(text, /expect: deny\n\s+expectLogged: true\n$/);
    const diagnostics = await session.change('file:///w/flows.yaml', text);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'flow-expectation-failed'));
  });

  it('keeps the records it read: by version alone, they are read against the policies as they are now', async () => {
    const uri = 'file:///logs/kept/policy_action.log';
    const text = read('policy_action.log');
    const ask = (params: object): Promise<ExplainRecordsResult> =>
      session.client.sendRequest('netpol/explainRecords', { uri, ...params });
    const first = await ask({ version: 1, text });
    assert.ok(first.ok);
    assert.deepEqual(await ask({ version: 1 }), first);
    const policies = read('workspace/policies.yaml');
    // Without the rule of np, what production allowed through it now disagrees.
    await session.change(
      'file:///w/policies.yaml',
      policies.replace(
        '  ingress:\n    - from: [{ podSelector: { matchLabels: { app: client-allow } } }]\n      ports: [{ port: http }]\n',
        '  policyTypes: [Ingress]\n',
      ),
    );
    try {
      const kept = await ask({ version: 1 });
      assert.ok(kept.ok);
      assert.notDeepEqual(kept.diagnostics, first.diagnostics);
      assert.deepEqual(kept, await ask({ version: 1, text }));
    } finally {
      await session.change('file:///w/policies.yaml', policies);
    }
  });

  it('asks for the text of a version it was not sent', async () => {
    const uri = 'file:///logs/kept/other.log';
    const text = read('policy_action.log');
    const ask = (params: object): Promise<ExplainRecordsResult> =>
      session.client.sendRequest('netpol/explainRecords', { uri, ...params });
    const unsent = await ask({ version: 1 });
    assert.ok(!unsent.ok);
    assert.equal(unsent.code, 'text-needed');
    assert.ok((await ask({ version: 1, text })).ok);
    const later = await ask({ version: 2 });
    assert.ok(!later.ok && later.code === 'text-needed');
  });
});
