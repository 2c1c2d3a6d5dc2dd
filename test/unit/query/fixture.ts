import { analyzeFile, analyzeWorkspace, DEFAULT_MAX_FILE_SIZE } from '../../../server/src/engine';
import type { WorkspaceAnalysis } from '../../../server/src/engine';

export const WORLD = `apiVersion: v1
kind: Namespace
metadata: { name: shop, labels: { team: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ops, labels: { team: ops } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web, tier: front } }
    spec: { containers: [{ name: web, image: nginx, ports: [{ name: http, containerPort: 8080 }] }] }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: shop }
spec:
  template:
    metadata: { labels: { app: api, tier: back } }
    spec: { containers: [{ name: api, image: api }] }
---
apiVersion: v1
kind: Pod
metadata: { name: prometheus, namespace: ops, labels: { app: prometheus } }
spec: { containers: [{ name: p, image: prom }] }
`;

export const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-ingress, namespace: shop }
spec:
  podSelector:
    matchLabels: { app: api }
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector:
            matchLabels: { tier: front }
        - namespaceSelector:
            matchLabels: { team: ops }
          podSelector:
            matchExpressions:
              - { key: app, operator: In, values: [prometheus] }
        - namespaceSelector:
            matchLabels: { team: ops }
        - podSelector:
            matchLabels: { app: nobody }
  egress:
    - to:
        - ipBlock: { cidr: 10.0.0.0/8 }
`;

export const WORLD_URI = 'file:///w/world.yaml';
export const POLICY_URI = 'file:///w/policy.yaml';

export function analyze(files: Readonly<Record<string, string>>): WorkspaceAnalysis {
  const analyses = Object.entries(files).map(([uri, text]) =>
    analyzeFile(uri, text, { maxFileSize: DEFAULT_MAX_FILE_SIZE }),
  );
  return analyzeWorkspace(analyses, { dataplane: 'gke-dataplane-v2' });
}

/** The offset of the `occurrence`-th (from 0) `needle` in `text`, plus `delta`. */
export function offsetOf(text: string, needle: string, occurrence = 0, delta = 0): number {
  let at = -1;
  for (let index = 0; index <= occurrence; index++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) {
      throw new Error(`"${needle}" #${occurrence} not in the text`);
    }
  }
  return at + delta;
}
