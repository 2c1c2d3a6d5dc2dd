import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { impactRequest } from '../../server/src/protocol';
import type { ImpactResult } from '../../server/src/protocol';
import { startSession } from './harness';
import { API_DENY, WEB_AND_API } from './web-and-api';
import type { Session } from './harness';

const WORLD = WEB_AND_API;
const DENY = API_DENY;

const ALLOW_WEB = `${DENY}  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
`;

describe('change impact (netpol/impact)', () => {
  let session: Session;
  let policyUri: string;
  let folder: string;
  before(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'netpol-lens-impact-'));
    writeFileSync(path.join(folder, 'world.yaml'), WORLD);
    writeFileSync(path.join(folder, 'policy.yaml'), DENY);
    policyUri = pathToFileURL(path.join(folder, 'policy.yaml')).toString();
    session = await startSession(folder);
  });
  after(() => session.close());

  const impact = (bases: { uri: string; text: string | null }[]) =>
    session.client.sendRequest<ImpactResult | null>(impactRequest.method, {
      bases,
      baseName: 'the saved files',
    });

  it('counts and lists what an unsaved edit opens, with the rule that now decides', async () => {
    // Opened, the world counts at once, whether or not the folder's load has ended.
    await session.open(pathToFileURL(path.join(folder, 'world.yaml')).toString(), WORLD);
    await session.open(policyUri, ALLOW_WEB);
    const result = await impact([{ uri: policyUri, text: DENY }]);
    assert.ok(result);
    assert.equal(result.opened, 1);
    assert.equal(result.closed, 0);
    assert.match(result.text, /against the saved files/);
    assert.match(result.text, /\+ shop\/web -> shop\/api:8080/);
    assert.match(result.text, /shop\/api-deny rule 1/);
  });

  it('reads a file the base has and the workspace does not as removed', async () => {
    // The edited file is as saved again; a second policy file existed only in the base.
    await session.change(policyUri, DENY);
    const extra = pathToFileURL(path.join(folder, 'gone.yaml')).toString();
    const result = await impact([{ uri: extra, text: ALLOW_WEB.replace('api-deny', 'old-allow') }]);
    assert.ok(result);
    assert.deepEqual([result.opened, result.closed], [0, 1]);
    assert.match(result.text, /- shop\/web -> shop\/api:8080/);
  });

  it('answers a malformed request with nothing rather than failing', async () => {
    const result = await session.client.sendRequest(impactRequest.method, { bases: 'x' });
    assert.equal(result, null);
  });
});
