import { IamError, newUniqueId } from '../shared/index.ts';
import type { EmptyOutput } from './iam-types.ts';
import type { IdentityReader, SecurityItemRecord, UserRecord } from './identity-store.ts';
import { fetchPage } from './pagination.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, requireUser, write } from './service-core.ts';
import { parseSshPublicKey } from './ssh-key-format.ts';
import { credentialSubject } from './user-credential-subject.ts';
import { NAME, NAME_SOURCE, Violations, checkPage } from './validation.ts';

/** What an SSH key item's body holds. */
type SshBody = { ssh: string; pem: string; fingerprint: string; status: 'Active' | 'Inactive' };

/** SSH public keys per user (IAM quotas). */
const KEYS_PER_USER = 5;
const KEY_ID = /^[\w]+$/;

const body = (i: SecurityItemRecord) => JSON.parse(i.body) as SshBody;
const noKey = (id: string) => new IamError('NoSuchEntity', `The Public Key with id ${id} cannot be found.`);

function checkUser(v: Violations, name: string | undefined, required: boolean): void {
  if (required && v.required('userName', name)) return;
  v.text('userName', name, { min: 1, max: 64, pattern: NAME, patternSource: NAME_SOURCE });
}
function checkKeyId(v: Violations, id: string | undefined): void {
  if (!v.required('sSHPublicKeyId', id)) v.text('sSHPublicKeyId', id, { min: 20, max: 128, pattern: KEY_ID, patternSource: '[\\w]+' });
}
function checkStatus(v: Violations, s: string | undefined): void {
  if (!v.required('status', s)) v.oneOf('status', s, ['Active', 'Inactive']);
}

async function requireKey(r: IdentityReader, user: UserRecord, id: string): Promise<SecurityItemRecord> {
  const item = await r.getSecurityItem('ssh-key', id);
  if (!item || item.userId !== user.userId) throw noKey(id);
  return item;
}

function view(user: UserRecord, item: SecurityItemRecord, encoding: 'SSH' | 'PEM'): S.SshPublicKey {
  const b = body(item);
  return {
    UserName: user.userName,
    SSHPublicKeyId: item.itemId,
    Fingerprint: b.fingerprint,
    SSHPublicKeyBody: encoding === 'PEM' ? b.pem : b.ssh,
    Status: b.status,
    UploadDate: item.createDate,
  };
}

/** Upload/Get/List/Update/DeleteSSHPublicKey (keys for CodeCommit-style SSH access; `APKA` ids). */
export function sshPublicKeyOperations(core: ServiceCore) {
  return {
    async uploadSSHPublicKey(ctx: RequestContext, input: S.UploadSshPublicKeyInput): Promise<{ SSHPublicKey: S.SshPublicKey }> {
      const v = new Violations();
      checkUser(v, input.UserName, true);
      if (!v.required('sSHPublicKeyBody', input.SSHPublicKeyBody))
        v.text('sSHPublicKeyBody', input.SSHPublicKeyBody, { min: 1, max: 16384 });
      v.throwIfAny();
      const parsed = parseSshPublicKey(input.SSHPublicKeyBody as string);
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName as string);
        const existing = await tx.listSecurityItems(ctx.accountId, 'ssh-key', { userId: user.userId });
        if (existing.some((k) => body(k).fingerprint === parsed.fingerprint))
          throw new IamError('DuplicateSSHPublicKey', 'The public key is already associated with the user.');
        if (existing.length >= KEYS_PER_USER)
          throw new IamError('LimitExceeded', `Cannot exceed quota for PublicKeysPerUser: ${KEYS_PER_USER}`);
        const id = newUniqueId('APKA');
        const item: SecurityItemRecord = {
          kind: 'ssh-key',
          itemId: id,
          accountId: ctx.accountId,
          userId: user.userId,
          name: id,
          createDate: core.clock.now(),
          body: JSON.stringify({ ...parsed, status: 'Active' } satisfies SshBody),
        };
        await tx.insertSecurityItem(item, 'The public key already exists.');
        return { SSHPublicKey: view(user, item, 'SSH') };
      });
    },

    async getSSHPublicKey(ctx: RequestContext, input: S.GetSshPublicKeyInput): Promise<{ SSHPublicKey: S.SshPublicKey }> {
      const v = new Violations();
      checkUser(v, input.UserName, true);
      checkKeyId(v, input.SSHPublicKeyId);
      if (!v.required('encoding', input.Encoding)) v.oneOf('encoding', input.Encoding, ['SSH', 'PEM']);
      v.throwIfAny();
      const user = await requireUser(core.store, ctx.accountId, input.UserName as string);
      const item = await requireKey(core.store, user, input.SSHPublicKeyId as string);
      return { SSHPublicKey: view(user, item, input.Encoding as 'SSH' | 'PEM') };
    },

    async listSSHPublicKeys(ctx: RequestContext, input: S.ListSshPublicKeysInput): Promise<S.ListSshPublicKeysOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, false);
      checkPage(v, input);
      v.throwIfAny();
      const user = await credentialSubject(core.store, ctx, input.UserName);
      const all = await core.store.listSecurityItems(ctx.accountId, 'ssh-key', { userId: user.userId });
      const page = await fetchPage(input, async (q) => all.filter((k) => q.after === undefined || k.name.toLowerCase() > q.after).slice(0, q.limit), (k) => k.name.toLowerCase());
      return {
        SSHPublicKeys: page.items.map((k) => ({ UserName: user.userName, SSHPublicKeyId: k.itemId, Status: body(k).status, UploadDate: k.createDate })),
        IsTruncated: page.IsTruncated,
        ...(page.Marker ? { Marker: page.Marker } : {}),
      };
    },

    async updateSSHPublicKey(ctx: RequestContext, input: S.UpdateSshPublicKeyInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, true);
      checkKeyId(v, input.SSHPublicKeyId);
      checkStatus(v, input.Status);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName as string);
        const item = await requireKey(tx, user, input.SSHPublicKeyId as string);
        await tx.updateSecurityItem('ssh-key', item.itemId, { body: JSON.stringify({ ...body(item), status: input.Status }) });
        return {};
      });
    },

    async deleteSSHPublicKey(ctx: RequestContext, input: S.DeleteSshPublicKeyInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkUser(v, input.UserName, true);
      checkKeyId(v, input.SSHPublicKeyId);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await requireUser(tx, ctx.accountId, input.UserName as string);
        const item = await requireKey(tx, user, input.SSHPublicKeyId as string);
        await tx.deleteSecurityItem('ssh-key', item.itemId);
        return {};
      });
    },
  };
}
