import type { ClusterPolicy } from '../model/cluster-policy';
import type { NetworkPolicy } from '../model/types';
import type { Pod } from '../world/types';
import type { Verdict } from '../evaluate/verdict';
import { summarizeDirection } from './summarize';
import { plural } from './plural';

/** `deny (expected allow) · egress allowed by ... · ingress denied: ...`: a sample flow's lens. */
export function flowLensTitle(flow: {
  readonly verdict: Verdict;
  readonly ok: boolean;
  readonly expect: 'allow' | 'deny' | null;
}): string {
  const { verdict, ok, expect } = flow;
  const word = verdict.allowed ? 'allow' : 'deny';
  const failed = ok || expect === null ? '' : ` (expected ${expect})`;
  return `${word}${failed} · ${summarizeDirection(verdict.egress)} · ${summarizeDirection(verdict.ingress)}`;
}

/** `selects 2 pods in shop`: a NetworkPolicy's lens. */
export function policyLensTitle(policy: NetworkPolicy, pods: readonly Pod[]): string {
  return `selects ${plural(pods.length, 'pod')} in ${policy.namespace}`;
}

/** `Admin 10 · applies to 14 pods in 3 namespaces` (a BaselineAdminNetworkPolicy has no priority). */
export function clusterPolicyLensTitle(policy: ClusterPolicy, pods: readonly Pod[]): string {
  const namespaces = new Set(pods.map((pod) => pod.namespace)).size;
  const place =
    policy.kind === 'BaselineAdminNetworkPolicy'
      ? policy.tier
      : `${policy.tier} ${policy.priority}`;
  return `${place} · applies to ${plural(pods.length, 'pod')} in ${plural(namespaces, 'namespace')}`;
}
