import { randomBytes } from 'node:crypto';
import { IamError, newUniqueId } from '../shared/index.ts';
import type { EmptyOutput } from './iam-types.ts';
import type { IdentityReader, SecurityItemRecord, UserRecord } from './identity-store.ts';
import { hashPassword } from './password-hash.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, write } from './service-core.ts';
import { credentialSubject } from './user-credential-subject.ts';
import { NAME, NAME_SOURCE, Violations } from './validation.ts';

/** The services AWS issues service-specific credentials for. */
export const SERVICE_CREDENTIAL_SERVICES: readonly string[] = Object.freeze([
  'codecommit.amazonaws.com',
  'cassandra.amazonaws.com',
  'bedrock.amazonaws.com',
]);
/** Credentials per user per service (IAM quotas). */
const PER_SERVICE = 2;

/** The body: the password only as an argon2id hash (shown once, at create and reset). */
type CredentialBody = { serviceName: string; serviceUserName: string; passwordHash: string; status: 'Active' | 'Inactive' };

const body = (i: SecurityItemRecord) => JSON.parse(i.body) as CredentialBody;
const noCredential = (id: string) =>
  new IamError('NoSuchEntity', `No such credential ${id} exists for the user.`);

function checkUser(v: Violations, name: string | undefined, required: boolean): void {
  if (required && v.required('userName', name)) return;
  v.text('userName', name, { min: 1, max: 64, pattern: NAME, patternSource: NAME_SOURCE });
}
function checkId(v: Violations, id: string | undefined): void {
  if (!v.required('serviceSpecificCredentialId', id))
    v.text('serviceSpecificCredentialId', id, { min: 20, max: 128, pattern: /^[\w]+$/, patternSource: '[\\w]+' });
}

async function requireCredential(r: IdentityReader, user: UserRecord, id: string): Promise<SecurityItemRecord> {
  const item = await r.getSecurityItem('service-credential', id);
  if (!item || item.userId !== user.userId) throw noCredential(id);
  return item;
}

function metadata(user: UserRecord, item: SecurityItemRecord): S.ServiceSpecificCredentialMetadata {
  const b = body(item);
  return {
    UserName: user.userName,
    Status: b.status,
    ServiceUserName: b.serviceUserName,
    CreateDate: item.createDate,
    ServiceSpecificCredentialId: item.itemId,
    ServiceName: b.serviceName,
  };
}

/** A generated service password: 44 base64 characters, returned once. */
const newServicePassword = () => randomBytes(33).toString('base64');

/** Create/List/Reset/Update/DeleteServiceSpecificCredential. */
export function serviceSpecificCredentialOperations(core: ServiceCore) {
  return {
    async createServiceSpecificCredential(ctx: RequestContext, input: S.CreateServiceSpecificCredentialInput): Promise<S.ServiceSpecificCredentialOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, true);
      v.required('serviceName', input.ServiceName);
      v.throwIfAny();
      const service = input.ServiceName as string;
      if (!SERVICE_CREDENTIAL_SERVICES.includes(service))
        throw new IamError('NotSupportedService', `No such service ${service} is supported for Service Specific Credentials`);
      const password = newServicePassword();
      const passwordHash = await hashPassword(password);
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const existing = await tx.listSecurityItems(ctx.accountId, 'service-credential', { userId: user.userId });
        if (existing.filter((c) => body(c).serviceName === service).length >= PER_SERVICE)
          throw new IamError('LimitExceeded', `Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: ${PER_SERVICE}`);
        const id = `ACCA${newUniqueId('AIDA').slice(4)}`;
        const item: SecurityItemRecord = {
          kind: 'service-credential',
          itemId: id,
          accountId: ctx.accountId,
          userId: user.userId,
          name: id,
          createDate: core.clock.now(),
          body: JSON.stringify({ serviceName: service, serviceUserName: `${user.userName}-at-${ctx.accountId}`, passwordHash, status: 'Active' } satisfies CredentialBody),
        };
        await tx.insertSecurityItem(item, 'The credential already exists.');
        return { ServiceSpecificCredential: { ...metadata(user, item), ServicePassword: password } };
      });
    },

    async listServiceSpecificCredentials(ctx: RequestContext, input: S.ListServiceSpecificCredentialsInput): Promise<S.ListServiceSpecificCredentialsOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, false);
      v.throwIfAny();
      const user = await credentialSubject(core.store, ctx, input.UserName);
      const all = await core.store.listSecurityItems(ctx.accountId, 'service-credential', { userId: user.userId });
      const chosen = all.filter((c) => input.ServiceName === undefined || body(c).serviceName === input.ServiceName);
      return { ServiceSpecificCredentials: chosen.map((c) => metadata(user, c)) };
    },

    async resetServiceSpecificCredential(ctx: RequestContext, input: S.ResetServiceSpecificCredentialInput): Promise<S.ServiceSpecificCredentialOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, false);
      checkId(v, input.ServiceSpecificCredentialId);
      v.throwIfAny();
      const password = newServicePassword();
      const passwordHash = await hashPassword(password);
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const item = await requireCredential(tx, user, input.ServiceSpecificCredentialId as string);
        const next = { ...body(item), passwordHash };
        await tx.updateSecurityItem('service-credential', item.itemId, { body: JSON.stringify(next) });
        return { ServiceSpecificCredential: { ...metadata(user, { ...item, body: JSON.stringify(next) }), ServicePassword: password } };
      });
    },

    async updateServiceSpecificCredential(ctx: RequestContext, input: S.UpdateServiceSpecificCredentialInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, false);
      checkId(v, input.ServiceSpecificCredentialId);
      if (!v.required('status', input.Status)) v.oneOf('status', input.Status, ['Active', 'Inactive']);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const item = await requireCredential(tx, user, input.ServiceSpecificCredentialId as string);
        await tx.updateSecurityItem('service-credential', item.itemId, { body: JSON.stringify({ ...body(item), status: input.Status }) });
        return {};
      });
    },

    async deleteServiceSpecificCredential(ctx: RequestContext, input: S.DeleteServiceSpecificCredentialInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, false);
      checkId(v, input.ServiceSpecificCredentialId);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const item = await requireCredential(tx, user, input.ServiceSpecificCredentialId as string);
        await tx.deleteSecurityItem('service-credential', item.itemId);
        return {};
      });
    },
  };
}
