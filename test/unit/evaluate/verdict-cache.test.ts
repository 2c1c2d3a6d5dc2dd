import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEvaluator } from '../../../server/src/engine/analysis/evaluate-workspace';
import type { Endpoint, Flow, Pod } from '../../../server/src/engine/analysis/evaluate-workspace';
import * as arbitrary from '../differential/arbitraries';
import { build, scenario } from '../matrix/random-world';

// Flows between pods of one class share a verdict: every flow of a random world, through one
// evaluator, must equal what a fresh evaluator (nothing cached) decides for it alone.
void test('shared verdicts equal verdicts decided afresh, named addresses and outside ones too', () => {
  fc.assert(
    fc.property(scenario, fc.constantFrom(...arbitrary.PORTS), (input, port) => {
      const { policies, world } = build(input);
      const options = { dataplane: input.dataplane };
      const evaluate = createEvaluator(policies, world, options);
      const endpoints = endpointsOf(world.pods);
      for (const source of endpoints) {
        for (const destination of endpoints) {
          for (const protocol of ['TCP', 'UDP'] as const) {
            const flow: Flow = { source, destination, port, protocol };
            const fresh = createEvaluator(policies, world, options)(flow);
            assert.deepEqual(evaluate(flow), fresh, JSON.stringify({ input, flow }));
          }
        }
      }
    }),
    { numRuns: 150, seed: 20260104 },
  );
});

function endpointsOf(pods: readonly Pod[]): Endpoint[] {
  return [
    ...pods.map((pod): Endpoint => ({ kind: 'pod', pod })),
    ...pods.slice(0, 3).map((pod): Endpoint => ({ kind: 'pod', pod, ip: pod.ip })),
    { kind: 'pod', pod: pods[0]!, ip: '10.0.1.9' },
    { kind: 'pod', pod: pods[0]!, ip: 'not-an-ip' },
    ...arbitrary.EXTERNAL_IPS.slice(0, 3).map((ip): Endpoint => ({ kind: 'external', ip })),
    { kind: 'external', ip: '10.0.0.2' },
  ];
}
