/** A folder's worth of YAML for server tests: shop/web calls shop/api on its port `http` (8080). */
export const WEB_AND_API = `apiVersion: apps/v1
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
    spec: { containers: [{ name: api, image: api, ports: [{ name: http, containerPort: 8080 }] }] }
`;

/** Isolates shop/api for ingress and admits nothing. */
export const API_DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-deny, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  policyTypes: [Ingress]
`;
