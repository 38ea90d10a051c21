// biome-ignore-all lint/suspicious/noTemplateCurlyInString: IAM policy variables are written ${key}, not template placeholders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateClause } from './evaluate-clause.ts';
import { fastIpv4 } from './ip.ts';

type Case = [
  name: string,
  operator: string,
  policy: string[],
  request: string | undefined,
  expected: boolean | 'unknown',
];
const K = 'aws:SourceIp';

const cases: Case[] = [
  ['IpAddress matches inside an IPv4 range', 'IpAddress', ['203.0.113.0/24'], '203.0.113.5', true],
  ['IpAddress does not match outside the range', 'IpAddress', ['203.0.113.0/24'], '198.51.100.1', false],
  ['a bare address means /32', 'IpAddress', ['203.0.113.5'], '203.0.113.5', true],
  ['a bare address does not match a neighbour', 'IpAddress', ['203.0.113.5'], '203.0.113.6', false],
  ['host bits in a CIDR are masked (engine choice)', 'IpAddress', ['203.0.113.77/24'], '203.0.113.5', true],
  [
    'IPv6 compares by value, ignoring case and compression',
    'IpAddress',
    ['2001:DB8:1234:5678::/64'],
    '2001:db8:1234:5678:0:0:0:1',
    true,
  ],
  ['an IPv6 request never falls inside an IPv4 range', 'IpAddress', ['0.0.0.0/0'], '2001:db8::1', false],
  ['an IPv4 request never falls inside an IPv6 range', 'IpAddress', ['::/0'], '203.0.113.5', false],
  ['/0 is the whole family', 'IpAddress', ['0.0.0.0/0'], '8.8.8.8', true],
  ['several ranges are ORed', 'IpAddress', ['10.0.0.0/8', '203.0.113.0/24'], '203.0.113.9', true],
  ['NotIpAddress is true outside every range', 'NotIpAddress', ['10.0.0.0/8'], '203.0.113.9', true],
  ['NotIpAddress is false inside a range', 'NotIpAddress', ['10.0.0.0/8'], '10.1.2.3', false],
  ['NotIpAddress is true on an absent key (VPC endpoint request)', 'NotIpAddress', ['10.0.0.0/8'], undefined, true],
  ['IpAddress is false on an absent key', 'IpAddress', ['10.0.0.0/8'], undefined, false],
  ['an invalid CIDR cannot be evaluated', 'IpAddress', ['10.0.0.0/33'], '10.0.0.1', 'unknown'],
  ['IP operators take no policy variables', 'IpAddress', ['${aws:SourceIp}'], '10.0.0.1', 'unknown'],
  ['an invalid request address does not match', 'IpAddress', ['10.0.0.0/8'], 'localhost', false],
  ['an octet over 255 does not match', 'IpAddress', ['0.0.0.0/0'], '10.0.0.256', false],
  ['a three-part address is read as ipaddr.js reads it (10.0.1 is 10.0.0.1)', 'IpAddress', ['10.0.0.0/24'], '10.0.1', true],
  ['a leading zero is read as octal, as ipaddr.js does', 'IpAddress', ['8.0.0.0/8'], '010.0.0.1', true],
  ['surrounding spaces are ignored', 'IpAddress', ['10.0.0.0/8'], ' 10.1.2.3 ', true],
  ['a /32 range matches only its address', 'IpAddress', ['255.255.255.255/32'], '255.255.255.254', false],
  ['a /1 range splits the space in two', 'IpAddress', ['128.0.0.0/1'], '200.1.1.1', true],
];

describe('fastIpv4', () => {
  const table: [string, number][] = [
    ['0.0.0.0', 0],
    ['255.255.255.255', 4294967295],
    ['10.1.2.3', 167838211],
    ['010.1.2.3', -1],
    ['1.2.3', -1],
    ['1.2.3.4.5', -1],
    ['1..2.3', -1],
    ['256.1.1.1', -1],
    [' 1.2.3.4', -1],
    ['::1', -1],
  ];
  for (const [text, expected] of table) {
    it(`${JSON.stringify(text)} is ${expected === -1 ? 'left to ipaddr.js' : expected}`, () => {
      assert.equal(fastIpv4(text), expected);
    });
  }
});

describe('IP address operators', () => {
  for (const [name, operator, policy, request, expected] of cases) {
    it(name, () => {
      const context: Record<string, string | string[]> = request === undefined ? {} : { [K]: request };
      assert.equal(evaluateClause(operator, K, policy, context), expected);
    });
  }
});
