import type { Severity } from './problem';

/** Every problem code the check layer emits. */
export type ProblemCode =
  | 'unknown-field'
  | 'missing-field'
  | 'wrong-type'
  | 'invalid-value'
  | 'out-of-range'
  | 'invalid-format'
  | 'too-many-items'
  | 'schema-violation'
  | 'invalid-name'
  | 'invalid-namespace'
  | 'invalid-label-key'
  | 'invalid-label-value'
  | 'invalid-annotation-key'
  | 'selector-values-required'
  | 'selector-values-forbidden'
  | 'invalid-port'
  | 'invalid-port-name'
  | 'end-port-without-numeric-port'
  | 'end-port-before-port'
  | 'invalid-cidr'
  | 'cidr-host-bits'
  | 'except-outside-cidr'
  | 'ip-block-with-selector'
  | 'empty-peer'
  | 'duplicate-policy-type'
  | 'policy-types-omits-direction'
  | 'dataplane-v2-end-port'
  | 'dataplane-v2-sctp'
  | 'network-logging-name'
  | 'network-logging-namespace'
  | 'delegate-without-log'
  | 'duplicate-network-logging'
  | 'allow-delegate-without-annotation'
  | 'deny-delegate-without-annotation'
  | 'logging-annotation-wrong-kind'
  | 'logging-annotation-value'
  | 'logging-annotation-typo'
  | 'duplicate-flow-name'
  | 'duplicate-flow'
  | 'exactly-one-field'
  | 'port-range-order'
  | 'baseline-admin-name'
  | 'named-port-on-network-peer'
  | 'invalid-selector-operator'
  | 'pass-in-baseline'
  | 'domain-names-not-accept'
  | 'shadowed-rule'
  | 'cluster-policy-no-rules'
  | 'cluster-policy-v1alpha1';

export interface Rule {
  readonly code: ProblemCode;
  readonly severity: Severity;
  readonly summary: string;
}

// A record keyed by the union, so a code without a row does not compile.
const TABLE: Readonly<Record<ProblemCode, Omit<Rule, 'code'>>> = {
  'unknown-field': {
    severity: 'error',
    summary:
      'A field the schema does not define (a warning in NetworkLogging, whose CRD prunes unknown fields).',
  },
  'missing-field': {
    severity: 'error',
    summary: 'A required field is missing.',
  },
  'wrong-type': {
    severity: 'error',
    summary: 'A value has the wrong type (such as a map where a list belongs).',
  },
  'invalid-value': {
    severity: 'error',
    summary: 'A value is not one of the allowed values.',
  },
  'out-of-range': {
    severity: 'error',
    summary: 'A number is outside the range the schema allows.',
  },
  'invalid-format': {
    severity: 'error',
    summary: 'A value is not in the required format (timestamp, int32...).',
  },
  'too-many-items': {
    severity: 'error',
    summary: 'A list has more items than allowed (policyTypes: at most 2).',
  },
  'schema-violation': {
    severity: 'error',
    summary: 'Any other schema violation.',
  },
  'invalid-name': {
    severity: 'error',
    summary: 'metadata.name is not a valid DNS-1123 subdomain.',
  },
  'invalid-namespace': {
    severity: 'error',
    summary: 'metadata.namespace is not a valid DNS-1123 label.',
  },
  'invalid-label-key': {
    severity: 'error',
    summary:
      'A label key is not a valid qualified name (optional DNS prefix, name of at most 63 characters).',
  },
  'invalid-label-value': {
    severity: 'error',
    summary: 'A label value is longer than 63 characters or uses characters Kubernetes rejects.',
  },
  'invalid-annotation-key': {
    severity: 'error',
    summary: 'An annotation key is not a valid qualified name.',
  },
  'selector-values-required': {
    severity: 'error',
    summary: 'A matchExpressions entry with In or NotIn has no values.',
  },
  'selector-values-forbidden': {
    severity: 'error',
    summary: 'A matchExpressions entry with Exists or DoesNotExist has values.',
  },
  'invalid-port': {
    severity: 'error',
    summary: 'A port or endPort number is outside 1-65535.',
  },
  'invalid-port-name': {
    severity: 'error',
    summary: 'A named port is not a valid IANA service name.',
  },
  'end-port-without-numeric-port': {
    severity: 'error',
    summary: 'endPort is set without a numeric port.',
  },
  'end-port-before-port': {
    severity: 'error',
    summary: 'endPort is less than port.',
  },
  'invalid-cidr': {
    severity: 'error',
    summary: 'An ipBlock cidr or except entry is not valid CIDR notation.',
  },
  'cidr-host-bits': {
    severity: 'warning',
    summary: 'A CIDR has bits set after its prefix (10.0.0.1/8 means 10.0.0.0/8).',
  },
  'except-outside-cidr': {
    severity: 'error',
    summary: 'An ipBlock except range is not strictly inside its cidr.',
  },
  'ip-block-with-selector': {
    severity: 'error',
    summary: 'A peer combines ipBlock with podSelector or namespaceSelector.',
  },
  'empty-peer': {
    severity: 'error',
    summary: 'A from/to peer sets no field.',
  },
  'duplicate-policy-type': {
    severity: 'warning',
    summary: 'A policyTypes entry is listed twice.',
  },
  'policy-types-omits-direction': {
    severity: 'warning',
    summary:
      'The policy has ingress (egress) rules but policyTypes leaves that direction out, so they are ignored.',
  },
  'dataplane-v2-end-port': {
    severity: 'warning',
    summary:
      'endPort may not be enforced as written on GKE Dataplane V2 (profile gke-dataplane-v2).',
  },
  'dataplane-v2-sctp': {
    severity: 'warning',
    summary:
      'SCTP in network policies may not be supported on GKE Dataplane V2 (profile gke-dataplane-v2).',
  },
  'network-logging-name': {
    severity: 'error',
    summary: 'A NetworkLogging is not named default.',
  },
  'network-logging-namespace': {
    severity: 'warning',
    summary: 'A NetworkLogging sets metadata.namespace, but it is cluster-scoped.',
  },
  'delegate-without-log': {
    severity: 'error',
    summary:
      'NetworkLogging delegate is true while log is not; GKE rejects the whole configuration.',
  },
  'duplicate-network-logging': {
    severity: 'error',
    summary: 'More than one NetworkLogging in the workspace; a cluster has only one.',
  },
  'allow-delegate-without-annotation': {
    severity: 'warning',
    summary:
      'allow.delegate is true but no NetworkPolicy has policy.network.gke.io/enable-logging: "true".',
  },
  'deny-delegate-without-annotation': {
    severity: 'warning',
    summary:
      'deny.delegate is true but no Namespace has policy.network.gke.io/enable-deny-logging: "true".',
  },
  'logging-annotation-wrong-kind': {
    severity: 'warning',
    summary:
      'A GKE logging annotation is on the wrong kind of object (enable-logging goes on policies, enable-deny-logging on Namespaces).',
  },
  'logging-annotation-value': {
    severity: 'warning',
    summary:
      'A GKE logging annotation has a value other than "true" or "false"; only "true" turns it on.',
  },
  'logging-annotation-typo': {
    severity: 'warning',
    summary: 'An annotation key looks like a misspelt GKE logging annotation.',
  },
  'duplicate-flow-name': {
    severity: 'warning',
    summary: 'Two flows of one SampleFlows share a name.',
  },
  'duplicate-flow': {
    severity: 'warning',
    summary: 'Two flows of one SampleFlows have the same from, to, port and protocol.',
  },
  'exactly-one-field': {
    severity: 'error',
    summary:
      'A cluster policy subject, peer, protocol or port sets none or several of the fields of which it takes exactly one.',
  },
  'port-range-order': {
    severity: 'error',
    summary: "A cluster policy port range's start is not less than its end (the CRD's CEL rule).",
  },
  'baseline-admin-name': {
    severity: 'error',
    summary: "A BaselineAdminNetworkPolicy is not named default (the CRD's CEL rule).",
  },
  'named-port-on-network-peer': {
    severity: 'error',
    summary:
      'A cluster policy rule names a destination port by name beside networks, nodes or domainNames peers, which have none (a warning for networks in the standard channel, where the rule then matches nothing toward them).',
  },
  'invalid-selector-operator': {
    severity: 'error',
    summary:
      'A cluster policy selector uses an operator other than In, NotIn, Exists or DoesNotExist (the CRD accepts it; implementations reject it).',
  },
  'pass-in-baseline': {
    severity: 'warning',
    summary: 'A Baseline rule says Pass, which lands on the default allow.',
  },
  'domain-names-not-accept': {
    severity: 'warning',
    summary: 'domainNames in a Deny or Pass rule; it is meant for Accept rules only.',
  },
  'shadowed-rule': {
    severity: 'warning',
    summary:
      'A cluster policy rule never applies: an earlier rule of the same policy matches all of its traffic.',
  },
  'cluster-policy-no-rules': {
    severity: 'warning',
    summary: 'A cluster policy has no ingress or egress rules, so it decides nothing.',
  },
  'cluster-policy-v1alpha1': {
    severity: 'hint',
    summary:
      'An AdminNetworkPolicy or BaselineAdminNetworkPolicy (v1alpha1), with a quick fix that rewrites it as the equivalent v1alpha2 ClusterNetworkPolicy.',
  },
};

/** Every code with its severity and a one-line summary, in the order the README lists them. */
export const RULES: readonly Rule[] = Object.entries(TABLE).map(([code, rule]) => ({
  code: code as ProblemCode,
  ...rule,
}));

export function severityOf(code: ProblemCode): Severity {
  return TABLE[code].severity;
}

export function isProblemCode(value: unknown): value is ProblemCode {
  return typeof value === 'string' && Object.hasOwn(TABLE, value);
}
