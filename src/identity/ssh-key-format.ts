import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import { IamError } from '../shared/index.ts';

/** A parsed SSH public key: the OpenSSH line, the PEM (SPKI) form and the MD5 fingerprint AWS shows. */
export type ParsedSshKey = { ssh: string; pem: string; fingerprint: string };

const unrecognized = () => new IamError('UnrecognizedPublicKeyEncoding', 'Unrecognized public key encoding.');
const invalid = (why: string) => new IamError('InvalidPublicKey', `The public key is not valid: ${why}.`);

function sshString(buf: Buffer, at: number): [Buffer, number] {
  if (at + 4 > buf.length) throw unrecognized();
  const len = buf.readUInt32BE(at);
  if (at + 4 + len > buf.length) throw unrecognized();
  return [buf.subarray(at + 4, at + 4 + len), at + 4 + len];
}

function lengthPrefixed(...parts: Buffer[]): Buffer {
  return Buffer.concat(parts.flatMap((p) => [Buffer.from(Uint32Array.of(p.length).buffer).reverse(), p]));
}

const b64url = (b: Buffer) => b.toString('base64url');
const unsigned = (b: Buffer) => (b[0] === 0 ? b.subarray(1) : b);
const mpint = (b: Buffer) => ((b[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.of(0), b]) : b);

function fromBlob(blob: Buffer): KeyObject {
  const [type, next] = sshString(blob, 0);
  try {
    if (type.toString() === 'ssh-rsa') {
      const [e, n1] = sshString(blob, next);
      const [n] = sshString(blob, n1);
      return createPublicKey({ key: { kty: 'RSA', e: b64url(unsigned(e)), n: b64url(unsigned(n)) }, format: 'jwk' });
    }
    if (type.toString() === 'ssh-ed25519') {
      const [x] = sshString(blob, next);
      return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64url(x) }, format: 'jwk' });
    }
  } catch {
    throw unrecognized();
  }
  throw unrecognized();
}

function toBlob(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'RSA' && jwk.e && jwk.n)
    return lengthPrefixed(Buffer.from('ssh-rsa'), mpint(Buffer.from(jwk.e, 'base64url')), mpint(Buffer.from(jwk.n, 'base64url')));
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && jwk.x)
    return lengthPrefixed(Buffer.from('ssh-ed25519'), Buffer.from(jwk.x, 'base64url'));
  throw unrecognized();
}

/** Parses an OpenSSH (`ssh-rsa AAAA...`) or PEM public key; RSA keys need at least 2048 bits, as AWS requires. */
export function parseSshPublicKey(body: string): ParsedSshKey {
  const text = body.trim();
  let key: KeyObject;
  if (text.startsWith('-----BEGIN')) {
    try {
      key = createPublicKey({ key: text, format: 'pem' });
    } catch {
      throw unrecognized();
    }
  } else {
    const [, data] = text.split(/\s+/);
    if (!data || !/^[A-Za-z0-9+/]+=*$/.test(data)) throw unrecognized();
    key = fromBlob(Buffer.from(data, 'base64'));
  }
  const type = key.asymmetricKeyType;
  if (type === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw invalid(`RSA keys must be at least 2048 bits, this one has ${bits}`);
  } else if (type !== 'ed25519') throw unrecognized();
  const blob = toBlob(key);
  const md5 = createHash('md5').update(blob).digest('hex');
  return {
    ssh: `${type === 'rsa' ? 'ssh-rsa' : 'ssh-ed25519'} ${blob.toString('base64')}`,
    pem: key.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: md5.match(/../g)!.join(':'),
  };
}
