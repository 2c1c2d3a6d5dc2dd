import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover } from 'vscode-languageserver/node';
import { startSession } from './harness';
import type { Session } from './harness';

const WORKSPACE = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
---
apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - from: shop/web
      to: shop/api
      port: http
`;

const URI = 'file:///w/shop.yaml';

function positionOf(text: string, at: string) {
  const lines = text.slice(0, text.indexOf(at)).split('\n');
  return { line: lines.length - 1, character: lines.at(-1)?.length ?? 0 };
}

describe('language server: Cloud Logging queries', () => {
  let session: Session;
  before(async () => {
    session = await startSession();
    await session.configure({
      gcp: { project: 'acme-prod', cluster: 'prod-1', location: 'us-east1' },
    });
    await session.open(URI, WORKSPACE);
  });
  after(() => session.close());

  async function actionsAt(at: string, only?: string[]): Promise<CodeAction[]> {
    const position = positionOf(WORKSPACE, at);
    return session.client.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: { start: position, end: position },
      context: { diagnostics: [], ...(only === undefined ? {} : { only }) },
    });
  }

  it('offers to copy the query of the flow under the cursor, for the configured cluster', async () => {
    const actions = await actionsAt('to: shop/api');
    const copy = actions.find(
      (action) => action.title === 'Copy Cloud Logging query for this flow',
    );
    assert.equal(copy?.command?.command, 'netpol.copyText');
    const filter = copy.command.arguments?.[0] as string;
    assert.match(filter, /logName="projects\/acme-prod\/logs\/policy-action"/);
    assert.match(filter, /resource\.labels\.cluster_name="prod-1"/);
    assert.match(filter, /jsonPayload\.dest\.workload_name="api"/);
    assert.match(filter, /jsonPayload\.connection\.dest_port=8080/);
    const gcloud = actions.find((action) => action.title === 'Copy gcloud command for this flow');
    assert.match(
      gcloud?.command?.arguments?.[0] as string,
      /^gcloud logging read --project acme-prod '.*' --format=json$/,
    );
  });

  it('offers the query of the records that name the policy under the cursor', async () => {
    const actions = await actionsAt('podSelector: { matchLabels: { app: api } }');
    const copy = actions.find((action) => action.title.startsWith('Copy Cloud Logging query'));
    assert.equal(copy?.title, 'Copy Cloud Logging query for records naming shop/api-from-web');
    assert.match(
      copy.command?.arguments?.[0] as string,
      /jsonPayload\.policies\.name="api-from-web"/,
    );
  });

  it('offers no query where the client asks only for quick fixes', async () => {
    assert.deepEqual(await actionsAt('to: shop/api', ['quickfix']), []);
  });

  it('links the flow hover to Logs Explorer and shows the gcloud command', async () => {
    const hover: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: positionOf(WORKSPACE, 'to: shop/api'),
    });
    const value = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(
      value,
      /\[open in Logs Explorer\]\(https:\/\/console\.cloud\.google\.com\/logs\/query;query=[^)\s]+\?project=acme-prod\)/,
    );
    assert.match(value, /```sh\ngcloud logging read --project acme-prod /);
  });
});
