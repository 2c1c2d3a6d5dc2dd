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
