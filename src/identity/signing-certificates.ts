import { X509Certificate, randomBytes } from 'node:crypto';
import { IamError } from '../shared/index.ts';
import type { EmptyOutput } from './iam-types.ts';
import type { IdentityReader, SecurityItemRecord, UserRecord } from './identity-store.ts';
import { fetchPage } from './pagination.ts';
import type { RequestContext } from './request-context.ts';
import type * as S from './security-types.ts';
import { type ServiceCore, write } from './service-core.ts';
import { credentialSubject } from './user-credential-subject.ts';
import { NAME, NAME_SOURCE, Violations, checkPage } from './validation.ts';

/** What a signing certificate item's body holds (public material only). */
type CertBody = { pem: string; fingerprint256: string; status: 'Active' | 'Inactive' };

/** Signing certificates per user (IAM quotas: SigningCertificatesPerUserQuota). */
export const CERTIFICATES_PER_USER = 2;

const body = (i: SecurityItemRecord) => JSON.parse(i.body) as CertBody;
const noCert = (id: string) => new IamError('NoSuchEntity', `The Certificate with id ${id} cannot be found.`);

function checkCommon(v: Violations, input: { UserName?: string }): void {
  v.text('userName', input.UserName, { min: 1, max: 128, pattern: NAME, patternSource: NAME_SOURCE });
}
function checkId(v: Violations, id: string | undefined): void {
  if (!v.required('certificateId', id))
    v.text('certificateId', id, { min: 24, max: 128, pattern: /^[\w]+$/, patternSource: '[\\w]+' });
}

async function requireCert(r: IdentityReader, user: UserRecord, id: string): Promise<SecurityItemRecord> {
  const item = await r.getSecurityItem('signing-cert', id);
  if (!item || item.userId !== user.userId) throw noCert(id);
  return item;
}

function view(user: UserRecord, item: SecurityItemRecord): S.SigningCertificate {
  const b = body(item);
  return { UserName: user.userName, CertificateId: item.itemId, CertificateBody: b.pem, Status: b.status, UploadDate: item.createDate };
}

/** Parses one PEM X.509 certificate; MalformedCertificate when it is not one. */
function parseCertificate(pem: string): X509Certificate {
  if (!pem.includes('-----BEGIN CERTIFICATE-----'))
    throw new IamError('MalformedCertificate', 'Unable to parse certificate. Please ensure the certificate is in PEM format.');
  try {
    return new X509Certificate(pem);
  } catch {
    throw new IamError('MalformedCertificate', 'Unable to parse certificate. Please ensure the certificate is in PEM format.');
  }
}

/** Upload/List/Update/DeleteSigningCertificate (X.509, at most two per user). */
export function signingCertificateOperations(core: ServiceCore) {
  return {
    async uploadSigningCertificate(ctx: RequestContext, input: S.UploadSigningCertificateInput): Promise<{ Certificate: S.SigningCertificate }> {
      const v = new Violations();
      checkCommon(v, input);
      if (!v.required('certificateBody', input.CertificateBody))
        v.text('certificateBody', input.CertificateBody, { min: 1, max: 16384 });
      v.throwIfAny();
      const cert = parseCertificate(input.CertificateBody as string);
      const now = core.clock.now();
      if (Date.parse(cert.validTo) < now.getTime() || Date.parse(cert.validFrom) > now.getTime())
        throw new IamError('InvalidCertificate', 'The certificate is not valid at this time (outside its validity period).');
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const existing = await tx.listSecurityItems(ctx.accountId, 'signing-cert', { userId: user.userId });
        if (existing.some((c) => body(c).fingerprint256 === cert.fingerprint256))
          throw new IamError('DuplicateCertificate', 'The certificate is already uploaded for this user.');
        if (existing.length >= CERTIFICATES_PER_USER)
          throw new IamError('LimitExceeded', `Cannot exceed quota for SigningCertificatesPerUser: ${CERTIFICATES_PER_USER}`);
        const id = randomBytes(20).toString('hex').toUpperCase().slice(0, 32);
        const item: SecurityItemRecord = {
          kind: 'signing-cert',
          itemId: id,
          accountId: ctx.accountId,
          userId: user.userId,
          name: id,
          createDate: now,
          body: JSON.stringify({ pem: cert.toString(), fingerprint256: cert.fingerprint256, status: 'Active' } satisfies CertBody),
        };
        await tx.insertSecurityItem(item, 'The certificate already exists.');
        return { Certificate: view(user, item) };
      });
    },

    async listSigningCertificates(ctx: RequestContext, input: S.ListSigningCertificatesInput): Promise<S.ListSigningCertificatesOutput> {
      const v = new Violations();
      checkCommon(v, input);
      checkPage(v, input);
      v.throwIfAny();
      const user = await credentialSubject(core.store, ctx, input.UserName);
      const all = await core.store.listSecurityItems(ctx.accountId, 'signing-cert', { userId: user.userId });
      const page = await fetchPage(input, async (q) => all.filter((c) => q.after === undefined || c.name.toLowerCase() > q.after).slice(0, q.limit), (c) => c.name.toLowerCase());
      return { Certificates: page.items.map((c) => view(user, c)), IsTruncated: page.IsTruncated, ...(page.Marker ? { Marker: page.Marker } : {}) };
    },

    async updateSigningCertificate(ctx: RequestContext, input: S.UpdateSigningCertificateInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkCommon(v, input);
      checkId(v, input.CertificateId);
      if (!v.required('status', input.Status)) v.oneOf('status', input.Status, ['Active', 'Inactive']);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const item = await requireCert(tx, user, input.CertificateId as string);
        await tx.updateSecurityItem('signing-cert', item.itemId, { body: JSON.stringify({ ...body(item), status: input.Status }) });
        return {};
      });
    },

    async deleteSigningCertificate(ctx: RequestContext, input: S.DeleteSigningCertificateInput): Promise<EmptyOutput> {
      const v = new Violations();
      checkCommon(v, input);
      checkId(v, input.CertificateId);
      v.throwIfAny();
      return write(core, ctx, async (tx) => {
        const user = await credentialSubject(tx, ctx, input.UserName);
        const item = await requireCert(tx, user, input.CertificateId as string);
        await tx.deleteSecurityItem('signing-cert', item.itemId);
        return {};
      });
    },
  };
}
