import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, MarkupContent, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startSession } from './harness';
import type { Session } from './harness';

const WORLD = `apiVersion: v1
kind: Namespace
metadata: { name: ops, labels: { team: ops } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api } }
    spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: Pod
metadata: { name: prometheus, namespace: ops, labels: { app: prometheus } }
spec: { containers: [{ name: p, image: prom }] }
`;

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-ingress, namespace: shop }
spec:
  podSelector:
    matchLabels: { app: api }
  ingress:
    - from:
        - podSelector:
            matchLabels: { app: web }
        - namespaceSelector:
            matchLabels: { team: ops }
        - podSelector:
            matchLabels: { app: nobody }
`;

const WORLD_URI = 'file:///w/world.yaml';
const POLICY_URI = 'file:///w/policy.yaml';

const policyText = TextDocument.create(POLICY_URI, 'yaml', 1, POLICY);
const worldText = TextDocument.create(WORLD_URI, 'yaml', 1, WORLD);

function positionOf(document: TextDocument, needle: string, delta = 1): Position {
  return document.positionAt(document.getText().indexOf(needle) + delta);
}

describe('language server: selectors and workloads', () => {
  let session: Session;
  let diagnostics: Diagnostic[];
  before(async () => {
    session = await startSession();
    await session.open(WORLD_URI, WORLD);
    diagnostics = await session.open(POLICY_URI, POLICY);
  });
  after(() => session.close());

  const hover = async (uri: string, position: Position): Promise<string> => {
    const result: Hover | null = await session.client.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position,
    });
    return (result?.contents as MarkupContent | undefined)?.value ?? '';
  };

  it('hover on spec.podSelector: the pods it selects, with the labels that matched', async () => {
    const text = await hover(POLICY_URI, positionOf(policyText, 'podSelector'));
    assert.match(text, /Matches 1 pod in 1 namespace/);
    assert.match(text, /`shop\/api` · Deployment · `app=api`/);
  });

  it('hover on a namespaceSelector peer: every pod of the matching namespaces', async () => {
    const text = await hover(POLICY_URI, positionOf(policyText, 'namespaceSelector'));
    assert.match(text, /`ops\/prometheus` · Pod/);
    assert.match(text, /Namespaces: `ops` · `team=ops`/);
  });

  it('says plainly when a selector matches nothing, and warns on it', async () => {
    const text = await hover(POLICY_URI, positionOf(policyText, 'app: nobody'));
    assert.match(text, /Matches no pods/);
    const warning = diagnostics.filter((diagnostic) => diagnostic.code === 'selects-nothing');
    assert.equal(warning.length, 1, JSON.stringify(diagnostics));
    assert.equal(warning[0]?.severity, 2);
    const start = POLICY.lastIndexOf('podSelector');
    assert.deepEqual(warning[0]?.range, {
      start: policyText.positionAt(start),
      end: policyText.positionAt(start + 'podSelector'.length),
    });
  });

  it('hover on a workload name: the policies that isolate it, with links', async () => {
    const text = await hover(WORLD_URI, positionOf(worldText, 'name: api', 7));
    assert.match(text, /\*\*Deployment shop\/api\*\*/);
    const line = policyText.positionAt(POLICY.indexOf('api-ingress')).line + 1;
    assert.ok(
      text.includes(`Ingress: isolated, selected by [shop/api-ingress](${POLICY_URI}#L${line})`),
      text,
    );
    assert.match(text, /Egress: not isolated/);
  });

  it('a pod that no policy selects is not isolated', async () => {
    const text = await hover(WORLD_URI, positionOf(worldText, 'name: web', 7));
    assert.match(text, /Ingress: not isolated/);
  });
});
