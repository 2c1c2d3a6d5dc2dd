import type { DirectionVerdict, Flow, Verdict } from '../evaluate/verdict';
import type { FlowResult } from '../flows/types';
import { describePolicy, describeRule } from './describe';

/**
 * One line: `allow: egress not isolated; ingress allowed by shop/allow-web ingress rule 1`.
 * Accepts a flow result, or a verdict (and, optionally, its flow).
 */
export function summarizeVerdict(subject: FlowResult | Verdict, _flow?: Flow): string {
  const verdict = 'verdict' in subject ? subject.verdict : subject;
  const word = verdict.allowed ? 'allow' : 'deny';
  return `${word}: ${summarizeDirection(verdict.egress)}; ${summarizeDirection(verdict.ingress)}`;
}

export function summarizeDirection(side: DirectionVerdict): string {
  switch (side.reason) {
    case 'no-side':
      return `${side.direction} outside the cluster`;
    case 'host-network':
      return `${side.direction} not isolated (host network)`;
    case 'not-isolated':
      return `${side.direction} not isolated`;
    case 'allowed-by-rule':
      return `${side.direction} allowed by ${side.allowedBy.map(describeRule).map(shorten(side.direction)).join(', ')}`;
    case 'no-rule-matches':
      return `${side.direction} denied: no rule of ${side.isolatedBy.map(describePolicy).join(', ')} matches`;
  }
}

// In the summary the direction is already said once: `shop/a ingress rule 1` -> `shop/a rule 1`.
function shorten(direction: DirectionVerdict['direction']): (text: string) => string {
  return (text) => text.replace(` ${direction} rule `, ' rule ');
}
