import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { createEvaluator } from '../../../server/src/engine/evaluate/evaluator';
import { longReference } from '../../../server/src/engine/flows/resolve-endpoint';
import type { Pod } from '../../../server/src/engine/world/types';
import { diffReachability } from '../../../server/src/engine/ide/diff/diff-reachability';
import { diffPairs } from '../../../server/src/engine/ide/diff/diff-pairs';
import { build, scenario } from '../matrix/random-world';

const RUNS = Number(process.env['DIFFERENTIAL_RUNS'] ?? 200);

// The head shares the base's namespaces and dataplane; its pods (named by position, so some are
// in both) and policies are drawn afresh.
const versions = scenario.chain((base) =>
  scenario.map((head) => ({
    base,
    head: {
      ...head,
      declared: base.declared,
      namespaceLabels: base.namespaceLabels,
      dataplane: base.dataplane,
    },
  })),
);

void test(`the diff agrees with the evaluator on every pod pair of ${RUNS} random edits`, () => {
  fc.assert(
    fc.property(versions, ({ base, head }) => {
      const before = build(base);
      const after = build(head);
      const options = { dataplane: base.dataplane };
      const diff = diffReachability({ ...before, flows: [] }, { ...after, flows: [] }, options);
      const evaluateBefore = createEvaluator(before.policies, before.world, options);
      const evaluateAfter = createEvaluator(after.policies, after.world, options);
      const baseByKey = new Map(before.world.pods.map((pod) => [longReference(pod), pod]));
      const expected = { opened: [] as string[], closed: [] as string[] };
      for (const source of after.world.pods) {
        for (const destination of after.world.pods) {
          const baseSource = baseByKey.get(longReference(source));
          const baseDestination = baseByKey.get(longReference(destination));
          if (baseSource === undefined || baseDestination === undefined) {
            continue;
          }
          const seen = new Set<string>();
          for (const port of destination.ports) {
            const key = `${port.containerPort}/${port.protocol}`;
            const basePort = baseDestination.ports.find(
              (other) =>
                other.containerPort === port.containerPort && other.protocol === port.protocol,
            );
            if (basePort === undefined || seen.has(key)) {
              continue;
            }
            seen.add(key);
            const was = verdictOf(evaluateBefore, baseSource, baseDestination, basePort);
            const is = verdictOf(evaluateAfter, source, destination, port);
            if (was !== is) {
              expected[is ? 'opened' : 'closed'].push(`${source.name}>${destination.name}:${key}`);
            }
          }
        }
      }
      const pairs = diffPairs(diff, Infinity);
      const listed = (which: 'opened' | 'closed') =>
        pairs[which]
          .map(
            (pair) =>
              `${pair.source.name}>${pair.destination.name}:${pair.port.containerPort}/${pair.port.protocol}`,
          )
          .sort();
      assert.deepEqual(listed('opened'), expected.opened.sort());
      assert.deepEqual(listed('closed'), expected.closed.sort());
      assert.equal(diff.openedPairs, expected.opened.length);
      assert.equal(diff.closedPairs, expected.closed.length);
      for (const change of [...diff.opened, ...diff.closed]) {
        const { before: was, after: is } = diff.verdicts(change);
        assert.equal(was.allowed, !change.opened);
        assert.equal(is.allowed, change.opened);
      }
    }),
    { numRuns: RUNS, seed: 20261202 },
  );
});

function verdictOf(
  evaluate: ReturnType<typeof createEvaluator>,
  source: Pod,
  destination: Pod,
  port: Pod['ports'][number],
): boolean {
  return evaluate({
    source: { kind: 'pod', pod: source },
    destination: { kind: 'pod', pod: destination },
    port: port.containerPort,
    protocol: port.protocol,
  }).allowed;
}
