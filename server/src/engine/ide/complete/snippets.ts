import { DNS_EGRESS_RULE } from '../../workspace-checks/dns-egress';
import { toItem } from '../../parse/yaml-edit';

/** A whole document offered where a document begins. Bodies use LSP snippet syntax. */
export interface DocumentSnippet {
  readonly label: string;
  readonly detail: string;
  readonly body: string;
}

const POLICY = (name: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: \${1:${name}}
  namespace: \${2:default}
spec:`;

// Cluster-scoped: no namespace. The priority is a placeholder because it orders the tier.
const CLUSTER_POLICY = (name: string, tier: string, priority: number): string =>
  `apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata:
  name: \${1:${name}}
spec:
  tier: ${tier}
  priority: \${2:${priority}}`;

export const SNIPPETS: readonly DocumentSnippet[] = [
  {
    label: 'NetworkPolicy: default-deny ingress',
    detail: 'Denies all incoming traffic to every pod of a namespace',
    body: `${POLICY('default-deny-ingress')}
  podSelector: {}
  policyTypes:
    - Ingress
`,
  },
  {
    label: 'NetworkPolicy: default-deny all',
    detail: 'Denies all incoming and outgoing traffic of every pod of a namespace',
    body: `${POLICY('default-deny-all')}
  podSelector: {}
  policyTypes:
    - Ingress
    - Egress
`,
  },
  {
    label: 'NetworkPolicy: allow from namespace',
    detail: 'Allows traffic to selected pods from every pod of another namespace',
    body: `${POLICY('allow-from-namespace')}
  podSelector:
    matchLabels:
      \${3:app}: \${4:web}
  policyTypes:
    - Ingress
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: \${5:other}
`,
  },
  {
    label: 'NetworkPolicy: allow DNS egress',
    detail: 'Allows every pod of a namespace to query kube-dns on port 53 (UDP and TCP)',
    body: `${POLICY('allow-dns-egress')}
  podSelector: {}
  policyTypes:
    - Egress
  egress:
${toItem(DNS_EGRESS_RULE, 4)}
`,
  },
  {
    label: 'ClusterNetworkPolicy: Admin tier, always admit monitoring',
    detail: 'Accepts traffic from the monitoring namespace to every pod, before any NetworkPolicy',
    body: `${CLUSTER_POLICY('admit-monitoring', 'Admin', 10)}
  subject:
    namespaces: {}
  ingress:
    - name: \${3:accept-monitoring}
      action: Accept
      from:
        - namespaces:
            matchLabels:
              kubernetes.io/metadata.name: \${4:monitoring}
`,
  },
  {
    label: 'ClusterNetworkPolicy: Baseline default deny with a DNS carve-out',
    detail: 'Denies what no NetworkPolicy admits, except DNS queries to kube-dns',
    body: `${CLUSTER_POLICY('baseline-default-deny', 'Baseline', 100)}
  subject:
    namespaces:
      matchExpressions:
        - key: kubernetes.io/metadata.name
          operator: NotIn
          values: [\${3:kube-system}]
  egress:
    - name: accept-dns
      action: Accept
      to:
        - pods:
            namespaceSelector:
              matchLabels:
                kubernetes.io/metadata.name: kube-system
            podSelector:
              matchLabels:
                k8s-app: kube-dns
      protocols:
        - udp: { destinationPort: { number: 53 } }
        - tcp: { destinationPort: { number: 53 } }
    - name: deny-all
      action: Deny
      to:
        - networks: [0.0.0.0/0, "::/0"]
  ingress:
    - name: deny-all
      action: Deny
      from:
        - namespaces: {}
`,
  },
  {
    label: 'SampleFlows',
    detail: 'Flows for netpol-lens to evaluate, with the verdicts you expect',
    body: `apiVersion: netpol-lens.dev/v1alpha1
kind: SampleFlows
metadata:
  name: \${1:flows}
spec:
  flows:
    - name: \${2:web calls the API}
      from: \${3:default/web}
      to: \${4:default/api}
      port: \${5:8080}
      protocol: TCP
      expect: \${6|allow,deny|}
`,
  },
];
