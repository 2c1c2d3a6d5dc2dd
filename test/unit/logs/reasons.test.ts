import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DirectionVerdict, Endpoint } from '../../../server/src/engine/evaluate/verdict';
import { previewLogs } from '../../../server/src/engine/logs';
import type { LoggingConfig, LogPreview } from '../../../server/src/engine/logs';
import {
  allowed,
  denied,
  external,
  hostNetwork,
  makeFlow,
  makePod,
  namespaceMap,
  namespaceOf,
  noSide,
  open,
  policy,
  verdictOf,
} from './builders';
import { LOGGING_NONE, loggingOn } from './config-builders';

const WEB = makePod({ namespace: 'shop', name: 'web', ip: '10.244.0.10' });
const API = makePod({ namespace: 'shop', name: 'api', ip: '10.244.0.20' });
const AGENT = makePod({
  namespace: 'kube-system',
  name: 'agent',
  ip: '10.128.0.5',
  hostNetwork: true,
});
const NAMESPACES = namespaceMap(namespaceOf('shop'), namespaceOf('kube-system'));
const ALLOW_WEB = policy('shop', 'allow-web');

/** `[egress, ingress]` as `logged` or the reason code, for compact tables. */
function outcome(preview: LogPreview): [string, string] {
  const [egress, ingress] = preview.map((entry) => (entry.logged ? 'logged' : entry.reason));
  return [egress ?? '', ingress ?? ''];
}

interface Row {
  readonly name: string;
  readonly source?: Endpoint;
  readonly destination?: Endpoint;
  readonly egress: DirectionVerdict;
  readonly ingress: DirectionVerdict;
  readonly config?: LoggingConfig;
  readonly expected: [string, string];
}

const ROWS: readonly Row[] = [
  {
    name: 'no policy on either side',
    egress: open('egress'),
    ingress: open('ingress'),
    expected: ['not-isolated', 'not-isolated'],
  },
  {
    name: 'both sides isolated and allowed',
    egress: allowed('egress', ALLOW_WEB),
    ingress: allowed('ingress', ALLOW_WEB),
    expected: ['logged', 'logged'],
  },
  {
    name: 'egress denied: ingress is never reached',
    egress: denied('egress', ALLOW_WEB),
    ingress: allowed('ingress', ALLOW_WEB),
    expected: ['logged', 'not-reached'],
  },
  {
    name: 'egress denied and the destination not isolated: still not reached',
    egress: denied('egress', ALLOW_WEB),
    ingress: open('ingress'),
    expected: ['logged', 'not-reached'],
  },
  {
    name: 'isolated client, unisolated server: only egress logs',
    egress: allowed('egress', ALLOW_WEB),
    ingress: open('ingress'),
    expected: ['logged', 'not-isolated'],
  },
  {
    name: 'destination outside the cluster',
    destination: external('203.0.113.7'),
    egress: allowed('egress', ALLOW_WEB),
    ingress: noSide('ingress'),
    expected: ['logged', 'no-side'],
  },
  {
    name: 'source outside the cluster',
    source: external('203.0.113.7'),
    egress: noSide('egress'),
    ingress: denied('ingress', ALLOW_WEB),
    expected: ['no-side', 'logged'],
  },
  {
    name: 'host-network source',
    source: AGENT,
    egress: hostNetwork('egress'),
    ingress: denied('ingress', ALLOW_WEB),
    expected: ['host-network', 'logged'],
  },
  {
    name: 'host-network destination',
    destination: AGENT,
    egress: allowed('egress', ALLOW_WEB),
    ingress: hostNetwork('ingress'),
    expected: ['logged', 'host-network'],
  },
  {
    name: 'no NetworkLogging in the workspace',
    egress: allowed('egress', ALLOW_WEB),
    ingress: denied('ingress', ALLOW_WEB),
    config: LOGGING_NONE,
    expected: ['logging-off', 'logging-off'],
  },
  {
    name: 'only invalid NetworkLogging objects',
    egress: allowed('egress', ALLOW_WEB),
    ingress: open('ingress'),
    config: { ...LOGGING_NONE, source: 'invalid' },
    expected: ['logging-off', 'not-isolated'],
  },
  {
    name: 'allow.log false',
    egress: allowed('egress', ALLOW_WEB),
    ingress: denied('ingress', ALLOW_WEB),
    config: loggingOn({ log: false }, { log: true }),
    expected: ['disposition-off', 'logged'],
  },
  {
    name: 'deny.log false',
    egress: allowed('egress', ALLOW_WEB),
    ingress: denied('ingress', ALLOW_WEB),
    config: loggingOn({ log: true }, { log: false }),
    expected: ['logged', 'disposition-off'],
  },
  {
    name: 'allowed with no allowing policy',
    egress: { ...allowed('egress'), allowedBy: [] },
    ingress: open('ingress'),
    expected: ['no-policy-attributed', 'not-isolated'],
  },
];

void describe('previewLogs reasons', () => {
  for (const row of ROWS) {
    void it(row.name, () => {
      const flow = makeFlow(row.source ?? WEB, row.destination ?? API, 8080);
      const verdict = verdictOf(row.egress, row.ingress);
      const preview = previewLogs(flow, verdict, row.config ?? loggingOn(), NAMESPACES);
      assert.deepEqual(outcome(preview), row.expected);
      assert.deepEqual(
        preview.map((entry) => entry.direction),
        ['egress', 'ingress'],
      );
    });
  }

  void it('says why in one sentence naming the endpoint', () => {
    const verdict = verdictOf(open('egress'), open('ingress'));
    const [egress] = previewLogs(makeFlow(WEB, API, 80), verdict, loggingOn(), NAMESPACES);
    assert.equal(egress.logged, false);
    assert.match(
      egress.logged ? '' : egress.message,
      /^No policy selects shop\/web for egress\b.*\.$/,
    );
  });

  void it('distinguishes a missing NetworkLogging from an ignored one in the message', () => {
    const verdict = verdictOf(allowed('egress', ALLOW_WEB), open('ingress'));
    const flow = makeFlow(WEB, API, 80);
    const [none] = previewLogs(flow, verdict, LOGGING_NONE, NAMESPACES);
    const [invalid] = previewLogs(
      flow,
      verdict,
      { ...LOGGING_NONE, source: 'invalid' },
      NAMESPACES,
    );
    assert.ok(!none.logged && !invalid.logged);
    assert.notEqual(none.message, invalid.message);
  });
});
