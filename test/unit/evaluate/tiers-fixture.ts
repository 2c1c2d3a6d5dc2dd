import assert from 'node:assert/strict';
import { test } from 'node:test';
import type {
  Dataplane,
  DirectionVerdict,
} from '../../../server/src/engine/analysis/evaluate-workspace';
import { WORLD, verdictOf } from './fixture';

/** A ClusterNetworkPolicy document; the spec written as JSON, which is YAML. */
export function cnp(
  name: string,
  tier: 'Admin' | 'Baseline',
  priority: number,
  subject: unknown,
  rules: { readonly ingress?: unknown[]; readonly egress?: unknown[] },
): string {
  const spec = { tier, priority, subject, ...rules };
  return `apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy\nmetadata: { name: ${name} }\nspec: ${JSON.stringify(spec)}\n`;
}

/**
 * One direction in a few words: `Admin deny by block#0`, `NetworkPolicy allow`,
 * `default allow pass p#1`. Rules by 0-based index; passes listed after the decision.
 */
export function describeSide(side: DirectionVerdict): string {
  const parts = [side.decidedBy, side.allowed ? 'allow' : 'deny'];
  const decision = side.tiers?.decision;
  if (decision !== undefined) {
    parts.push(`by ${decision.policy.name}#${decision.ruleIndex}`);
  }
  for (const pass of side.tiers?.passes ?? []) {
    parts.push(`pass ${pass.policy.name}#${pass.ruleIndex}`);
  }
  return parts.join(' ');
}

export interface TierExpectation {
  readonly flow: string;
  readonly expect: 'allow' | 'deny';
  readonly egress?: string;
  readonly ingress?: string;
  readonly only?: Dataplane;
}

export interface TierCase {
  readonly name: string;
  readonly policies: string;
  readonly flows: readonly TierExpectation[];
}

const DATAPLANES: readonly Dataplane[] = ['gke-dataplane-v2', 'kubernetes'];

/** Runs a table over a world (the semantics one unless given): each flow under each profile it names. */
export function runTierCases(cases: readonly TierCase[], world: string = WORLD): void {
  for (const entry of cases) {
    const yaml = `${world}\n---\n${entry.policies}`;
    void test(entry.name, () => {
      for (const expectation of entry.flows) {
        for (const dataplane of DATAPLANES) {
          if ((expectation.only ?? dataplane) !== dataplane) {
            continue;
          }
          const verdict = verdictOf(yaml, expectation.flow, dataplane);
          const label = `${expectation.flow} [${dataplane}]`;
          assert.equal(verdict.allowed ? 'allow' : 'deny', expectation.expect, label);
          if (expectation.egress !== undefined) {
            assert.equal(describeSide(verdict.egress), expectation.egress, `${label} egress`);
          }
          if (expectation.ingress !== undefined) {
            assert.equal(describeSide(verdict.ingress), expectation.ingress, `${label} ingress`);
          }
        }
      }
    });
  }
}
