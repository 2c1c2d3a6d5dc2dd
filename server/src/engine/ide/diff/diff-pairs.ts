import { shortReference } from '../../flows/resolve-endpoint';
import type { ContainerPort, Pod } from '../../world/types';
import type { ReachabilityChange, ReachabilityDiff } from './types';

/** One workload pair on one port whose verdict changed. */
export interface ChangedPair {
  readonly from: string;
  readonly to: string;
  readonly source: Pod;
  readonly destination: Pod;
  readonly port: ContainerPort;
  readonly change: ReachabilityChange;
}

export interface ChangedPairs {
  readonly opened: readonly ChangedPair[];
  readonly closed: readonly ChangedPair[];
  /** True when a list stopped at the limit (the diff's counts give the totals). */
  readonly truncated: boolean;
}

/**
 * The changes of a diff one pod pair at a time, each list sorted by source, destination and
 * port, and at most `limit` long: one policy edit can open every pair of a large cluster.
 */
export function diffPairs(diff: ReachabilityDiff, limit: number): ChangedPairs {
  const opened = expand(diff.opened, limit);
  const closed = expand(diff.closed, limit);
  return {
    opened,
    closed,
    truncated: opened.length < diff.openedPairs || closed.length < diff.closedPairs,
  };
}

function expand(changes: readonly ReachabilityChange[], limit: number): ChangedPair[] {
  const pairs: ChangedPair[] = [];
  for (const change of changes) {
    for (const source of change.sources) {
      for (const destination of change.destinations) {
        if (pairs.length >= limit) {
          return pairs.sort(byPair);
        }
        pairs.push({
          from: shortReference(source),
          to: shortReference(destination),
          source,
          destination,
          port: change.port,
          change,
        });
      }
    }
  }
  return pairs.sort(byPair);
}

function byPair(left: ChangedPair, right: ChangedPair): number {
  return (
    compare(left.from, right.from) ||
    compare(left.to, right.to) ||
    left.port.containerPort - right.port.containerPort ||
    compare(left.port.protocol, right.port.protocol)
  );
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
