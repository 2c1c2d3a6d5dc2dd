import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { DirectionVerdict, Endpoint } from '../../../server/src/engine/evaluate/verdict';
import { ALLOW_ANNOTATION, previewLogs } from '../../../server/src/engine/logs';
import type { LoggingConfig } from '../../../server/src/engine/logs';
import {
  allowed,
  denied,
  external,
  makeFlow,
  makePod,
  namespaceMap,
  namespaceOf,
  open,
  policy,
  verdictOf,
} from './builders';

const POLICIES = [
  policy('a', 'p1'),
  policy('a', 'p2', { [ALLOW_ANNOTATION]: 'true' }),
  policy('b', 'p3'),
];
const ENDPOINTS: Endpoint[] = [
  makePod({ namespace: 'a', name: 'x', ip: '10.0.0.1', nodeName: 'n1' }),
  makePod({ namespace: 'b', name: 'y', ip: '10.0.0.2' }),
  external('192.0.2.9'),
];

const action = fc
  .record({ log: fc.boolean(), delegate: fc.boolean() })
  .map(({ log, delegate }) => ({
    log,
    delegate: log && delegate,
  }));
const config: fc.Arbitrary<LoggingConfig> = fc.record({
  source: fc.constantFrom('workspace' as const, 'none' as const, 'invalid' as const),
  allow: action,
  deny: action,
  notes: fc.constant([]),
});

function sideOf(direction: 'egress' | 'ingress'): fc.Arbitrary<DirectionVerdict> {
  const picked = fc.subarray(POLICIES, { minLength: 1 });
  return fc.oneof(
    fc.constant(open(direction)),
    picked.map((policies) => allowed(direction, ...policies)),
    picked.map((policies) => denied(direction, ...policies)),
  );
}

void describe('log preview properties', () => {
  void it('always two entries, egress then ingress; every line is its record; deny lists no policies', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ENDPOINTS),
        fc.constantFrom(...ENDPOINTS),
        sideOf('egress'),
        sideOf('ingress'),
        config,
        fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const),
        (source, destination, egress, ingress, logging, protocol) => {
          const flow = makeFlow(source, destination, 443, protocol);
          const namespaces = namespaceMap(namespaceOf('a'), namespaceOf('b'));
          const preview = previewLogs(flow, verdictOf(egress, ingress), logging, namespaces);
          assert.deepEqual(
            preview.map((entry) => entry.direction),
            ['egress', 'ingress'],
          );
          for (const entry of preview) {
            if (entry.logged) {
              assert.deepEqual(JSON.parse(entry.line), entry.record);
              assert.equal(
                entry.record.disposition === 'deny',
                entry.record.policies === undefined,
              );
              assert.equal(logging.source, 'workspace');
            }
          }
          if (!egress.allowed) {
            assert.equal(preview[1].logged, false);
          }
        },
      ),
    );
  });
});
