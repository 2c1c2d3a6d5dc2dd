import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver/node';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD_AND_POLICY = `apiVersion: v1
kind: Pod
metadata: { name: client, namespace: shop, labels: { app: client } }
status: { podIP: 10.8.0.10 }
---
apiVersion: v1
kind: Pod
metadata: { name: server, namespace: shop, labels: { app: server } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: server-from-cidr, namespace: shop }
spec:
  podSelector: { matchLabels: { app: server } }
  ingress: [{ from: [{ ipBlock: { cidr: 10.8.0.0/24 } }] }]
`;

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: f }
spec:
  flows:
    - { from: shop/client, to: shop/server, port: 80 }
`;

const verdict = (diagnostics: Diagnostic[]) =>
  diagnostics.find((diagnostic) => diagnostic.code === 'flow-verdict');

describe('language server: settings apply without a reload', () => {
  let session: Session;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'netpol-settings-'));
    mkdirSync(path.join(folder, 'vendor'));
    writeFileSync(path.join(folder, 'world.yaml'), WORLD_AND_POLICY);
    writeFileSync(
      path.join(folder, 'vendor', 'bad.yaml'),
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: x }\nspec: { podSelectr: {} }\n',
    );
    session = await startSession(folder);
  });
  after(() => session.close());

  const flowsUri = () => pathToFileURL(path.join(folder, 'flows.yaml')).toString();
  const vendorUri = () => pathToFileURL(path.join(folder, 'vendor', 'bad.yaml')).toString();

  it('reads files from disk and follows netpol.dataplane', async () => {
    // The folder loads from disk in the background: wait for the verdict that needs it.
    const loaded = session.diagnostics(flowsUri(), (d) => verdict(d) !== undefined);
    await session.open(flowsUri(), FLOWS);
    const first = verdict(await loaded);
    assert.match(first?.message ?? '', /^deny/);
    // By default a verdict is a hint: in the editor, not in the Problems panel.
    assert.equal(first?.severity, 4);
    const next = session.diagnostics(flowsUri(), (d) => /^allow/.test(verdict(d)?.message ?? ''));
    await session.configure({ dataplane: 'kubernetes' });
    await next;
  });

  it('hides or shows flow verdicts with netpol.flowVerdictSeverity', async () => {
    const information = session.diagnostics(flowsUri(), (d) => verdict(d)?.severity === 3);
    await session.configure({ dataplane: 'kubernetes', flowVerdictSeverity: 'information' });
    await information;
    const hidden = session.diagnostics(flowsUri(), (d) => verdict(d) === undefined);
    await session.configure({ dataplane: 'kubernetes', flowVerdictSeverity: 'none' });
    await hidden;
    const hint = session.diagnostics(flowsUri(), (d) => verdict(d)?.severity === 4);
    await session.configure({ dataplane: 'kubernetes', flowVerdictSeverity: 'hint' });
    await hint;
  });

  it('stops analysing files matched by netpol.exclude', async () => {
    const cleared = session.diagnostics(vendorUri(), (d) => d.length === 0);
    await session.configure({ exclude: ['vendor/**'] });
    await cleared;
    const back = session.diagnostics(vendorUri(), (d) =>
      d.some((diagnostic) => diagnostic.code === 'unknown-field'),
    );
    await session.configure({});
    await back;
  });
});
