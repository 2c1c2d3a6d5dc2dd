import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Flow, Verdict } from '../../../server/src/engine/evaluate/verdict';
import { previewLogs } from '../../../server/src/engine/logs';
import type { LoggingConfig, LogPreview } from '../../../server/src/engine/logs';
import { renderLogMarkdown, renderLogPreview } from '../../../server/src/engine/present/logs';
import { renderLogDocument } from '../../../server/src/engine/present/logs-document';
import type { LogDocumentFlow } from '../../../server/src/engine/present/logs-document';
import {
  allowed,
  denied,
  external,
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

const GOLDEN = join(__dirname, 'golden');

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
function assertGolden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
  }
  assert.equal(actual, readFileSync(path, 'utf8'));
}

const WEB = makePod({
  namespace: 'shop',
  name: 'web',
  ip: '10.244.0.10',
  nodeName: 'gke-shop-pool-1a2b3c4d-a1b2',
  workload: { kind: 'Deployment', name: 'web' },
});
const API = makePod({
  namespace: 'shop',
  name: 'api',
  ip: '10.244.0.20',
  workload: { kind: 'Deployment', name: 'api' },
});
const NAMESPACES = namespaceMap(namespaceOf('shop'));
const CONFIG = loggingOn({ log: true }, { log: true, delegate: true });

interface Case {
  readonly flow: Flow;
  readonly verdict: Verdict;
  readonly written: Pick<
    LogDocumentFlow,
    'name' | 'from' | 'to' | 'port' | 'protocol' | 'expectLogged'
  >;
}

const CASES: readonly Case[] = [
  {
    flow: makeFlow(WEB, API, 8080),
    verdict: verdictOf(
      allowed('egress', policy('shop', 'web-out')),
      allowed('ingress', policy('shop', 'api-in'), policy('shop', 'all-in')),
    ),
    written: {
      name: 'storefront calls the API',
      from: 'shop/web',
      to: 'shop/api',
      port: 8080,
      protocol: 'TCP',
      expectLogged: true,
    },
  },
  {
    flow: makeFlow(API, WEB, 5432),
    verdict: verdictOf(denied('egress', policy('shop', 'api-out')), open('ingress')),
    written: {
      name: null,
      from: 'shop/api',
      to: 'shop/web',
      port: 5432,
      protocol: 'TCP',
      expectLogged: null,
    },
  },
  {
    flow: makeFlow(WEB, external('203.0.113.7'), 443),
    verdict: verdictOf(open('egress'), noSide('ingress')),
    written: {
      name: 'web reaches the payment provider',
      from: 'shop/web',
      to: '203.0.113.7',
      port: 443,
      protocol: 'TCP',
      expectLogged: true,
    },
  },
];

function previewOf(testCase: Case, config: LoggingConfig = CONFIG): LogPreview {
  return previewLogs(testCase.flow, testCase.verdict, config, NAMESPACES);
}

void describe('log preview presentation', () => {
  void it('renders CLI lines', () => {
    const lines = CASES.flatMap((testCase) => [...renderLogPreview(previewOf(testCase)), '']);
    assertGolden('cli.txt', lines.join('\n'));
  });

  void it('renders the Log preview document of a SampleFlows file', () => {
    const flows = CASES.map((testCase) => ({
      ...testCase.written,
      verdict: testCase.verdict,
      logs: previewOf(testCase),
    }));
    assertGolden(
      'document.netpol-log',
      renderLogDocument({ title: 'flows.yaml (SampleFlows shop)', config: CONFIG, flows }),
    );
  });

  void it('renders hover markdown, with the Cloud Logging view on request', () => {
    const [first] = CASES;
    assert.ok(first);
    const markdown = renderLogMarkdown(previewOf(first), {
      cloudLogging: { projectId: 'p', location: 'us-central1', clusterName: 'shop' },
    });
    assertGolden('hover-markdown.txt', markdown);
  });

  void it('says logging is off when the workspace has no NetworkLogging', () => {
    const [first] = CASES;
    assert.ok(first);
    const document = renderLogDocument({
      title: 'flows.yaml',
      config: LOGGING_NONE,
      flows: [{ ...first.written, verdict: first.verdict, logs: previewOf(first, LOGGING_NONE) }],
    });
    assert.match(document, /^# No NetworkLogging in the workspace: logging is off\.$/m);
    assert.match(document, /not logged \(logging-off\)/);
    assert.match(document, /expectLogged: true \(fails\)/);
  });
});
