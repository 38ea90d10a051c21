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
 * `IpAddress` (and, negated, `NotIpAddress`): IPv4 or IPv6 CIDR; an address never falls inside a range of the
 * other family (IPv4-mapped IPv6 addresses are not converted); no variables.
 */
export const ipAddress: ValueCompiler = (policyValue) => {
  const range = parseRange(policyValue);
  if (range === undefined) return undefined;
  const [network, bits] = range;
  const kind = network.kind();
  return (v) => {
    const address = parseAddress(v);
    if (address === undefined || address.kind() !== kind) return false;
    return kind === 'ipv4'
      ? (address as ipaddr.IPv4).match(network as ipaddr.IPv4, bits)
      : (address as ipaddr.IPv6).match(network as ipaddr.IPv6, bits);
  };
};
