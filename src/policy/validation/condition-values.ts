import ipaddr from 'ipaddr.js';
import type { OperatorValueType } from './operator-catalog.ts';

/** What is wrong with one condition value for its operator, or undefined when it is fine. */
export interface ValueProblem {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  /** Completes "`value` ..." in a message. */
  readonly detail: string;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
// W3C profile of ISO 8601 (OPS): YYYY, YYYY-MM, YYYY-MM-DD, then time with optional seconds, fraction and zone.
const W3C_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^\d+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Checks one value against its operator's type. Values holding a policy variable are checked elsewhere. */
export function checkConditionValue(type: OperatorValueType, value: string): ValueProblem | undefined {
  switch (type) {
    case 'String':
      return undefined;
    case 'Numeric':
      return NUMBER.test(value)
        ? undefined
        : { severity: 'error', code: 'bad-numeric-value', detail: 'is not a number' };
    case 'Date':
      return isDate(value)
        ? undefined
        : {
            severity: 'error',
            code: 'bad-date-value',
            detail: 'is not an ISO 8601 date (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds',
          };
    case 'Bool':
    case 'Null':
      if (value === 'true' || value === 'false') return undefined;
      return {
        severity: 'error',
        code: type === 'Bool' ? 'bad-bool-value' : 'bad-null-value',
        detail:
          value.toLowerCase() === 'true' || value.toLowerCase() === 'false'
            ? 'must be written in lower case (`true` or `false`)'
            : 'must be `true` or `false`',
      };
    case 'Binary':
      return BASE64.test(value) && value.length > 0
        ? undefined
        : { severity: 'error', code: 'bad-binary-value', detail: 'is not base-64' };
    case 'IpAddress':
      return checkCidr(value);
    case 'Arn':
      return value === '*' || /^arn:[^:]*:[^:]*:[^:]*:[^:]*:.+$/s.test(value)
        ? undefined
        : { severity: 'warning', code: 'bad-arn-value', detail: 'is not an ARN, so an ARN operator never matches it' };
  }
}

function isDate(value: string): boolean {
  if (EPOCH.test(value)) return true;
  const m = W3C_DATE.exec(value);
  if (!m) return false;
  const [, , month, day, hour, minute, second] = m;
  const within = (part: string | undefined, lo: number, hi: number) =>
    part === undefined || (Number(part) >= lo && Number(part) <= hi);
  return (
    within(month, 1, 12) && within(day, 1, 31) && within(hour, 0, 23) && within(minute, 0, 59) && within(second, 0, 60)
  );
}

function checkCidr(value: string): ValueProblem | undefined {
  const bad: ValueProblem = {
    severity: 'error',
    code: 'bad-ip-value',
    detail: 'is not an IPv4 or IPv6 address or CIDR range',
  };
  const slash = value.indexOf('/');
  const address = slash < 0 ? value : value.slice(0, slash);
  const isV4 = ipaddr.IPv4.isValidFourPartDecimal(address);
  const isV6 = !isV4 && ipaddr.IPv6.isValid(address);
  if (!isV4 && !isV6) return bad;
  if (slash < 0) return undefined;
  const prefix = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (isV4 ? 32 : 128)) return bad;
  const network = isV4 ? ipaddr.IPv4.networkAddressFromCIDR(value) : ipaddr.IPv6.networkAddressFromCIDR(value);
  if (network.toNormalizedString() !== ipaddr.parse(address).toNormalizedString()) {
    // Not specified by AWS (policy-semantics §16); the engine compares by prefix, so the host bits are ignored.
    return {
      severity: 'warning',
      code: 'cidr-host-bits',
      detail: `has host bits set; it means \`${network.toString()}/${prefix}\``,
    };
  }
  return undefined;
}
