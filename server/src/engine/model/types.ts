import type { PolicyRef } from '../core/policy-ref';
import type { Origin } from '../core/source';
import type { Direction, Protocol } from '../core/vocabulary';
import type { Address } from './ip-block';

export type Labels = Readonly<Record<string, string>>;

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

/** A label selector, compiled once into `matches`. */
export interface Selector {
  readonly matchLabels: Labels;
  readonly matchExpressions: readonly SelectorRequirement[];
  /** False when part of it cannot be read (an unknown operator, `In` without values...). */
  readonly valid: boolean;
  /** True for `{}`: it matches everything. */
  readonly matchesAll: boolean;
  readonly matches: (labels: Labels) => boolean;
}

export interface IpBlock {
  readonly cidr: string;
  readonly except: readonly string[];
  /** The same for blocks written alike, which contain the same addresses. */
  readonly key: string;
  /** Tests an address parsed by `parseAddress`. */
  readonly contains: (address: Address) => boolean;
}

/** One `from`/`to` item. An `invalid` peer (no field, or ipBlock with a selector) matches nothing. */
export type Peer =
  | {
      readonly kind: 'selector';
      readonly podSelector?: Selector;
      readonly namespaceSelector?: Selector;
      readonly origin: Origin;
    }
  | { readonly kind: 'ipBlock'; readonly ipBlock: IpBlock; readonly origin: Origin }
  | { readonly kind: 'invalid'; readonly origin: Origin };

/** One `ports` item. `valid: false` (an unknown protocol, endPort without a number) matches nothing. */
export interface PolicyPort {
  /** Defaults to TCP. */
  readonly protocol: Protocol;
  readonly port?: number | string;
  readonly endPort?: number;
  readonly valid: boolean;
  readonly origin: Origin;
}

export interface Rule {
  /** `null` when `from`/`to` is missing or empty: every peer, outside the cluster included. */
  readonly peers: readonly Peer[] | null;
  /** Empty when `ports` is missing or empty: every port and protocol. */
  readonly ports: readonly PolicyPort[];
  /** False for an item that is not a map: it admits nothing. */
  readonly valid: boolean;
  readonly origin: Origin;
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Labels;
  /** Absent (or unreadable) `spec.podSelector` selects nothing: the API server rejects it. */
  readonly podSelector: Selector | null;
  /** Effective: as written; if absent or empty, Ingress plus Egress when `egress` has rules. */
  readonly policyTypes: readonly PolicyType[];
  readonly ingress: readonly Rule[];
  readonly egress: readonly Rule[];
  readonly origin: Origin;
  readonly ref: PolicyRef;
}

/** What a policy's pod selector reads of a pod. */
export interface LabelledPod {
  readonly namespace: string;
  readonly labels: Labels;
}

/** Whether the policy's `spec.podSelector` selects the pod: a pod of its own namespace. */
export function selectsPod(policy: NetworkPolicy, pod: LabelledPod): boolean {
  return (
    policy.namespace === pod.namespace &&
    policy.podSelector !== null &&
    policy.podSelector.matches(pod.labels)
  );
}

export function isolates(policy: NetworkPolicy, direction: Direction): boolean {
  return policy.policyTypes.includes(direction === 'ingress' ? 'Ingress' : 'Egress');
}
