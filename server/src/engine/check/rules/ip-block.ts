import type { Path } from '../../core/source';
import type { Cidr } from '../cidr';
import { hasHostBits, isStrictSubset, networkText, parseCidr } from '../cidr';
import { displayPath, recordAt, valueAt } from '../read';
import type { Report } from '../report';
import { atValue } from '../report';
import type { PolicyParts } from './policy-parts';

export function checkIpBlocks(policy: unknown, parts: PolicyParts): Report[] {
  return parts.peers.flatMap((peer) =>
    recordAt(policy, [...peer.path, 'ipBlock']) === undefined
      ? []
      : checkIpBlock(policy, [...peer.path, 'ipBlock']),
  );
}

// ValidateIPBlock: cidr must be a valid CIDR, and each except a valid CIDR strictly inside it.
function checkIpBlock(policy: unknown, path: Path): Report[] {
  const cidrPath = [...path, 'cidr'];
  const { cidr, reports } = checkCidrText(policy, cidrPath);
  const except = valueAt(policy, [...path, 'except']);
  const exceptReports = (Array.isArray(except) ? except : []).flatMap((_, index) => {
    const exceptPath = [...path, 'except', index];
    const checked = checkCidrText(policy, exceptPath);
    if (checked.cidr === undefined || cidr === undefined || isStrictSubset(checked.cidr, cidr)) {
      return checked.reports;
    }
    return [...checked.reports, outside(exceptPath, cidrPath, checked.cidr, cidr)];
  });
  return [...reports, ...exceptReports];
}

export function checkCidrText(policy: unknown, path: Path): { cidr?: Cidr; reports: Report[] } {
  const text = valueAt(policy, path);
  if (typeof text !== 'string') {
    return { reports: [] };
  }
  const cidr = parseCidr(text);
  if (cidr === undefined) {
    const message = `${displayPath(path)} "${text}" is not a valid CIDR such as 10.0.0.0/16 or 2001:db8::/64.`;
    return { reports: [{ code: 'invalid-cidr', message, target: atValue(path) }] };
  }
  if (!hasHostBits(cidr)) {
    return { cidr, reports: [] };
  }
  const message = `${displayPath(path)} "${text}" has bits set after its prefix; it means ${networkText(cidr)}.`;
  return { cidr, reports: [{ code: 'cidr-host-bits', message, target: atValue(path) }] };
}

function outside(exceptPath: Path, cidrPath: Path, except: Cidr, cidr: Cidr): Report {
  const family = except.address.kind() !== cidr.address.kind();
  const why = family ? 'is not the same IP family as' : 'must lie strictly inside';
  return {
    code: 'except-outside-cidr',
    message: `${displayPath(exceptPath)} ${why} ${displayPath(cidrPath)}.`,
    target: atValue(exceptPath),
  };
}
