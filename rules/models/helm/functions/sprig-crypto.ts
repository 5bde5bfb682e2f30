import { createCipheriv, createDecipheriv, createHash, createHmac, scryptSync } from 'node:crypto';
import { GoObject, type GoValue, TemplateError } from '../value';
import { entry, intArg, spend, spendOutput, stringArg } from './arguments';
import { utf8Bytes, utf8Text } from './go-strconv';
import type { FunctionEntry } from './types';

/**
 * Sprig's crypto.go and its random-string functions.
 *
 * Hashes (sha1sum, sha256sum, sha512sum, adler32sum), derivePassword (scrypt + HMAC-SHA256, Master Password v3) and
 * encryptAES/decryptAES (AES-256-CBC, PKCS#7) are computed as Go does, except that the AES IV is all zeros instead of
 * random, so a render is reproducible.
 *
 * Everything random in Go — keys, certificates, bcrypt salts, UUIDs, randAlphaNum… — is a fixed, clearly synthetic
 * value of the right shape: PEM blocks whose body spells a placeholder, strings built from the letters of
 * "synthetic". `isSyntheticValue` recognises them, so the secret rules can tell a generated placeholder from a secret
 * written in a chart.
 */

/** What the body of every synthetic PEM block decodes to. */
const syntheticPemText = 'stridelint synthetic placeholder: Helm generates this value at install time';
const syntheticPemBody = Buffer.from(syntheticPemText).toString('base64');
const syntheticLetters = 'synthetic';
export const syntheticUuid = '00000000-5e17-4e71-8000-000000000000';
const syntheticBcrypt = '$2a$10$' + 'synthetic'.repeat(6).slice(0, 53);

function syntheticString(count: number, alphabet: 'letters' | 'digits'): string {
  if (count <= 0) return '';
  const source = alphabet === 'digits' ? '0' : syntheticLetters;
  return source.repeat(Math.ceil(count / source.length)).slice(0, count);
}

/** True for a value this library generated in place of a random one (or a text containing one). */
export function isSyntheticValue(text: string): boolean {
  if (text.includes(syntheticPemBody.slice(0, 64)) || text.includes(syntheticUuid) || text.includes(syntheticBcrypt)) return true;
  // randAlphaNum…: a prefix of "syntheticsynthetic…"; randNumeric: zeros; randBytes: zero bytes in base64.
  return text.length > 0 && (syntheticString(text.length, 'letters') === text || /^0+$/.test(text) || /^A+=*$/.test(text));
}

function pem(type: string): string {
  const lines = syntheticPemBody.match(/.{1,64}/g)!.join('\n');
  return `-----BEGIN ${type}-----\n${lines}\n-----END ${type}-----\n`;
}

const privateKeyTypes: Record<string, string> = {
  '': 'RSA PRIVATE KEY',
  rsa: 'RSA PRIVATE KEY',
  dsa: 'DSA PRIVATE KEY',
  ecdsa: 'EC PRIVATE KEY',
  ed25519: 'PRIVATE KEY',
};

/** Sprig's `certificate` struct: {Cert, Key}. */
function certificate(key?: string): GoObject {
  return new GoObject(
    'sprig.certificate',
    new Map<string, GoValue>([
      ['Cert', pem('CERTIFICATE')],
      ['Key', key ?? pem('RSA PRIVATE KEY')],
    ]),
  );
}

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const byte of bytes) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

const passwordTemplates: Record<string, string[]> = {
  maximum: ['anoxxxxxxxxxxxxxxxxx', 'axxxxxxxxxxxxxxxxxno'],
  long: [
    'CvcvnoCvcvCvcv', 'CvcvCvcvnoCvcv', 'CvcvCvcvCvcvno', 'CvccnoCvcvCvcv', 'CvccCvcvnoCvcv', 'CvccCvcvCvcvno', 'CvcvnoCvccCvcv',
    'CvcvCvccnoCvcv', 'CvcvCvccCvcvno', 'CvcvnoCvcvCvcc', 'CvcvCvcvnoCvcc', 'CvcvCvcvCvccno', 'CvccnoCvccCvcv', 'CvccCvccnoCvcv',
    'CvccCvccCvcvno', 'CvcvnoCvccCvcc', 'CvcvCvccnoCvcc', 'CvcvCvccCvccno', 'CvccnoCvcvCvcc', 'CvccCvcvnoCvcc', 'CvccCvcvCvccno',
  ],
  medium: ['CvcnoCvc', 'CvcCvcno'],
  short: ['Cvcn'],
  basic: ['aaanaaan', 'aannaaan', 'aaannaaa'],
  pin: ['nnnn'],
};

const templateCharacters: Record<string, string> = {
  V: 'AEIOU',
  C: 'BCDFGHJKLMNPQRSTVWXYZ',
  v: 'aeiou',
  c: 'bcdfghjklmnpqrstvwxyz',
  A: 'AEIOUBCDFGHJKLMNPQRSTVWXYZ',
  a: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz',
  n: '0123456789',
  o: "@&%?,=[]_:-+*$#!'^~;()/.",
  x: 'AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()',
};

function lengthPrefixed(text: string): Buffer {
  const bytes = Buffer.from(utf8Bytes(text));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** Master Password v3, as Sprig's derivePassword. */
function derivePassword(counter: number, type: string, password: string, user: string, site: string): string {
  const templates = passwordTemplates[type];
  if (!templates) return `cannot find password template ${type}`;
  const seedPrefix = Buffer.from('com.lyndir.masterpassword');
  const salt = Buffer.concat([seedPrefix, lengthPrefixed(user)]);
  const key = scryptSync(Buffer.from(utf8Bytes(password)), salt, 64, { N: 32768, r: 8, p: 2, maxmem: 128 * 1024 * 1024 });
  const counterBytes = Buffer.alloc(4);
  counterBytes.writeUInt32BE(counter >>> 0);
  const seed = createHmac('sha256', key).update(Buffer.concat([seedPrefix, lengthPrefixed(site), counterBytes])).digest();
  const template = templates[seed[0] % templates.length];
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const characters = templateCharacters[template[i]];
    out += characters[seed[i + 1] % characters.length];
  }
  return out;
}

const derivedPasswords = new Map<string, string>();

function aesKey(password: string): Buffer {
  const key = Buffer.alloc(32);
  Buffer.from(utf8Bytes(password)).copy(key, 0, 0, 32);
  return key;
}

function encryptAES(password: string, plaintext: string): string {
  if (plaintext === '') return '';
  const iv = Buffer.alloc(16);
  const cipher = createCipheriv('aes-256-cbc', aesKey(password), iv);
  return Buffer.concat([iv, cipher.update(Buffer.from(utf8Bytes(plaintext))), cipher.final()]).toString('base64');
}

function decryptAES(password: string, encoded: string): string {
  if (encoded === '') return '';
  const data = Buffer.from(encoded, 'base64');
  if (data.length < 32 || data.length % 16 !== 0) throw new TemplateError('crypto/cipher: input not full blocks');
  const decipher = createDecipheriv('aes-256-cbc', aesKey(password), data.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data.subarray(16)), decipher.final()]);
  return utf8Text(plain.subarray(0, plain.length - plain[plain.length - 1]));
}

const hash = (algorithm: string) => entry((args) => createHash(algorithm).update(utf8Bytes(stringArg(args, 0))).digest('hex'), [1, 1]);
const random = (alphabet: 'letters' | 'digits') =>
  entry((args, call) => {
    const count = intArg(args, 0);
    spendOutput(call, count, 'a random string');
    return syntheticString(count, alphabet);
  }, [1, 1]);

export const cryptoFunctions: Record<string, FunctionEntry> = {
  sha1sum: hash('sha1'),
  sha256sum: hash('sha256'),
  sha512sum: hash('sha512'),
  adler32sum: entry((args) => String(adler32(utf8Bytes(stringArg(args, 0)))), [1, 1]),
  derivePassword: entry((args, call) => {
    const counter = args[0];
    if (typeof counter !== 'bigint') throw new TemplateError(`wrong type for value; expected uint32; got ${typeof counter}`);
    const key = [counter, ...args.slice(1).map((_, i) => stringArg(args, i + 1))].join('\u0000');
    let password = derivedPasswords.get(key);
    if (password === undefined) {
      // scrypt takes ~100 ms and 32 MB: a template calling it in a loop runs out of steps, not of time.
      spend(call, 50_000, 'derivePassword');
      password = derivePassword(Number(counter), stringArg(args, 1), stringArg(args, 2), stringArg(args, 3), stringArg(args, 4));
      if (derivedPasswords.size > 100) derivedPasswords.clear();
      derivedPasswords.set(key, password);
    }
    return password;
  }, [5, 5]),
  encryptAES: entry((args) => encryptAES(stringArg(args, 0), stringArg(args, 1)), [2, 2]),
  decryptAES: entry((args) => decryptAES(stringArg(args, 0), stringArg(args, 1)), [2, 2]),
  genPrivateKey: entry((args) => {
    const type = stringArg(args, 0);
    return type in privateKeyTypes ? pem(privateKeyTypes[type]) : `Unknown type ${type}`;
  }, [1, 1]),
  bcrypt: entry((args) => {
    stringArg(args, 0);
    return syntheticBcrypt;
  }, [1, 1]),
  htpasswd: entry((args) => `${stringArg(args, 0)}:${syntheticBcrypt}`, [2, 3]),
  genCA: entry((args) => (stringArg(args, 0), intArg(args, 1), certificate()), [2, 2]),
  genCAWithKey: entry((args) => (stringArg(args, 0), intArg(args, 1), certificate(stringArg(args, 2))), [3, 3]),
  genSelfSignedCert: entry((args) => (stringArg(args, 0), intArg(args, 3), certificate()), [4, 4]),
  genSelfSignedCertWithKey: entry((args) => (stringArg(args, 0), intArg(args, 3), certificate(stringArg(args, 4))), [5, 5]),
  genSignedCert: entry((args) => (stringArg(args, 0), intArg(args, 3), certificate()), [5, 5]),
  genSignedCertWithKey: entry((args) => (stringArg(args, 0), intArg(args, 3), certificate(stringArg(args, 5))), [6, 6]),
  buildCustomCert: entry((args) => {
    const cert = Buffer.from(stringArg(args, 0), 'base64').toString();
    const key = Buffer.from(stringArg(args, 1), 'base64').toString();
    if (!cert.includes('-----BEGIN')) throw new TemplateError('unable to decode base64 certificate');
    if (!key.includes('-----BEGIN')) throw new TemplateError('unable to decode base64 private key');
    return new GoObject('sprig.certificate', new Map<string, GoValue>([['Cert', cert], ['Key', key]]));
  }, [2, 2]),
  randBytes: entry((args, call) => {
    const count = Math.max(intArg(args, 0), 0);
    spendOutput(call, count * 2, 'randBytes');
    return Buffer.alloc(count).toString('base64');
  }, [1, 1]),
  uuidv4: entry(() => syntheticUuid, [0, 0]),
  randAlphaNum: random('letters'),
  randAlpha: random('letters'),
  randAscii: random('letters'),
  randNumeric: random('digits'),
  // Go shuffles with math/rand; the identity is one of its possible results.
  shuffle: entry((args) => stringArg(args, 0), [1, 1]),
};
