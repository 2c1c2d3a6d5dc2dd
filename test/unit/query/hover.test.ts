import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ide } from '../../../server/src/engine';
import { analyze, offsetOf, POLICY, POLICY_URI, WORLD, WORLD_URI } from './fixture';

const FLOWS = `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata: { name: shop }
spec:
  flows:
    - name: web calls api
      from: shop/web
      to: shop/deployment/api
      port: 8080
      expect: deny
`;
const FLOWS_URI = 'file:///w/flows.yaml';

const analysis = analyze({ [WORLD_URI]: WORLD, [POLICY_URI]: POLICY, [FLOWS_URI]: FLOWS });

describe('the hovers, in markdown', () => {
  it("a peer selector: where it is, how many pods it matches, and each pod's kind and labels", () => {
    const selection = ide.selectorAt(analysis, POLICY_URI, offsetOf(POLICY, 'podSelector', 1, 2));
    assert.ok(selection);
    const text = ide.renderSelectorHover(selection);
    assert.match(text, /^\*\*ingress rule 1, peer 1\*\*\n\nMatches 1 pod in 1 namespace\./);
    assert.match(text, /- `shop\/web` · Deployment · `tier=front`/);
  });

  it('a workload: its isolation per direction, each policy a link to where it is named', () => {
    const found = ide.workloadAt(analysis, WORLD_URI, offsetOf(WORLD, 'name: api', 0, 7));
    assert.ok(found);
    const text = ide.renderWorkloadHover(found, 'gke-dataplane-v2', () => ({
      uri: POLICY_URI,
      line: 2,
    }));
    assert.match(text, /^\*\*Deployment shop\/api\*\*/);
    assert.match(
      text,
      /- Ingress: isolated, selected by \[shop\/api-ingress\]\(file:\/\/\/w\/policy\.yaml#L3\)/,
    );
    const unplaced = ide.renderWorkloadHover(found, 'gke-dataplane-v2', () => undefined);
    assert.match(unplaced, /selected by `shop\/api-ingress`/);
  });

  it('a sample flow: its verdict against its expectation, the explanation and the query', () => {
    const flow = analysis.flows[0]!;
    const query = ide.flowQuery(flow.flow, { project: 'p', cluster: 'c', location: 'l' });
    const text = ide.renderFlowHover(flow, query, analysis.duplicates);
    assert.match(text, /^\*\*allow\*\* \(\*\*expected deny\*\*\) · web calls api/);
    assert.ok(text.includes('_Dataplane profile: gke-dataplane-v2'));
    assert.ok(text.includes(`[open in Logs Explorer](${query.url})`));
    assert.ok(text.includes(query.command));
  });
});
