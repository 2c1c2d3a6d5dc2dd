import ipaddr from 'ipaddr.js';
import type { Address } from '../model/ip-block';
import { parseAddress, parseCidr } from '../model/ip-block';
import type { IpBlock } from '../model/types';

/**
 * Numbers the sets of ipBlocks that contain at least one of some addresses, so endpoints whose
 * addresses fall in the same blocks share a number. Addresses that do not parse are in no block.
 */
export type SignatureOf = (ips: readonly string[]) => number;

export function createSignatures(blocks: readonly IpBlock[]): SignatureOf {
  const ids = new Map<string, number>();
  const signatureOf = (addresses: readonly Address[]): number => {
    let text = '';
    for (let index = 0; index < blocks.length; index++) {
      if (addresses.some(blocks[index]!.contains)) {
        text += `${index},`;
      }
    }
    let id = ids.get(text);
    if (id === undefined) {
      id = ids.size;
      ids.set(text, id);
    }
    return id;
  };
  // Every block edge splits the IPv4 space; inside one piece every block answers alike, so a
  // piece's first address stands for all of it and one binary search replaces the block tests.
  const edges = ipv4Edges(blocks);
  const byPiece = new Map<number, number>();
  const ofIpv4 = (value: number): number => {
    const piece = lastAtMost(edges, value);
    let id = byPiece.get(piece);
    if (id === undefined) {
      id = signatureOf([toIpv4(edges[piece]!)]);
      byPiece.set(piece, id);
    }
    return id;
  };
  return (ips) => {
    if (ips.length === 1) {
      const value = parseIpv4(ips[0]!);
      if (value !== undefined) {
        return ofIpv4(value);
      }
    }
    return signatureOf(ips.flatMap((ip) => parseAddress(ip) ?? []));
  };
}

function ipv4Edges(blocks: readonly IpBlock[]): number[] {
  const edges = new Set<number>([0]);
  const addRange = (text: string): void => {
    const cidr = parseCidr(text);
    if (cidr === undefined || cidr[0].kind() !== 'ipv4') {
      return;
    }
    const size = 2 ** (32 - cidr[1]);
    const start = Math.floor(toNumber(cidr[0] as ipaddr.IPv4) / size) * size;
    edges.add(start);
    if (start + size < 2 ** 32) {
      edges.add(start + size);
    }
  };
  for (const block of blocks) {
    addRange(block.cidr);
    block.except.forEach(addRange);
  }
  return [...edges].sort((left, right) => left - right);
}

function lastAtMost(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle]! <= value) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

/** A dotted-quad IPv4 as `parseAddress` accepts it (decimal, no leading zeros), as a number. */
function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) {
    return undefined;
  }
  let value = 0;
  for (const part of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) {
      return undefined;
    }
    value = value * 256 + Number(part);
  }
  return value;
}

function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((value, octet) => value * 256 + octet, 0);
}

function toIpv4(value: number): Address {
  return new ipaddr.IPv4([value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255]);
}
