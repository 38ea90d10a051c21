import { accountOfAccessKeyId, IamError } from '../shared/index.ts';
import { StsValidation, STS_RULES } from './sts-validation.ts';

/**
 * GetAccessKeyInfo: the account an access key id (`AKIA…` or `ASIA…`) belongs to, read from the id itself (no
 * lookup, so it answers for keys of any account, as AWS does).
 */
export function getAccessKeyInfo(input: { readonly AccessKeyId?: string }): { Account: string } {
  const v = new StsValidation();
  v.string(input.AccessKeyId, 'accessKeyId', STS_RULES.accessKeyId, true);
  v.throwIfAny();
  const account = accountOfAccessKeyId(input.AccessKeyId!);
  if (account === undefined)
    throw new IamError('InvalidParameterValue', `The access key id '${input.AccessKeyId}' does not name an account.`);
  return { Account: account };
}
