import ipaddr from 'ipaddr.js';

/** A parsed CIDR: the address as written and its prefix length. */
export interface Cidr {
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * Parses CIDR notation the way the API server does (netutils.ParseCIDRSloppy): a dotted quad or
 * an IPv6 address, "/", and a prefix length. Leading zeros in IPv4 parts are decimal, not octal.
 */
export function parseCidr(text: string): Cidr | undefined {
  const parts = text.split('/');
  if (parts.length !== 2 || !/^\d{1,3}$/.test(parts[1] ?? '')) {
    return undefined;
  }
  const address = parseAddress(parts[0] ?? '');
  const prefix = Number(parts[1]);
  if (address === undefined || prefix > (address.kind() === 'ipv4' ? 32 : 128)) {
    return undefined;
  }
  return { address, prefix };
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const quad = IPV4.exec(text);
  if (quad !== null) {
    const octets = quad.slice(1).map(Number);
    return octets.every((octet) => octet <= 255) ? new ipaddr.IPv4(octets) : undefined;
  }
  // Zones (fe80::1%eth0) are not allowed in a CIDR.
  if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) {
    return undefined;
  }
  return ipaddr.IPv6.parse(text);
}

/** True when bits after the prefix are set, as in 10.0.0.1/8. */
export function hasHostBits(cidr: Cidr): boolean {
  const bytes = cidr.address.toByteArray();
  return bytes.some((byte, index) => {
    const networkBits = Math.min(8, Math.max(0, cidr.prefix - index * 8));
    const hostMask = 0xff >> networkBits;
    return (byte & hostMask) !== 0;
  });
}

/** The network address of a CIDR, as text: 10.0.0.0/8 for 10.0.0.1/8. */
export function networkText(cidr: Cidr): string {
  const bytes = cidr.address.toByteArray().map((byte, index) => {
    const networkBits = Math.min(8, Math.max(0, cidr.prefix - index * 8));
    return byte & (0xff << (8 - networkBits)) & 0xff;
  });
  return `${ipaddr.fromByteArray(bytes).toString()}/${cidr.prefix}`;
}

/** True when `inner` lies inside `outer` and is smaller, as an `except` must. */
export function isStrictSubset(inner: Cidr, outer: Cidr): boolean {
  if (inner.address.kind() !== outer.address.kind() || inner.prefix <= outer.prefix) {
    return false;
  }
  return inner.address.match(outer.address, outer.prefix);
}
