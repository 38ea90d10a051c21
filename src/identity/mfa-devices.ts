import QRCode from 'qrcode';
import { IamError } from '../shared/index.ts';
import type { EmptyOutput, Tag } from './iam-types.ts';
import type { IdentityReader, SecurityItemRecord, UserRecord } from './identity-store.ts';
import { matchingConsecutiveSteps, newMfaSeed } from './mfa-codes.ts';
import { fetchPage } from './pagination.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, iamArn, requireUser, userView, write } from './service-core.ts';
import { checkTagKeys, checkTags, checkTagSemantics, mergeTags, removeTags, toApiTags } from './tags.ts';
import { NAME, NAME_SOURCE, Violations, checkPage, checkPath } from './validation.ts';

/** What an MFA item's body holds. The seed is sealed with the serial number as context. */
export type MfaBody = { path: string; sealedSeed: string; root?: boolean; enableDate?: string; lastStep?: number };

/** Most MFA devices one user may have (IAM quotas). */
const DEVICES_PER_USER = 8;
/** Enable accepts the pair within this many steps of now; resync tolerates a drifted clock (±5 minutes). */
const ENABLE_WINDOW = 1;
const RESYNC_WINDOW = 10;

const noDevice = (serial: string) =>
  new IamError('NoSuchEntity', `VirtualMFADevice with serial number ${serial} doesn't exist.`);
const badCodes = () => new IamError('InvalidAuthenticationCode', 'Authentication code for device is not valid.');

/** The body of an MFA item. */
export const mfaBody = (item: SecurityItemRecord): MfaBody => JSON.parse(item.body) as MfaBody;

/** The device or NoSuchEntity. */
async function requireDevice(r: IdentityReader, serial: string, accountId: string): Promise<SecurityItemRecord> {
  const item = await r.getSecurityItem('mfa', serial);
  if (!item || item.accountId !== accountId) throw noDevice(serial);
  return item;
}

/** The user named, or the caller (undefined for root). */
async function subject(r: IdentityReader, ctx: RequestContext, userName: string | undefined): Promise<UserRecord | undefined> {
  if (userName !== undefined) return requireUser(r, ctx.accountId, userName);
  return ctx.caller.type === 'user' ? requireUser(r, ctx.accountId, ctx.caller.userName) : undefined;
}

/** EnableMFADevice/ResyncMFADevice's user; root names itself by its account id (undefined = root). */
async function assignee(r: IdentityReader, ctx: RequestContext, userName: string): Promise<UserRecord | undefined> {
  if (ctx.caller.type === 'root' && userName === ctx.accountId) return undefined;
  return requireUser(r, ctx.accountId, userName);
}

function checkSerial(v: Violations, serial: string | undefined): void {
  if (!v.required('serialNumber', serial))
    v.text('serialNumber', serial, { min: 9, max: 256, pattern: /^[\w+=/:,.@-]+$/, patternSource: '[\\w+=/:,.@-]+' });
}

function checkCode(v: Violations, member: string, code: string | undefined): void {
  if (!v.required(member, code))
    v.text(member, code, { min: 6, max: 6, pattern: /^[\d]+$/, patternSource: '[\\d]+' });
}

function checkUserName(v: Violations, name: string | undefined): void {
  v.text('userName', name, { min: 1, max: 128, pattern: NAME, patternSource: NAME_SOURCE });
}

/** Which user name an assigned device shows: the user's, or the account id for root. */
async function assigneeName(r: IdentityReader, item: SecurityItemRecord): Promise<string | undefined> {
  if (mfaBody(item).root) return item.accountId;
  if (item.userId === null) return undefined;
  return (await r.getUserById(item.accountId, item.userId))?.userName;
}

/** Virtual MFA devices: create, enable (two consecutive codes), resync, deactivate, delete, list, tags. */
export function mfaDeviceOperations(core: ServiceCore) {
  return {
    async createVirtualMFADevice(ctx: RequestContext, input: S.CreateVirtualMfaDeviceInput): Promise<S.CreateVirtualMfaDeviceOutput> {
      const v = new Violations();
      if (!v.required('virtualMFADeviceName', input.VirtualMFADeviceName))
        v.text('virtualMFADeviceName', input.VirtualMFADeviceName, { min: 1, max: 226, pattern: NAME, patternSource: NAME_SOURCE });
      checkPath(v, 'path', input.Path);
      checkTags(v, input.Tags);
      v.throwIfAny();
      if (input.Tags) checkTagSemantics(input.Tags);
      const name = input.VirtualMFADeviceName as string;
      const path = input.Path ?? '/';
      const serial = iamArn(ctx.partition, ctx.accountId, 'mfa', path, name);
      const seed = newMfaSeed();
      const account = await core.store.getAccount(ctx.accountId);
      const label = `${name}@${account?.alias ?? ctx.accountId}`;
      const uri = `otpauth://totp/${encodeURIComponent(`iamd:${label}`)}?secret=${seed}&issuer=iamd&algorithm=SHA1&digits=6&period=30`;
      const png = await QRCode.toBuffer(uri, { type: 'png' });
      const tags: Tag[] = input.Tags ?? [];
      await write(core, ctx, async (tx) => {
        const body: MfaBody = { path, sealedSeed: core.sealer.seal(seed, serial) };
        await tx.insertSecurityItem(
          { kind: 'mfa', itemId: serial, accountId: ctx.accountId, userId: null, name, createDate: core.clock.now(), body: JSON.stringify(body) },
          'MFADevice entity at the same path and name already exists.',
        );
        if (tags.length > 0) await tx.setEntityTags(serial, tags.map((t) => ({ key: t.Key, value: t.Value })), ctx.accountId);
      });
      return {
        VirtualMFADevice: {
          SerialNumber: serial,
          Base32StringSeed: Buffer.from(seed, 'ascii').toString('base64'),
          QRCodePNG: png.toString('base64'),
          ...(tags.length > 0 ? { Tags: tags } : {}),
        },
      };
    },

    async enableMFADevice(ctx: RequestContext, input: S.EnableMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkUserName(v, input.UserName);
      checkSerial(v, input.SerialNumber);
      checkCode(v, 'authenticationCode1', input.AuthenticationCode1);
      checkCode(v, 'authenticationCode2', input.AuthenticationCode2);
      v.throwIfAny();
      const serial = input.SerialNumber as string;
      return write(core, ctx, async (tx) => {
        const user = await assignee(tx, ctx, input.UserName as string);
        const item = await requireDevice(tx, serial, ctx.accountId);
        const body = mfaBody(item);
        if (item.userId !== null || body.root) throw new IamError('EntityAlreadyExists', 'MFA Device is already in use.');
        const all = await tx.listSecurityItems(ctx.accountId, 'mfa');
        const owned = all.filter((d) => (user ? d.userId === user.userId : mfaBody(d).root === true));
        if (owned.length >= DEVICES_PER_USER)
          throw new IamError('LimitExceeded', `Cannot exceed quota for MFADevicesPerUser: ${DEVICES_PER_USER}`);
        const seed = core.sealer.open(body.sealedSeed, serial);
        const now = core.clock.now();
        const step = matchingConsecutiveSteps(seed, input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, now, ENABLE_WINDOW);
        if (step === undefined) throw badCodes();
        const next: MfaBody = { ...body, enableDate: now.toISOString(), lastStep: step, ...(user ? {} : { root: true }) };
        await tx.updateSecurityItem('mfa', serial, { userId: user?.userId ?? null, body: JSON.stringify(next) });
        return {};
      });
    },

    async resyncMFADevice(ctx: RequestContext, input: S.EnableMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      if (!v.required('userName', input.UserName)) checkUserName(v, input.UserName);
      checkSerial(v, input.SerialNumber);
      checkCode(v, 'authenticationCode1', input.AuthenticationCode1);
      checkCode(v, 'authenticationCode2', input.AuthenticationCode2);
      v.throwIfAny();
      const serial = input.SerialNumber as string;
      return write(core, ctx, async (tx) => {
        const user = await assignee(tx, ctx, input.UserName as string);
        const item = await requireDevice(tx, serial, ctx.accountId);
        const body = mfaBody(item);
        if (user ? item.userId !== user.userId : body.root !== true) throw noDevice(serial);
        const seed = core.sealer.open(body.sealedSeed, serial);
        const step = matchingConsecutiveSteps(seed, input.AuthenticationCode1 as string, input.AuthenticationCode2 as string, core.clock.now(), RESYNC_WINDOW);
        if (step === undefined || step <= (body.lastStep ?? -1)) throw badCodes();
        await tx.updateSecurityItem('mfa', serial, { body: JSON.stringify({ ...body, lastStep: step }) });
        return {};
      });
    },

    async deactivateMFADevice(ctx: RequestContext, input: S.DeactivateMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkUserName(v, input.UserName);
      checkSerial(v, input.SerialNumber);
      v.throwIfAny();
      const serial = input.SerialNumber as string;
      return write(core, ctx, async (tx) => {
        const user = await subject(tx, ctx, input.UserName);
        const item = await requireDevice(tx, serial, ctx.accountId);
        const body = mfaBody(item);
        const assigned = user ? item.userId === user.userId : body.root === true;
        if (!assigned) throw noDevice(serial);
        const { enableDate: _e, lastStep: _l, root: _r, ...rest } = body;
        await tx.updateSecurityItem('mfa', serial, { userId: null, body: JSON.stringify(rest) });
        return {};
      });
    },

    async deleteVirtualMFADevice(ctx: RequestContext, input: S.DeleteVirtualMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkSerial(v, input.SerialNumber);
      v.throwIfAny();
      const serial = input.SerialNumber as string;
      return write(core, ctx, async (tx) => {
        const item = await requireDevice(tx, serial, ctx.accountId);
        if (item.userId !== null || mfaBody(item).root) throw new IamError('DeleteConflict', 'MFA Device is in use and cannot be deleted.');
        await tx.setEntityTags(serial, []);
        await tx.deleteSecurityItem('mfa', serial);
        return {};
      });
    },

    async listMFADevices(ctx: RequestContext, input: S.ListMfaDevicesInput): Promise<S.ListMfaDevicesOutput> {
      const v = new Violations();
      checkUserName(v, input.UserName);
      checkPage(v, input);
      v.throwIfAny();
      const user = await subject(core.store, ctx, input.UserName);
      const all = await core.store.listSecurityItems(ctx.accountId, 'mfa');
      const mine = all
        .filter((d) => (user ? d.userId === user.userId : mfaBody(d).root === true))
        .sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
      const page = await fetchPage(input, async (q) => mine.filter((d) => q.after === undefined || d.itemId > q.after).slice(0, q.limit), (d) => d.itemId);
      return {
        MFADevices: page.items.map((d) => ({
          UserName: user?.userName ?? ctx.accountId,
          SerialNumber: d.itemId,
          EnableDate: new Date(mfaBody(d).enableDate ?? d.createDate.toISOString()),
        })),
        IsTruncated: page.IsTruncated,
        ...(page.Marker ? { Marker: page.Marker } : {}),
      };
    },

    async listVirtualMFADevices(ctx: RequestContext, input: S.ListVirtualMfaDevicesInput): Promise<S.ListVirtualMfaDevicesOutput> {
      const v = new Violations();
      v.oneOf('assignmentStatus', input.AssignmentStatus, ['Assigned', 'Unassigned', 'Any']);
      checkPage(v, input);
      v.throwIfAny();
      const status = input.AssignmentStatus ?? 'Any';
      const all = (await core.store.listSecurityItems(ctx.accountId, 'mfa')).sort((a, b) => (a.itemId < b.itemId ? -1 : 1));
      const chosen = all.filter((d) => {
        const assigned = d.userId !== null || mfaBody(d).root === true;
        return status === 'Any' || (status === 'Assigned') === assigned;
      });
      const page = await fetchPage(input, async (q) => chosen.filter((d) => q.after === undefined || d.itemId > q.after).slice(0, q.limit), (d) => d.itemId);
      const devices: S.VirtualMfaDevice[] = [];
      for (const d of page.items) {
        const body = mfaBody(d);
        const out: S.VirtualMfaDevice = { SerialNumber: d.itemId };
        if (d.userId !== null) {
          const u = await core.store.getUserById(ctx.accountId, d.userId);
          if (u) out.User = userView(u);
        } else if (body.root) {
          out.User = { Path: '/', UserName: ctx.accountId, UserId: ctx.accountId, Arn: `arn:${ctx.partition}:iam::${ctx.accountId}:root`, CreateDate: d.createDate };
        }
        if (body.enableDate) out.EnableDate = new Date(body.enableDate);
        const tags = await core.store.listEntityTags(d.itemId);
        if (tags.length > 0) out.Tags = toApiTags(tags);
        devices.push(out);
      }
      return { VirtualMFADevices: devices, IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
    },

    async getMFADevice(ctx: RequestContext, input: S.GetMfaDeviceInput): Promise<S.GetMfaDeviceOutput> {
      const v = new Violations();
      checkSerial(v, input.SerialNumber);
      checkUserName(v, input.UserName);
      v.throwIfAny();
      const serial = input.SerialNumber as string;
      const user = await subject(core.store, ctx, input.UserName);
      const item = await requireDevice(core.store, serial, ctx.accountId);
      const body = mfaBody(item);
      if (user ? item.userId !== user.userId : body.root !== true) throw noDevice(serial);
      const name = await assigneeName(core.store, item);
      return {
        ...(name !== undefined ? { UserName: name } : {}),
        SerialNumber: serial,
        ...(body.enableDate ? { EnableDate: new Date(body.enableDate) } : {}),
      };
    },

    async tagMFADevice(ctx: RequestContext, input: S.TagMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkSerial(v, input.SerialNumber);
      if (!v.required('tags', input.Tags)) checkTags(v, input.Tags);
      v.throwIfAny();
      checkTagSemantics(input.Tags as Tag[]);
      return write(core, ctx, async (tx) => {
        const item = await requireDevice(tx, input.SerialNumber as string, ctx.accountId);
        const merged = mergeTags(await tx.listEntityTags(item.itemId), input.Tags as Tag[]);
        await tx.setEntityTags(item.itemId, merged, ctx.accountId);
        return {};
      });
    },

    async untagMFADevice(ctx: RequestContext, input: S.UntagMfaDeviceInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkSerial(v, input.SerialNumber);
      if (!v.required('tagKeys', input.TagKeys)) checkTagKeys(v, input.TagKeys);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const item = await requireDevice(tx, input.SerialNumber as string, ctx.accountId);
        await tx.setEntityTags(item.itemId, removeTags(await tx.listEntityTags(item.itemId), input.TagKeys as string[]), ctx.accountId);
        return {};
      });
    },

    async listMFADeviceTags(ctx: RequestContext, input: S.ListMfaDeviceTagsInput): Promise<S.ListMfaDeviceTagsOutput> {
      const v = new Violations();
      checkSerial(v, input.SerialNumber);
      checkPage(v, input);
      v.throwIfAny();
      const item = await requireDevice(core.store, input.SerialNumber as string, ctx.accountId);
      return { Tags: toApiTags(await core.store.listEntityTags(item.itemId)), IsTruncated: false };
    },
  };
}
