import ipaddr from 'ipaddr.js';
import type { ValueCompiler } from './value-test.ts';

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Parses a CIDR or a bare address (a bare address is /32 or /128). Host bits are ignored (masked). */
export function parseRange(text: string): Range | undefined {
  const t = text.trim();
  try {
    if (t.includes('/')) return ipaddr.parseCIDR(t);
    const address = ipaddr.parse(t);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

// One-entry memo: a decision tests the same request address against many ranges.
let lastText: string | undefined;
let lastAddress: ipaddr.IPv4 | ipaddr.IPv6 | undefined;

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (text === lastText) return lastAddress;
  let address: ipaddr.IPv4 | ipaddr.IPv6 | undefined;
  try {
    address = ipaddr.parse(text.trim());
  } catch {
    address = undefined;
  }
  lastText = text;
  lastAddress = address;
  return address;
}

/**
 * A dotted-quad IPv4 address in canonical decimal (no leading zeros) as an unsigned 32-bit number, without
 * allocating; -1 for anything else (other spellings go through ipaddr.js, which also accepts hex and octal).
 */
export function fastIpv4(text: string): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // a leading zero means octal to ipaddr.js
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/**
 * `IpAddress` (and, negated, `NotIpAddress`): IPv4 or IPv6 CIDR; an address never falls inside a range of the
 * other family (IPv4-mapped IPv6 addresses are not converted); no variables.
 */
export const ipAddress: ValueCompiler = (policyValue) => {
  const range = parseRange(policyValue);
  if (range === undefined) return undefined;
  const [network, bits] = range;
  const kind = network.kind();
  if (kind === 'ipv4') {
    // Canonical request addresses are compared as masked 32-bit numbers: no parsing objects per request.
    const octets = (network as ipaddr.IPv4).octets;
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    const net = ((((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0) & mask) >>> 0;
    return (v) => {
      const fast = fastIpv4(v);
      if (fast >= 0) return ((fast & mask) >>> 0) === net;
      const address = parseAddress(v);
      return address !== undefined && address.kind() === 'ipv4' && (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits);
    };
  }
  return (v) => {
    const address = parseAddress(v);
    return address !== undefined && address.kind() === kind && (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
  };
};
