import type { Direction, DirectionVerdict, Flow, RuleMatch, Verdict } from '../evaluate/verdict';
import type { Namespace } from '../world/types';
import type { LoggingConfig } from './config';
import { describeEndpoint } from './endpoint';
import * as messages from './messages';
import type { Disposition, NotLoggedEntry, RecordPolicy } from './types';

/** What one side of a flow does: write a record of that disposition, or not, and why. */
export type SideDecision =
  | {
      readonly logged: true;
      readonly disposition: Disposition;
      readonly policies?: readonly RecordPolicy[];
    }
  | NotLoggedEntry;

/**
 * Decides one side (docs/gke-logging.md §2.5, §3.4, §1.4): a side logs when its pod is isolated in that
 * direction, the connection reaches it, its disposition is logged, and delegation lets it.
 */
export function decideSide(
  direction: Direction,
  flow: Flow,
  verdict: Verdict,
  config: LoggingConfig,
  namespaces: ReadonlyMap<string, Namespace>,
): SideDecision {
  const endpoint = direction === 'egress' ? flow.source : flow.destination;
  const side = verdict[direction];
  const skip = (reason: NotLoggedEntry['reason'], message: string): NotLoggedEntry => ({
    direction,
    logged: false,
    reason,
    message,
  });
  if (endpoint.kind === 'external' || side.reason === 'no-side') {
    return skip('no-side', messages.noSideMessage(describeEndpoint(endpoint), direction));
  }
  if (endpoint.pod.hostNetwork || side.reason === 'host-network') {
    return skip('host-network', messages.hostNetworkMessage(describeEndpoint(endpoint)));
  }
  if (direction === 'ingress' && !verdict.egress.allowed) {
    return skip('not-reached', messages.notReachedMessage(describeEndpoint(endpoint)));
  }
  const decision = side.tiers?.decision;
  if (decision !== undefined) {
    const { kind, name } = decision.policy;
    return skip('cluster-policy', messages.clusterPolicyMessage(kind, name, side.allowed));
  }
  if (side.reason === 'not-isolated') {
    return skip('not-isolated', messages.notIsolatedMessage(describeEndpoint(endpoint), direction));
  }
  if (config.source !== 'workspace') {
    return skip('logging-off', messages.loggingOffMessage(config));
  }
  const disposition: Disposition = side.allowed ? 'allow' : 'deny';
  if (!config[disposition].log) {
    return skip('disposition-off', messages.dispositionOffMessage(disposition));
  }
  return disposition === 'allow'
    ? decideAllow(side, config.allow.delegate)
    : decideDeny(direction, endpoint.pod.namespace, config.deny.delegate, namespaces);
}

function decideAllow(side: DirectionVerdict, delegate: boolean): SideDecision {
  const direction = side.direction;
  const allowing = toRecordPolicies(side.allowedBy);
  if (allowing.length === 0) {
    return {
      direction,
      logged: false,
      reason: 'no-policy-attributed',
      message: messages.noPolicyMessage(),
    };
  }
  if (!delegate) {
    return { logged: true, disposition: 'allow', policies: allowing.map(({ policy }) => policy) };
  }
  // Under delegation the record lists only the annotated policies (docs/gke-logging.md §1.4).
  const annotated = allowing.filter(
    ({ annotations }) => annotations[messages.ALLOW_ANNOTATION] === 'true',
  );
  if (annotated.length > 0) {
    return { logged: true, disposition: 'allow', policies: annotated.map(({ policy }) => policy) };
  }
  const policies = allowing.map(({ policy }) => policy);
  return {
    direction,
    logged: false,
    reason: 'not-delegated',
    message: messages.notDelegatedAllowMessage(policies),
    fix: { target: 'policies', annotation: messages.ALLOW_ANNOTATION, policies },
  };
}

function decideDeny(
  direction: Direction,
  namespace: string,
  delegate: boolean,
  namespaces: ReadonlyMap<string, Namespace>,
): SideDecision {
  // The namespace checked is that of the pod whose policy dropped the connection
  // (docs/gke-logging.md §1.4).
  const annotations = namespaces.get(namespace)?.annotations ?? {};
  if (!delegate || annotations[messages.DENY_ANNOTATION] === 'true') {
    return { logged: true, disposition: 'deny' };
  }
  return {
    direction,
    logged: false,
    reason: 'not-delegated',
    message: messages.notDelegatedDenyMessage(namespace),
    fix: { target: 'namespace', annotation: messages.DENY_ANNOTATION, namespace },
  };
}

interface AllowingPolicy {
  readonly policy: RecordPolicy;
  readonly annotations: Readonly<Record<string, string>>;
}

/**
 * Every policy with a rule that admits the flow, once each, sorted by kind, namespace and name.
 * GKE's real order comes from map iteration and is unconfirmed (docs/gke-logging.md §6.5).
 */
function toRecordPolicies(matches: readonly RuleMatch[]): readonly AllowingPolicy[] {
  // One allowing rule is the common case: nothing to merge or sort.
  if (matches.length === 1) {
    const policy = matches[0]!.policy;
    const recordPolicy = { kind: policy.kind, name: policy.name, namespace: policy.namespace };
    return [{ policy: recordPolicy, annotations: policy.annotations }];
  }
  const byKey = new Map<string, AllowingPolicy>();
  for (const { policy } of matches) {
    const key = `${policy.kind}\u0000${policy.namespace}\u0000${policy.name}`;
    if (!byKey.has(key)) {
      const recordPolicy = { kind: policy.kind, name: policy.name, namespace: policy.namespace };
      byKey.set(key, { policy: recordPolicy, annotations: policy.annotations });
    }
  }
  return [...byKey.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([, allowing]) => allowing);
}
