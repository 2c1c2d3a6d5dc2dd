import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEvaluator } from '../../../server/src/engine/analysis/evaluate-workspace';
import { computeReachability } from '../../../server/src/engine/matrix/compute-reachability';
import { build, scenario } from './random-world';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 400);

void test(`the matrix agrees with the evaluator on every pod pair of ${RUNS} random worlds`, () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const { policies, world } = build(input);
      const options = { dataplane: input.dataplane };
      const matrix = computeReachability(policies, world, options);
      const evaluate = createEvaluator(policies, world, options);
      let allowedPodPairs = 0;
      let podPairs = 0;
      for (const source of world.pods) {
        for (const destination of world.pods) {
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
              JSON.stringify({ input, source, destination, port }),
            );
            assert.deepEqual(matrix.verdict(source, destination, port), verdict);
            podPairs++;
            allowedPodPairs += verdict.allowed ? 1 : 0;
          });
        }
      }
      assert.equal(matrix.allowedPodPairs, allowedPodPairs);
      assert.equal(matrix.deniedPodPairs, podPairs - allowedPodPairs);
      assert.equal(matrix.allowed + matrix.denied, matrix.classes.length * matrix.columns.length);
    }),
    { numRuns: RUNS, seed: 20260102 },
  );
});

void test('classes partition the pods and columns follow each class its ports', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const { policies, world } = build(input);
      const matrix = computeReachability(policies, world, { dataplane: input.dataplane });
      const members = matrix.classes.flatMap((podClass) => podClass.pods);
      assert.equal(members.length, world.pods.length);
      assert.equal(new Set(members).size, world.pods.length);
      matrix.classes.forEach((podClass, index) => {
        podClass.pods.forEach((pod) => assert.equal(matrix.classOf(pod), index));
      });
      const expected = matrix.classes.flatMap((podClass, destination) =>
        podClass.ports.map((_, portIndex) => ({ destination, portIndex })),
      );
      assert.deepEqual(matrix.columns, expected);
    }),
    { numRuns: 100, seed: 20260103 },
  );
});
