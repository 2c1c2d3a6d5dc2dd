import type { Pod } from './types';
import type { PodDraft } from './read-pod';

// 10.244.0.0/16, the usual pod range; addresses go up from 10.244.0.1.
const FIRST = (10 << 24) + (244 << 16) + 1;

/**
 * Gives every pod its IP. Pods are visited in the order given (sorted by namespace/name), so
 * the same workspace always gives the same IPs; an address some pod already has is skipped.
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
  return drafts.map((draft): Pod => {
    const primary = draft.ips[0];
    if (primary !== undefined) {
      return { ...draft, ip: primary, ipAssigned: false };
    }
    const ip = take();
    return { ...draft, ip, ips: [ip], ipAssigned: true };
  });
}

// The dotted quad, as ipaddr.js writes an IPv4 address.
function toIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}
