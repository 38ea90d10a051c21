import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { IamError } from '../shared/index.ts';
import type { SessionFacts, SessionPolicies, SessionPrincipalFacts } from './session-facts.ts';

/**
 * Session tokens: a session's facts, deflated and sealed with AES-256-GCM under a key derived (HKDF-SHA256) from
 * the master key for this purpose only. The access key id is bound as authenticated data, so a token only opens
 * with the key it was issued with. Layout: base64url(version byte | 12-byte IV | ciphertext | 16-byte tag).
 */
export interface SessionTokenCodec {
  /** Seals the facts into a token for `facts.accessKeyId`. */
  seal(facts: SessionFacts): string;
  /**
   * Opens a token presented with `accessKeyId` at time `now`. Throws `InvalidClientTokenId` when the token is
   * malformed, tampered with, sealed under another master key or for another key id; `ExpiredToken` when expired.
   */
  open(token: string, accessKeyId: string, now: Date): SessionFacts;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HKDF_SALT = Buffer.from('iamd', 'utf8');
const HKDF_INFO = Buffer.from('iamd/sts/session-token/v1', 'utf8');
/** Longer input is not one of ours; also bounds the work an attacker can ask for. */
const MAX_TOKEN_CHARS = 16_384;
const MAX_PLAINTEXT_BYTES = 65_536;

/** The message AWS uses for a session token that does not verify. */
export const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
/** The message AWS uses for an expired session token. */
export const EXPIRED_TOKEN_MESSAGE = 'The security token included in the request is expired';

/** Derives the token key from the 32-byte master key; the master key itself never encrypts tokens. */
export function deriveSessionTokenKey(masterKey: Buffer): Buffer {
  if (masterKey.length !== 32) throw new Error('master key must be 32 bytes');
  return Buffer.from(hkdfSync('sha256', masterKey, HKDF_SALT, HKDF_INFO, 32));
}

/** How many opened tokens a codec remembers, so a busy session does not decrypt and inflate on every request. */
export const OPENED_TOKEN_CACHE_SIZE = 10_000;

/** Creates the codec for one master key. */
export function createSessionTokenCodec(masterKey: Buffer): SessionTokenCodec {
  const key = deriveSessionTokenKey(masterKey);
  // token + key id -> facts; only tokens that verified enter, and expiry is still checked on every open.
  const opened = new Map<string, SessionFacts>();
  return Object.freeze({
    seal(facts: SessionFacts): string {
      const plaintext = deflateRawSync(Buffer.from(JSON.stringify(toWire(facts)), 'utf8'));
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(facts.accessKeyId));
      const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
      return Buffer.concat([Buffer.of(VERSION), iv, body, cipher.getAuthTag()]).toString('base64url');
    },
    open(token: string, accessKeyId: string, now: Date): SessionFacts {
      const memo = `${accessKeyId}.${token}`;
      let facts = opened.get(memo);
      if (facts === undefined) {
        facts = decrypt(key, token, accessKeyId);
        if (opened.size >= OPENED_TOKEN_CACHE_SIZE) opened.delete(opened.keys().next().value!);
        opened.set(memo, freezeFacts(facts));
      }
      if (now.getTime() >= facts.expiresAt) throw new IamError('ExpiredToken', EXPIRED_TOKEN_MESSAGE);
      return facts;
    },
  });
}

/** Cached facts are shared between callers: freeze them all the way down. */
function freezeFacts(f: SessionFacts): SessionFacts {
  Object.freeze(f.principal);
  Object.freeze(f.tags);
  Object.freeze(f.transitiveTagKeys);
  if (f.sessionPolicies !== undefined) Object.freeze(Object.freeze(f.sessionPolicies).managedArns);
  return Object.freeze(f);
}

function invalid(): IamError {
  return new IamError('InvalidClientTokenId', INVALID_TOKEN_MESSAGE);
}

function aad(accessKeyId: string): Buffer {
  return Buffer.from(`iamd-session-token:${accessKeyId}`, 'utf8');
}

function decrypt(key: Buffer, token: string, accessKeyId: string): SessionFacts {
  if (token.length > MAX_TOKEN_CHARS || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const raw = Buffer.from(token, 'base64url');
  if (raw.length < 1 + IV_BYTES + TAG_BYTES + 1 || raw[0] !== VERSION) throw invalid();
  let wire: unknown;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(1, 1 + IV_BYTES));
    decipher.setAAD(aad(accessKeyId));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    const plaintext = Buffer.concat([
      decipher.update(raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]);
    wire = JSON.parse(inflateRawSync(plaintext, { maxOutputLength: MAX_PLAINTEXT_BYTES }).toString('utf8'));
  } catch {
    throw invalid();
  }
  const facts = fromWire(wire, accessKeyId);
  if (facts === undefined) throw invalid();
  return facts;
}

/** The compact wire form: short keys, times in whole seconds, the principal as a tagged tuple. */
interface Wire {
  a: string;
  n: string;
  s: string;
  p: readonly string[];
  i?: string;
  m?: readonly string[];
  t?: Readonly<Record<string, string>>;
  x?: readonly string[];
  o?: string;
  /** The OIDC provider ARN of a web identity session. */
  w?: string;
  f?: number;
  at: number;
  ex: number;
  c?: 1;
  /** A console sign-in session. */
  k?: 1;
}

function principalToWire(p: SessionPrincipalFacts): string[] {
  switch (p.kind) {
    case 'role-session':
      return ['r', p.roleArn, p.roleId, p.roleName, p.sessionName];
    case 'federated-user':
      return p.callerUserName === undefined ? ['f', p.name, p.callerArn] : ['f', p.name, p.callerArn, p.callerUserName];
    case 'user':
      return ['u', p.userArn, p.userId, p.userName];
    case 'root':
      return ['R'];
  }
}

function principalFromWire(p: readonly unknown[]): SessionPrincipalFacts | undefined {
  if (!p.every((x) => typeof x === 'string')) return undefined;
  const s = p as readonly string[];
  if (s[0] === 'r' && s.length === 5)
    return { kind: 'role-session', roleArn: s[1]!, roleId: s[2]!, roleName: s[3]!, sessionName: s[4]! };
  if (s[0] === 'f' && (s.length === 3 || s.length === 4))
    return {
      kind: 'federated-user',
      name: s[1]!,
      callerArn: s[2]!,
      ...(s[3] !== undefined ? { callerUserName: s[3] } : {}),
    };
  if (s[0] === 'u' && s.length === 4) return { kind: 'user', userArn: s[1]!, userId: s[2]!, userName: s[3]! };
  if (s[0] === 'R' && s.length === 1) return { kind: 'root' };
  return undefined;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function toWire(f: SessionFacts): Wire {
  const wire: Wire = {
    a: f.accountId,
    n: f.partition,
    s: f.secretAccessKey,
    p: principalToWire(f.principal),
    at: seconds(f.issuedAt),
    ex: seconds(f.expiresAt),
  };
  if (f.sessionPolicies !== undefined) {
    if (f.sessionPolicies.inline !== undefined) wire.i = f.sessionPolicies.inline;
    wire.m = f.sessionPolicies.managedArns;
  }
  if (Object.keys(f.tags).length > 0) wire.t = f.tags;
  if (f.transitiveTagKeys.length > 0) wire.x = f.transitiveTagKeys;
  if (f.sourceIdentity !== undefined) wire.o = f.sourceIdentity;
  if (f.federatedProvider !== undefined) wire.w = f.federatedProvider;
  if (f.mfaAuthenticatedAt !== undefined) wire.f = seconds(f.mfaAuthenticatedAt);
  if (f.chained) wire.c = 1;
  if (f.console === true) wire.k = 1;
  return wire;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isStringMap = (v: unknown): v is Record<string, string> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isString);

/** Checks the shape even though the token authenticated: a bug in an older writer must not crash a reader. */
function fromWire(value: unknown, accessKeyId: string): SessionFacts | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const w = value as Partial<Record<keyof Wire, unknown>>;
  if (!isString(w.a) || !isString(w.n) || !isString(w.s) || !Array.isArray(w.p)) return undefined;
  if (!Number.isInteger(w.at) || !Number.isInteger(w.ex)) return undefined;
  if (w.i !== undefined && !isString(w.i)) return undefined;
  if (w.m !== undefined && !isStringArray(w.m)) return undefined;
  if (w.t !== undefined && !isStringMap(w.t)) return undefined;
  if (w.x !== undefined && !isStringArray(w.x)) return undefined;
  if (w.o !== undefined && !isString(w.o)) return undefined;
  if (w.w !== undefined && !isString(w.w)) return undefined;
  if (w.f !== undefined && !Number.isInteger(w.f)) return undefined;
  const principal = principalFromWire(w.p);
  if (principal === undefined) return undefined;
  const sessionPolicies: SessionPolicies | undefined =
    w.m === undefined && w.i === undefined
      ? undefined
      : { ...(w.i !== undefined ? { inline: w.i } : {}), managedArns: w.m ?? [] };
  return {
    accountId: w.a,
    partition: w.n,
    accessKeyId,
    secretAccessKey: w.s,
    principal,
    ...(sessionPolicies !== undefined ? { sessionPolicies } : {}),
    tags: w.t ?? {},
    transitiveTagKeys: w.x ?? [],
    ...(w.o !== undefined ? { sourceIdentity: w.o } : {}),
    ...(w.w !== undefined ? { federatedProvider: w.w } : {}),
    ...(w.f !== undefined ? { mfaAuthenticatedAt: (w.f as number) * 1000 } : {}),
    issuedAt: (w.at as number) * 1000,
    expiresAt: (w.ex as number) * 1000,
    chained: w.c === 1,
    ...(w.k === 1 ? { console: true as const } : {}),
  };
}
