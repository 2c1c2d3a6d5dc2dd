import type { Dataplane } from '../core/vocabulary';
import type { Flow, SampleFlow } from '../flows/types';
import type { Verdict } from './verdict';

/**
 * One sample flow with its verdict. `from`, `to`, `port` and `protocol` echo the flow as written
 * (protocol defaulted to TCP); `expectLogged` is checked by the log preview, not here.
 */
export interface FlowResult extends Omit<SampleFlow, 'spans'> {
  readonly flow: Flow;
  readonly verdict: Verdict;
  readonly dataplane: Dataplane;
  /** False when `expect` is set and the verdict differs. */
  readonly ok: boolean;
}

/** A sample's result: its verdict, and whether it is the one the sample expects. */
export function toFlowResult(
  sample: SampleFlow,
  flow: Flow,
  verdict: Verdict,
  dataplane: Dataplane,
): FlowResult {
  const ok = sample.expect === null || (sample.expect === 'allow') === verdict.allowed;
  // Written out rather than spread from the sample: V8 would give every result a shape of its own.
  return {
    uri: sample.uri,
    span: sample.span,
    origin: sample.origin,
    name: sample.name,
    from: sample.from,
    to: sample.to,
    port: sample.port,
    protocol: sample.protocol,
    expect: sample.expect,
    expectLogged: sample.expectLogged,
    flow,
    verdict,
    dataplane,
    ok,
  };
}
