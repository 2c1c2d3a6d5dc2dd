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
