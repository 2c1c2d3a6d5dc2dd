import { isLogged } from '../logs';
import type { LogPreview } from '../logs';
import type { DirectionVerdict, Flow, Verdict } from '../evaluate/verdict';
import type { FlowResult } from '../evaluate/flow-result';
import {
  describeClusterPolicy,
  describeClusterRule,
  describePolicy,
  describeRule,
} from './describe';

/**
 * One line: `allow: egress not isolated; ingress allowed by shop/allow-web ingress rule 1`.
 * Past four policies or rules, a direction names three and counts the others.
 * Accepts a flow result, or a verdict (and, optionally, its flow).
 */
export function summarizeVerdict(subject: FlowResult | Verdict, _flow?: Flow): string {
  const verdict = 'verdict' in subject ? subject.verdict : subject;
  const word = verdict.allowed ? 'allow' : 'deny';
  // Joined into one flat string, where a concatenation would keep a tree of its parts: a
  // workspace holds a summary for each of its flows as long as their diagnostics.
  return [
    word,
    ': ',
    summarizeDirection(verdict.egress),
    '; ',
    summarizeDirection(verdict.ingress),
  ].join('');
}

export function summarizeDirection(side: DirectionVerdict): string {
  const passes = side.tiers?.passes ?? [];
  if (passes.length === 0 || side.tiers?.decision !== undefined) {
    return decisionOf(side);
  }
  const passers = passes.map((pass) => describeClusterPolicy(pass.policy)).join(', ');
  return `${decisionOf(side)} (after a Pass by ${passers})`;
}

function decisionOf(side: DirectionVerdict): string {
  switch (side.reason) {
    case 'no-side':
      return `${side.direction} outside the cluster`;
    case 'host-network':
      return `${side.direction} not isolated (host network)`;
    case 'not-isolated':
      return `${side.direction} not isolated`;
    case 'allowed-by-rule':
      return `${side.direction} allowed by ${listed(side.allowedBy.map(describeRule).map(shorten(side.direction)), 'rules')}`;
    case 'no-rule-matches':
      return `${side.direction} denied: no rule of ${listed(side.isolatedBy.map(describePolicy), 'policies')} matches`;
    case 'accepted-by-cluster-policy':
      return `${side.direction} allowed by ${describeClusterRule(side.tiers!.decision!)}`;
    case 'denied-by-cluster-policy':
      return `${side.direction} denied by ${describeClusterRule(side.tiers!.decision!)}`;
  }
}

// A summary is one line in a list of problems or a lens: past a few names, it counts the rest
// (the explanation names them all).
const NAMED = 3;

function listed(names: readonly string[], what: string): string {
  if (names.length <= NAMED + 1) {
    return names.join(', ');
  }
  return `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more ${what}`;
}

// In the summary the direction is already said once: `shop/a ingress rule 1` -> `shop/a rule 1`.
function shorten(direction: DirectionVerdict['direction']): (text: string) => string {
  return (text) => text.replace(` ${direction} rule `, ' rule ');
}

/** Why a sample flow's `expect` failed. */
export function expectationFailed(expect: 'allow' | 'deny', summary: string): string {
  return `Expected ${expect}, but the verdict is ${summary}`;
}

/** Why a sample flow's `expectLogged` failed, side by side. */
export function logExpectationFailed(
  expectLogged: boolean | null,
  allowed: boolean,
  logs: LogPreview,
): string {
  const said = isLogged(logs) ? 'would be logged' : 'would not be logged';
  const sides = logs
    .map((entry) =>
      entry.logged ? `${entry.direction} logged` : `${entry.direction} ${entry.message}`,
    )
    .join('; ');
  return `Expected expectLogged: ${String(expectLogged)}, but this ${allowed ? 'allow' : 'deny'} ${said}: ${sides}`;
}
