import type { Pod } from './types';
import type { PodDraft } from './read-pod';

// 10.244.0.0/16, the usual pod range; addresses go up from 10.244.0.1.
const FIRST = (10 << 24) + (244 << 16) + 1;

/**
 * Gives every pod its IP. Pods are visited in the order given (sorted by namespace/name), so
 * the same workspace always gives the same IPs; an address some pod already has is skipped.
 * Each pod's index is its position in the list.
 */
export function assignIps(drafts: readonly PodDraft[]): Pod[] {
  const taken = new Set(drafts.flatMap((draft) => draft.ips));
  let next = FIRST;
  const take = (): string => {
    for (;;) {
      const candidate = toIpv4(next);
      next += 1;
      if (!taken.has(candidate)) {
        taken.add(candidate);
        return candidate;
      }
    }
  };
  return drafts.map((draft, index): Pod => {
    const primary = draft.ips[0];
    if (primary !== undefined) {
      return toPod(draft, draft.ips, false, index);
    }
    return toPod(draft, [take()], true, index);
  });
}

/**
 * The pod of a draft with its addresses. Every field is written out in one order, so that all
 * pods share one shape: V8 gives each object made by spreading a draft and adding fields a
 * shape of its own, and code reading 20,000 pods of 20,000 shapes slows to a crawl.
 */
export function toPod(
  draft: PodDraft,
  ips: readonly string[],
  ipAssigned: boolean,
  index: number,
): Pod {
  return {
    namespace: draft.namespace,
    name: draft.name,
    labels: draft.labels,
    ports: draft.ports,
    ip: ips[0]!,
    ips,
    ipAssigned,
    hostNetwork: draft.hostNetwork,
    nodeName: draft.nodeName,
    workload: draft.workload,
    owner: draft.owner,
    generateName: draft.generateName,
    origin: draft.origin,
    index,
  };
}

// The dotted quad, as ipaddr.js writes an IPv4 address.
// Joined rather than concatenated: a concatenation is kept as a tree of its parts (some 200
// bytes for an address), a join as one flat string, and a large world holds 20,000 of them.
function toIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}
