import type { Direction } from '../evaluate/verdict';
import type { LoggingConfig } from './config';
import type { Disposition, RecordPolicy } from './types';

export const ALLOW_ANNOTATION = 'policy.network.gke.io/enable-logging';
export const DENY_ANNOTATION = 'policy.network.gke.io/enable-deny-logging';

export function noSideMessage(endpoint: string, direction: Direction): string {
  return `${endpoint} is outside the cluster, so it has no ${direction} side and nothing logs there.`;
}

export function hostNetworkMessage(endpoint: string): string {
  return `${endpoint} uses the host network, so its traffic is the node's and GKE does not log it.`;
}

export function notReachedMessage(endpoint: string): string {
  return `Egress denied the connection, so it never reaches the ingress of ${endpoint}.`;
}

export function notIsolatedMessage(endpoint: string, direction: Direction): string {
  return `No policy selects ${endpoint} for ${direction}, so there is no verdict to log.`;
}

export function loggingOffMessage(config: LoggingConfig): string {
  return config.source === 'invalid'
    ? 'Every NetworkLogging object in the workspace is invalid and ignored, so logging is off.'
    : 'The workspace has no NetworkLogging object, so logging is off.';
}

export function dispositionOffMessage(disposition: Disposition): string {
  return `NetworkLogging does not log ${disposition}ed connections (spec.cluster.${disposition}.log is not true).`;
}

export function noPolicyMessage(): string {
  return 'No policy is attributed to this allow, and GKE does not log connections allowed by default.';
}

export function notDelegatedAllowMessage(policies: readonly RecordPolicy[]): string {
  const names = policies.map(describePolicy).join(', ');
  const noun = policies.length === 1 ? 'the allowing policy' : 'the allowing policies';
  return `Allow logging is delegated: annotate ${noun} ${names} with ${ALLOW_ANNOTATION}: "true".`;
}

export function notDelegatedDenyMessage(namespace: string): string {
  return `Deny logging is delegated: annotate Namespace ${namespace} with ${DENY_ANNOTATION}: "true".`;
}

export function clusterPolicyMessage(kind: string, name: string, allowed: boolean): string {
  return `${kind} ${name} ${allowed ? 'allowed' : 'denied'} this side; GKE's policy logging does not know ${kind}, so no record is previewed.`;
}

export function describePolicy(policy: RecordPolicy): string {
  const name = policy.namespace ? `${policy.namespace}/${policy.name ?? ''}` : (policy.name ?? '');
  return policy.kind && policy.kind !== 'NetworkPolicy' ? `${policy.kind} ${name}` : name;
}
