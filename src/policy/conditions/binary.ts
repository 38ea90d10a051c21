import type { ValueCompiler } from './value-test.ts';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** `BinaryEquals`: the policy value is base-64; the request value (also base-64) must hold the same bytes. */
export const binaryEquals: ValueCompiler = (policyValue) => {
  if (!BASE64.test(policyValue)) return undefined;
  const bytes = Buffer.from(policyValue, 'base64');
  return (v) => BASE64.test(v) && Buffer.from(v, 'base64').equals(bytes);
};
