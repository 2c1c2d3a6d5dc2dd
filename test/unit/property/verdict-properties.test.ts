import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as arbitrary from '../differential/arbitraries';
import { comparable, scenario, toObjects, verdicts } from './scenario';
import type { Scenario } from './scenario';

const RUNS = 300;
const DIRECTIONS = ['ingress', 'egress'] as const;

void test('policy and document order never change a verdict', () => {
  fc.assert(
    fc.property(scenario, fc.array(fc.double({ noNaN: true })), (input, keys) => {
      const objects = toObjects(input);
      const shuffled = objects
        .map((object, index) => ({ object, key: keys[index] ?? index }))
        .sort((left, right) => left.key - right.key)
        .map((entry) => entry.object);
      assert.deepEqual(
        verdicts(input, shuffled).map(comparable),
        verdicts(input, objects).map(comparable),
      );
    }),
    { numRuns: RUNS, seed: 1 },
  );
});

void test('a pod that no policy selects in a direction is never denied in that direction', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      for (const verdict of verdicts(input, toObjects(input))) {
        for (const side of [verdict.egress, verdict.ingress]) {
          assert.ok(side.isolatedBy.length > 0 || side.allowed);
        }
      }
    }),
    { numRuns: RUNS, seed: 2 },
  );
});

void test('adding a rule to a policy never turns an allow into a deny', () => {
  const addition = fc.record({
    which: fc.nat(),
    direction: fc.constantFrom(...DIRECTIONS),
    spec: arbitrary.policySpec,
  });
  fc.assert(
    fc.property(scenario, addition, (input, { which, direction, spec }) => {
      fc.pre(input.policies.length > 0 && (spec[direction]?.length ?? 0) > 0);
      const index = which % input.policies.length;
      const target = input.policies[index]!;
      // Fix policyTypes to their effective value first: adding the first egress rule to a policy
      // without policyTypes would otherwise add Egress isolation, which is not "adding a rule".
      const explicit = { ...target.spec, policyTypes: effectiveTypes(target.spec) };
      const grown = {
        ...explicit,
        [direction]: [...(target.spec[direction] ?? []), spec[direction]![0]!],
      };
      const before = verdicts(input, toObjects(withPolicy(input, index, explicit)));
      const after = verdicts(input, toObjects(withPolicy(input, index, grown)));
      assertNoNewDenies(before, after);
    }),
    { numRuns: RUNS, seed: 3 },
  );
});

void test('adding a policy that selects an already-isolated pod never turns an allow into a deny', () => {
  fc.assert(
    fc.property(scenario, arbitrary.policy, (input, extra) => {
      const before = verdicts(input, toObjects(input));
      const after = verdicts(input, toObjects({ ...input, policies: [...input.policies, extra] }));
      before.forEach((verdict, index) => {
        for (const direction of DIRECTIONS) {
          const side = verdict[direction];
          // Only sides already isolated: a new policy may isolate a pod that was open.
          if (side.isolatedBy.length > 0 && side.allowed) {
            assert.ok(after[index]![direction].allowed, `${direction} of flow ${index}`);
          }
        }
      });
    }),
    { numRuns: RUNS, seed: 4 },
  );
});

void test('renaming a namespace consistently everywhere changes nothing', () => {
  fc.assert(
    fc.property(scenario, (input) => {
      const renamed = JSON.parse(
        JSON.stringify(input).replaceAll('"n1"', '"zz-renamed"'),
      ) as Scenario;
      const strip = (value: unknown) =>
        JSON.parse(JSON.stringify(value).replaceAll('zz-renamed/', 'n1/')) as unknown;
      assert.deepEqual(
        verdicts(renamed, toObjects(renamed)).map(comparable).map(strip),
        verdicts(input, toObjects(input)).map(comparable),
      );
    }),
    { numRuns: RUNS, seed: 5 },
  );
});

function withPolicy(
  input: Scenario,
  index: number,
  spec: Scenario['policies'][number]['spec'],
): Scenario {
  return {
    ...input,
    policies: input.policies.map((entry, at) => (at === index ? { ...entry, spec } : entry)),
  };
}

function effectiveTypes(spec: Scenario['policies'][number]['spec']): string[] {
  if (spec.policyTypes !== undefined && spec.policyTypes.length > 0) {
    return [...spec.policyTypes];
  }
  return (spec.egress?.length ?? 0) > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

function assertNoNewDenies(
  before: ReturnType<typeof verdicts>,
  after: ReturnType<typeof verdicts>,
): void {
  before.forEach((verdict, index) => {
    if (verdict.allowed) {
      assert.ok(after[index]!.allowed, `flow ${index} turned from allow to deny`);
    }
  });
}
