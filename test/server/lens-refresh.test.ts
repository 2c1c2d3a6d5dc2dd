import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { CodeLens } from 'vscode-languageserver/node';
import { startSession } from './harness';
import type { Session } from './harness';

function pods(count: number): string {
  return Array.from(
    { length: count },
    (_, index) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: web-${index}, namespace: shop, labels: { app: web } }\n`,
  ).join('---\n');
}

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny, namespace: shop }
spec: { podSelector: {} }
`;

describe('language server: code lenses follow the workspace', () => {
  let session: Session;
  let folder: string;
  let policyUri: string;
  let refreshed: Promise<void>;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'netpol-lens-refresh-'));
    writeFileSync(path.join(folder, 'pods.yaml'), pods(2));
    writeFileSync(path.join(folder, 'policy.yaml'), POLICY);
    policyUri = pathToFileURL(path.join(folder, 'policy.yaml')).toString();
    session = await startSession(folder);
    // Registered before anything could be sent: the refresh that follows the folder's load.
    refreshed = session.nextLensRefresh();
  });
  after(() => session.close());

  async function policyLensTitle(): Promise<string | undefined> {
    const [lens] = await session.client.sendRequest<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: policyUri },
    });
    const resolved = lens && (await session.client.sendRequest<CodeLens>('codeLens/resolve', lens));
    return resolved?.command?.title;
  }

  /**
   * Waits for refresh requests until the lens, asked again after one, reads `title`: a server
   * that did not refresh after the change would leave this waiting (the test's timeout).
   */
  async function refreshedTo(title: string, first: Promise<void>): Promise<void> {
    let refresh = first;
    for (;;) {
      await refresh;
      refresh = session.nextLensRefresh();
      if ((await policyLensTitle()) === title) {
        return;
      }
    }
  }

  it(
    'asks the editor to refresh lenses once the folder has loaded',
    { timeout: 60_000 },
    async () => {
      await session.open(policyUri, POLICY);
      await refreshedTo('selects 2 pods in shop', refreshed);
    },
  );

  it('asks again when the world changes', { timeout: 60_000 }, async () => {
    const podsUri = pathToFileURL(path.join(folder, 'pods.yaml')).toString();
    const next = session.nextLensRefresh();
    await session.open(podsUri, pods(3));
    await refreshedTo('selects 3 pods in shop', next);
  });

  it(
    'does not ask when an analysis changed nothing the lenses show',
    { timeout: 60_000 },
    async () => {
      let asked = false;
      const next = session.nextLensRefresh().then(() => {
        asked = true;
      });
      // A file with nothing but a syntax error: its diagnostics come after any refresh request the
      // same analysis would have sent, since both travel in order on one stream.
      const notesUri = pathToFileURL(path.join(folder, 'notes.yaml')).toString();
      const diagnostics = await session.open(notesUri, 'a: [\n');
      assert.ok(diagnostics.length > 0);
      assert.equal(asked, false);
      void next;
    },
  );
});
