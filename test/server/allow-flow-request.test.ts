import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type {
  AllowFlowResult,
  ExplainRecordsResult,
  RecordSummary,
} from '../../server/src/protocol';
import { applyWorkspaceEdit } from './apply-text-edits';
import { startSession } from './harness';
import type { Session } from './harness';

const FIXTURES = path.resolve(__dirname, '../fixtures/explain-logs');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const POLICIES_URI = 'file:///w/policies.yaml';
const RECORDS = read('policy_action.log');
const lineOf = (text: string) => RECORDS.split('\n').findIndex((line) => line.includes(text));

// Tiered cluster policies are what a NetworkPolicy cannot override.
const ADMIN_DENY = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: no-db-from-bare }
spec:
  priority: 10
  subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: db } } } }
  ingress:
    - name: deny-bare
      action: Deny
      from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: bare } } } }]
`;

describe('language server: netpol/allowFlow', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    for (const name of ['workloads.yaml', 'policies.yaml', 'flows.yaml']) {
      await session.open(`file:///w/${name}`, read(`workspace/${name}`));
    }
    await session.open('file:///w/admin.yaml', ADMIN_DENY);
  });
  after(() => session.close());

  const explain = async (): Promise<readonly RecordSummary[]> => {
    const result: ExplainRecordsResult = await session.client.sendRequest('netpol/explainRecords', {
      uri: 'file:///logs/policy_action.log',
      text: RECORDS,
    });
    assert.ok(result.ok);
    return result.records;
  };
  const recordAt = (records: readonly RecordSummary[], line: number) =>
    records.find((record) => record.range.start.line === line);
  const allow = (params: unknown): Promise<AllowFlowResult> =>
    session.client.sendRequest('netpol/allowFlow', params);

  it("allows a denied record's flow with new policies, and the flow is then allowed", async () => {
    const line = lineOf('"count":4');
    const denied = recordAt(await explain(), line);
    assert.equal(denied?.allowed, false, 'the workspace denies client-deny -> test-service');
    assert.ok(denied.flow);
    const result = await allow(denied.flow);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(
      result.title,
      'Allow this flow: add policy default/test-service-from-client-deny (opens nothing else)',
    );
    assert.equal(result.alsoOpens, 0);
    assert.deepEqual(Object.keys(result.edit.changes ?? {}), [POLICIES_URI]);
    // Applied as the client would, the workspace analysed again allows the record's connection.
    const fixed = applyWorkspaceEdit(read('workspace/policies.yaml'), POLICIES_URI, result.edit);
    const problems = await session.change(POLICIES_URI, fixed);
    assert.deepEqual(
      problems.filter((problem) => problem.severity === 1),
      [],
    );
    assert.equal(recordAt(await explain(), line)?.allowed, true);
    const again = await allow(denied.flow);
    assert.deepEqual([again.ok, !again.ok && again.code], [false, 'allowed']);
  });

  it('admits an address outside the cluster by a /32 block', async () => {
    const denied = recordAt(await explain(), lineOf('"dest_ip":"1.1.1.1"'));
    assert.equal(denied?.allowed, false);
    const result = await allow(denied.flow);
    assert.ok(result.ok, JSON.stringify(result));
    const added = (result.edit.changes?.[POLICIES_URI] ?? []).map((edit) => edit.newText).join('');
    assert.match(added, /cidr: 1\.1\.1\.1\/32/);
    assert.match(result.title, /^Allow this flow: add policy default\/client-allow-to-ip-1-1-1-1 /);
  });

  it('answers a simulated flow as Simulate Flow types it: the port as a string', async () => {
    const result = await allow({ from: 'default/bare', to: 'default/test-service', port: 'http' });
    assert.ok(result.ok, JSON.stringify(result));
    assert.match(result.title, /default\/test-service-from-bare/);
  });

  it('says why there is nothing to do, with a code', async () => {
    const records = await explain();
    const allowed = recordAt(records, lineOf('"name":"np","namespace"'));
    assert.equal(allowed?.allowed, true);
    assert.ok(allowed.flow);
    const unplaced = recordAt(records, lineOf('ghost-'));
    assert.equal(unplaced?.allowed, null);
    assert.equal(unplaced?.flow, null);
    const answers = await Promise.all([
      allow(allowed.flow),
      allow({ from: 'elsewhere/ghost', to: 'default/test-service', port: 8080 }),
      allow({ from: 'default/client-allow', to: 'default/test-service', port: 'grpc' }),
      allow({ from: 'default/bare', to: 'default/db', port: 5432 }),
    ]);
    assert.deepEqual(
      answers.map((answer) => (answer.ok ? 'ok' : answer.code)),
      ['allowed', 'unresolved', 'unresolved', 'no-fix'],
    );
    const messages = answers.map((answer) => (answer.ok ? '' : answer.message));
    assert.ok(messages.every((message) => message.length > 0));
    assert.match(messages[1]!, /elsewhere\/ghost/);
    assert.match(messages[3]!, /^No new NetworkPolicy allows this flow \(deny: /);
  });

  it('refuses a malformed request and keeps serving', async () => {
    const malformed = [
      null,
      42,
      {},
      { from: 'default/bare', to: 'default/db' },
      { from: 7, to: 'default/db', port: 5432 },
      { from: 'default/bare', to: 'default/db', port: 0 },
      { from: 'default/bare', to: 'default/db', port: 70000 },
      { from: 'default/bare', to: 'default/db', port: 5432.5 },
      { from: 'default/bare', to: 'default/db', port: { number: 5432 } },
      { from: 'default/bare', to: 'default/db', port: 5432, protocol: 'ICMP' },
      { from: 'default/bare', to: 'default/db', port: 5432, protocol: 6 },
    ];
    for (const params of malformed) {
      const answer = await allow(params);
      assert.deepEqual(
        [answer.ok, !answer.ok && answer.code],
        [false, 'bad-request'],
        JSON.stringify(params),
      );
    }
    assert.deepEqual(
      session.logs.filter((log) => log.type === 1),
      [],
      'nothing failed inside',
    );
    const served = await allow({ from: 'default/bare', to: 'default/test-service', port: 8080 });
    assert.ok(served.ok);
  });
});
