import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { applyWorkspaceEdit } from './apply-text-edits';
import { startSession } from './harness';
import { API_DENY, WEB_AND_API } from './web-and-api';
import type { Session } from './harness';

const WORLD = WEB_AND_API;
const POLICY = API_DENY;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls the API
      from: shop/web
      to: shop/api
      port: http
      expect: allow
`;

describe('code actions: Allow this flow', () => {
  let session: Session;
  let folder: string;
  let flowsUri: string;
  let policyUri: string;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'netpol-lens-allow-'));
    writeFileSync(path.join(folder, 'world.yaml'), WORLD);
    writeFileSync(path.join(folder, 'policy.yaml'), POLICY);
    writeFileSync(path.join(folder, 'flows.yaml'), FLOWS);
    flowsUri = pathToFileURL(path.join(folder, 'flows.yaml')).toString();
    policyUri = pathToFileURL(path.join(folder, 'policy.yaml')).toString();
    session = await startSession(folder);
  });
  after(() => session.close());

  it('adds a policy to the file that isolates the pod, and the flow then passes', async () => {
    // The folder's load may finish after the open: wait for the verdict of the whole folder.
    let diagnostics: Diagnostic[] = await session.open(flowsUri, FLOWS);
    while (!diagnostics.some((each) => each.code === 'flow-expectation-failed')) {
      diagnostics = await session.diagnostics(flowsUri);
    }
    const line = FLOWS.split('\n').findIndex((text) => text.includes('from: shop/web'));
    const actions: CodeAction[] = await session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: flowsUri },
      range: { start: { line, character: 6 }, end: { line, character: 6 } },
      context: { diagnostics },
    });
    const allow = actions.find((action) => action.title.startsWith('Allow this flow'));
    assert.ok(allow, `offered: ${actions.map((action) => action.title).join(' | ')}`);
    assert.equal(allow.title, 'Allow this flow: add policy shop/api-from-web (opens nothing else)');
    assert.deepEqual(Object.keys(allow.edit?.changes ?? {}), [policyUri]);
    assert.ok(allow.diagnostics?.some((each) => each.code === 'flow-expectation-failed'));
    // Nothing is written by the server: the file on disk is as it was until the client applies it.
    assert.equal(readFileSync(path.join(folder, 'policy.yaml'), 'utf8'), POLICY);
    const fixed = applyWorkspaceEdit(POLICY, policyUri, allow.edit);
    const policyProblems = await session.open(policyUri, fixed);
    assert.deepEqual(
      policyProblems.filter((each) => each.severity === 1),
      [],
      'the new policy is valid',
    );
    let after = await session.diagnostics(flowsUri);
    while (after.some((each) => each.code === 'flow-expectation-failed')) {
      after = await session.diagnostics(flowsUri);
    }
    assert.ok(!after.some((each) => each.code === 'flow-expectation-failed'));
  });
});
