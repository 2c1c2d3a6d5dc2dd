import ipaddr from 'ipaddr.js';
import { readArray, readString } from './read';
import type { IpBlock } from './types';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];

/** Parses a dotted-quad IPv4 or an IPv6 address; anything else (`10`, `0x0a.1`) is not one. */
export function parseAddress(text: string): Address | undefined {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return ipaddr.IPv4.parse(text);
  }
  if (ipaddr.IPv6.isValid(text)) {
    return ipaddr.IPv6.parse(text);
  }
  return undefined;
}

/** The canonical text of an address, so `fd00:0::1` and `fd00::1` name the same endpoint. */
export function normalizeAddress(text: string): string | undefined {
  return parseAddress(text)?.toString();
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefix, ...rest] = text.split('/');
  if (
    address === undefined ||
    prefix === undefined ||
    rest.length > 0 ||
    !/^\d{1,3}$/.test(prefix)
  ) {
    return undefined;
  }
  const parsed = parseAddress(address);
  const bits = Number(prefix);
  if (parsed === undefined || bits > (parsed.kind() === 'ipv4' ? 32 : 128)) {
    return undefined;
  }
  return [parsed, bits];
}

export function inCidr(address: Address, cidr: Cidr): boolean {
  return address.kind() === cidr[0].kind() && address.match(cidr);
}

/**
 * Compiles an `ipBlock`: `cidr` minus every `except`. An unreadable `cidr` matches nothing; an
 * unreadable `except` removes nothing (the API server rejects both).
 */
export function compileIpBlock(value: Readonly<Record<string, unknown>>): IpBlock {
  const cidrText = readString(value['cidr']) ?? '';
  const exceptTexts = readArray(value['except']).flatMap((item) => {
    const text = readString(item);
    return text === undefined ? [] : [text];
  });
  // Length-prefixed, so that no two different blocks share a key.
  const key = [cidrText, ...exceptTexts].map((text) => `${text.length}:${text}`).join('');
  const cidr = parseCidr(cidrText);
  const excepts = exceptTexts.flatMap((text) => {
    const parsed = parseCidr(text);
    return parsed === undefined ? [] : [parsed];
  });
  if (cidr === undefined) {
    return { cidr: cidrText, except: exceptTexts, key, contains: () => false };
  }
  const inBlock = compileCidr(cidr);
  const inExcepts = excepts.map(compileCidr);
  const contains = (address: Address): boolean => {
    if (!inBlock(address)) {
      return false;
    }
    for (const inExcept of inExcepts) {
      if (inExcept(address)) {
        return false;
      }
    }
    return true;
  };
  return { cidr: cidrText, except: exceptTexts, key, contains };
}

// IPv4 ranges compare as 32-bit numbers: ipaddr's octet-wise `match` is the hot spot when every
// pod address meets every ipBlock.
function compileCidr(cidr: Cidr): (address: Address) => boolean {
  const [base, bits] = cidr;
  if (base.kind() !== 'ipv4') {
    return (address) => inCidr(address, cidr);
  }
  const mask = bits === 0 ? 0 : (-1 << (32 - bits)) >>> 0;
  const network = (toNumber(base as ipaddr.IPv4) & mask) >>> 0;
  return (address) =>
    address.kind() === 'ipv4' && (toNumber(address as ipaddr.IPv4) & mask) >>> 0 === network;
}

function toNumber(address: ipaddr.IPv4): number {
  const [a = 0, b = 0, c = 0, d = 0] = address.octets;
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}
