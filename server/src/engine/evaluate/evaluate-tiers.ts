import type { ClusterPolicy } from '../model/cluster-policy';
import { rulesOf } from '../model/cluster-policy';
import type { Pod } from '../world/types';
import { evaluateDirection } from './evaluate-direction';
import type { DirectionContext } from './evaluate-direction';
import { matchClusterRule } from './match-cluster-rule';
import type { TieredPod } from './tier-selection';
import type {
  ClusterRuleMatch,
  Direction,
  DirectionVerdict,
  Endpoint,
  Flow,
  ProfileNote,
  Tier,
  TierTrace,
} from './verdict';

export interface TierContext extends DirectionContext {
  readonly tiersOf: (pod: Pod) => TieredPod;
}

/** What one tier did: the rule that acted (Accept, Deny or Pass), and rivals of its priority. */
interface TierOutcome {
  readonly match: ClusterRuleMatch;
  readonly ambiguous: readonly ClusterRuleMatch[];
}

/**
 * Decides one side of the connection through the tiers: the Admin tier's cluster policies by
 * priority, each one's rules in order, where Accept and Deny decide and Pass leaves the tier;
 * then NetworkPolicy, which decides alone when one selects the pod for this direction; then the
 * Baseline tier likewise; then the default, allowed. A pod reaching its own address is exempt.
 * https://network-policy-api.sigs.k8s.io/api-overview/
 */
export function evaluateTieredDirection(
  context: TierContext,
  direction: Direction,
  flow: Flow,
): DirectionVerdict {
  const networkPolicy = evaluateDirection(context, direction, flow);
  const subject = direction === 'egress' ? flow.source : flow.destination;
  if (networkPolicy.reason === 'no-side' || networkPolicy.reason === 'host-network') {
    return networkPolicy;
  }
  const pod = (subject as Extract<Endpoint, { kind: 'pod' }>).pod;
  if (isOwnAddress(flow)) {
    return withTiers(networkPolicy, OWN_ADDRESS);
  }
  const peer = direction === 'egress' ? flow.destination : flow.source;
  const policies = context.tiersOf(pod)[direction];
  const passes: ClusterRuleMatch[] = [];
  const ambiguous: ClusterRuleMatch[] = [];
  const walk = (tier: readonly ClusterPolicy[]): ClusterRuleMatch | undefined => {
    const outcome = walkTier(context, tier, direction, peer, flow);
    if (outcome === undefined) {
      return undefined;
    }
    ambiguous.push(...outcome.ambiguous);
    if (outcome.match.action === 'Pass') {
      passes.push(outcome.match);
      return undefined;
    }
    return outcome.match;
  };
  const admin = walk(policies.admin);
  if (admin !== undefined) {
    return decided(context, networkPolicy, 'Admin', traceOf(admin, passes, ambiguous));
  }
  if (networkPolicy.reason !== 'not-isolated') {
    return withTiers(
      networkPolicy,
      traceOf(undefined, passes, ambiguous),
      gkeNotes(context, passes),
    );
  }
  const baseline = walk(policies.baseline);
  const trace = traceOf(baseline, passes, ambiguous);
  const notes = gkeNotes(context, passes);
  if (baseline === undefined) {
    return withTiers(networkPolicy, trace, notes);
  }
  const verdict = decided(context, networkPolicy, 'Baseline', trace);
  // kube-network-policies lets a NetworkPolicy that selects the pod for the other direction
  // decide this one too: with none of this direction, it would allow.
  const other = direction === 'egress' ? 'ingress' : 'egress';
  if (!verdict.allowed && context.factsOf(pod)[other].policies.length > 0) {
    const note: ProfileNote = { code: 'network-policy-decides-both', dataplane: context.dataplane };
    return { ...verdict, notes: [...verdict.notes, note] };
  }
  return verdict;
}

// Cluster policies do not apply to a pod reaching its own address (only through a Service).
function isOwnAddress(flow: Flow): boolean {
  return (
    flow.source.kind === 'pod' &&
    flow.destination.kind === 'pod' &&
    flow.source.pod === flow.destination.pod
  );
}

/** The first rule that matches in the first policy that has one, and same-priority rivals. */
function walkTier(
  context: TierContext,
  policies: readonly ClusterPolicy[],
  direction: Direction,
  peer: Endpoint,
  flow: Flow,
): TierOutcome | undefined {
  for (let index = 0; index < policies.length; index++) {
    const policy = policies[index]!;
    const match = firstMatch(context, policy, direction, peer, flow);
    if (match === undefined) {
      continue;
    }
    // Earlier policies of this priority matched nothing; later ones that would act otherwise
    // make the outcome depend on an order upstream leaves undefined.
    const ambiguous: ClusterRuleMatch[] = [];
    for (let next = index + 1; next < policies.length; next++) {
      const rival = policies[next]!;
      if (rival.priority !== policy.priority) {
        break;
      }
      const other = firstMatch(context, rival, direction, peer, flow);
      if (other !== undefined && other.action !== match.action) {
        ambiguous.push(other);
      }
    }
    return { match, ambiguous };
  }
  return undefined;
}

function firstMatch(
  context: TierContext,
  policy: ClusterPolicy,
  direction: Direction,
  peer: Endpoint,
  flow: Flow,
): ClusterRuleMatch | undefined {
  const rules = rulesOf(policy, direction);
  for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex++) {
    const rule = rules[ruleIndex]!;
    const hit = matchClusterRule(context, rule, peer, flow);
    if (hit !== undefined) {
      return {
        policy: policy.ref,
        direction,
        ruleIndex,
        ruleName: rule.name,
        action: rule.action ?? 'Deny',
        ...hit,
      };
    }
  }
  return undefined;
}

function decided(
  context: TierContext,
  networkPolicy: DirectionVerdict,
  tier: Tier,
  trace: TierTrace,
): DirectionVerdict {
  const allowed = trace.decision!.action === 'Accept';
  // Only the notes of the side itself hold; the NetworkPolicy tier's were not reached.
  const sideNotes = networkPolicy.notes.filter((note) => note.code === 'host-network-as-pod');
  return {
    direction: networkPolicy.direction,
    allowed,
    reason: allowed ? 'accepted-by-cluster-policy' : 'denied-by-cluster-policy',
    decidedBy: tier,
    isolatedBy: [],
    allowedBy: [],
    notes: [...sideNotes, ...gkeNotes(context, [trace.decision!])],
    tiers: trace,
  };
}

function withTiers(
  verdict: DirectionVerdict,
  trace: TierTrace,
  notes: readonly ProfileNote[] = NO_NOTES,
): DirectionVerdict {
  return {
    ...verdict,
    notes: notes.length === 0 ? verdict.notes : [...verdict.notes, ...notes],
    tiers: trace,
  };
}

// A large workspace decides tens of thousands of sides, nearly all with no Pass and no rival on
// the way: those share one empty trace rather than each holding two empty lists.
const NO_MATCHES: readonly ClusterRuleMatch[] = Object.freeze([]);
const NO_NOTES: readonly ProfileNote[] = Object.freeze([]);
const NOTHING_MET: TierTrace = Object.freeze({ passes: NO_MATCHES, ambiguous: NO_MATCHES });
const OWN_ADDRESS: TierTrace = Object.freeze({ ...NOTHING_MET, ownAddress: true });

function traceOf(
  decision: ClusterRuleMatch | undefined,
  passes: readonly ClusterRuleMatch[],
  ambiguous: readonly ClusterRuleMatch[],
): TierTrace {
  const met = {
    passes: passes.length === 0 ? NO_MATCHES : passes,
    ambiguous: ambiguous.length === 0 ? NO_MATCHES : ambiguous,
  };
  if (decision !== undefined) {
    return { decision, ...met };
  }
  return met.passes === NO_MATCHES && met.ambiguous === NO_MATCHES ? NOTHING_MET : met;
}

// GKE documents no support for the tiered kinds: said wherever one of them acted.
const UNDOCUMENTED: readonly ProfileNote[] = Object.freeze([
  Object.freeze({ code: 'cluster-policy-undocumented', dataplane: 'gke-dataplane-v2' } as const),
]);

function gkeNotes(
  context: TierContext,
  acted: readonly ClusterRuleMatch[],
): readonly ProfileNote[] {
  return context.dataplane === 'gke-dataplane-v2' && acted.length > 0 ? UNDOCUMENTED : NO_NOTES;
}
