import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEvaluator } from '../../../server/src/engine/analysis/evaluate-workspace';
import { computeReachability } from '../../../server/src/engine/matrix/compute-reachability';
import { build, tieredScenario } from './random-world';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 300);

// A pod reaching its own address escapes cluster policies, so a cell speaks for pairs of
// different pods: those are compared here.
void test(`with tiered policies the matrix agrees with the evaluator on ${RUNS} random worlds`, () => {
  fc.assert(
    fc.property(tieredScenario, (input) => {
      const { policies, clusterPolicies, world } = build(input);
      const options = { dataplane: input.dataplane, clusterPolicies };
      const matrix = computeReachability(policies, world, options);
      const evaluate = createEvaluator(policies, world, options);
      for (const source of world.pods) {
        for (const destination of world.pods) {
          if (source === destination) {
            continue;
          }
          destination.ports.forEach((port, portIndex) => {
            const verdict = evaluate({
              source: { kind: 'pod', pod: source },
              destination: { kind: 'pod', pod: destination },
              port: port.containerPort,
              protocol: port.protocol,
            });
            const cell = matrix.isAllowed(
              matrix.classOf(source),
              matrix.classOf(destination),
              portIndex,
            );
            assert.equal(
              cell,
              verdict.allowed,
              JSON.stringify({ input, source: source.name, destination: destination.name, port }),
            );
            assert.deepEqual(matrix.verdict(source, destination, port), verdict);
          });
        }
      }
    }),
    { numRuns: RUNS, seed: 20261203 },
  );
});
