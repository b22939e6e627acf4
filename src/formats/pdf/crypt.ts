/**
 * The standard security handler (ISO 32000-2, 7.6.4), revisions 2 to 6: RC4 with 40 to 128-bit
 * keys, AES-128 (AESV2) and AES-256 (AESV3), opened with the empty user password, which is what
 * almost every encrypted signed document uses (an owner password only restricts editing), or
 * with a user or owner password the caller gives.
 *
 * Warning: this only decrypts; it never judges. A document whose user password is not empty
 * and not given cannot be opened (`password-required`), and one with another handler (public-key, a vendor's)
 * is `unsupported`: both leave the signatures unchecked, never failed. The signature's /Contents
 * is never encrypted (ISO 32000-2, 7.6.2), and neither are cross-reference streams.
 *
 * MD5 comes from @noble/hashes (WebCrypto has none), SHA-2 too (the R6 hash is a loop of small
 * synchronous digests); AES is WebCrypto's AES-CBC; RC4 is a few lines here.
 */
import { md5 } from '@noble/hashes/legacy';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2';
import { toHex } from '../../io/hash.js';
import type { OpenedBy, PasswordWork } from '../types.js';
import type { PdfValue } from './syntax.js';
import { dictGet, integerOf, nameOf } from './syntax.js';
import { encodePdfDocEncoding } from './text.js';

const PASSWORD_PADDING = Uint8Array.from([
  0x28, 0xbf, 0x4e, 0x5e, 0x4e, 0x75, 0x8a, 0x41, 0x64, 0x00, 0x4e, 0x56, 0xff, 0xfa, 0x01, 0x08, 0x2e, 0x2e, 0x00, 0xb6, 0xd0, 0x68, 0x3e, 0x80,
  0x2f, 0x0c, 0xa9, 0xfe, 0x64, 0x53, 0x69, 0x7a,
]);

type Method = 'none' | 'rc4' | 'aes128' | 'aes256';

export type CryptSetup =
  | { readonly kind: 'ok'; readonly crypt: PdfCrypt; readonly opened: OpenedBy }
  /** `tried`: how many of the caller's passwords were tried besides the empty one. */
  | { readonly kind: 'password-required'; readonly tried: number }
  /** The document's share of AES-256 password checks ran out (ParseLimits.maxPasswordHashes) before a password opened it. */
  | { readonly kind: 'password-limit' }
  | { readonly kind: 'unsupported'; readonly detail: string };

/** Decrypts the strings and streams of one document with its file key. */
export class PdfCrypt {
  constructor(
    private readonly key: Uint8Array,
    private readonly strings: Method,
    private readonly streams: Method,
    /** R4+ /EncryptMetadata false: XMP metadata streams are stored in clear. */
    readonly encryptMetadata: boolean,
    /** The /Encrypt dictionary's own object number: it is never encrypted. */
    readonly encryptNum: number | undefined,
  ) {}

  /** The stream cipher in words (for the report): `AES-256`, `AES-128`, `RC4 128-bit` ... */
  get method(): string {
    const method = this.streams === 'none' ? this.strings : this.streams;
    return method === 'aes256' ? 'AES-256' : method === 'aes128' ? 'AES-128' : method === 'rc4' ? `RC4 ${this.key.length * 8}-bit` : 'no cipher';
  }

  /** Streams are decrypted with a key made from each object's number and generation (all but AES-256 and no cipher). */
  get keyPerObject(): boolean {
    return this.streams === 'rc4' || this.streams === 'aes128';
  }

  decryptString(num: number, gen: number, bytes: Uint8Array): Promise<Uint8Array> {
    return this.decrypt(this.strings, num, gen, bytes);
  }

  decryptStream(num: number, gen: number, bytes: Uint8Array): Promise<Uint8Array> {
    return this.decrypt(this.streams, num, gen, bytes);
  }

  /**
   * Every string inside `value` decrypted, except a signature dictionary's /Contents (ISO 32000-2,
   * 7.6.2: never encrypted). Strings that do not decrypt (bad AES padding) are kept as written.
   */
  async decryptValue(num: number, gen: number, value: PdfValue): Promise<PdfValue> {
    if (this.strings === 'none') return value;
    const signatureDict = value.kind === 'dict' && value.entries.has('ByteRange') && value.entries.has('Contents');
    const walk = async (item: PdfValue, depth: number, skip: boolean): Promise<PdfValue> => {
      if (depth > 64) return item;
      if (item.kind === 'string') {
        if (skip) return item;
        try {
          return { ...item, bytes: await this.decryptString(num, gen, item.bytes) };
        } catch {
          return item;
        }
      }
      if (item.kind === 'array') {
        const items: PdfValue[] = [];
        for (const entry of item.items) items.push(await walk(entry, depth + 1, false));
        return { ...item, items };
      }
      if (item.kind === 'dict') {
        const entries = new Map<string, PdfValue>();
        for (const [key, entry] of item.entries) entries.set(key, await walk(entry, depth + 1, depth === 0 && signatureDict && key === 'Contents'));
        return { ...item, entries };
      }
      return item;
    };
    return walk(value, 0, false);
  }

  private async decrypt(method: Method, num: number, gen: number, bytes: Uint8Array): Promise<Uint8Array> {
    switch (method) {
      case 'none':
        return bytes;
      case 'rc4':
        return rc4(this.objectKey(num, gen, false), bytes);
      case 'aes128':
        return aesCbcDecrypt(this.objectKey(num, gen, true), bytes);
      case 'aes256':
        return aesCbcDecrypt(this.key, bytes);
    }
  }

  /** Algorithm 1: the file key extended with the object number and generation (and "sAlT" for AES). */
  private objectKey(num: number, gen: number, aes: boolean): Uint8Array {
    const input = new Uint8Array(this.key.length + 5 + (aes ? 4 : 0));
    input.set(this.key);
    let at = this.key.length;
    input[at++] = num & 0xff;
    input[at++] = (num >>> 8) & 0xff;
    input[at++] = (num >>> 16) & 0xff;
    input[at++] = gen & 0xff;
    input[at++] = (gen >>> 8) & 0xff;
    if (aes) input.set([0x73, 0x41, 0x6c, 0x54], at);
    return md5(input).subarray(0, Math.min(this.key.length + 5, 16));
  }
}

/**
 * The file key, from the /Encrypt dictionary and the first /ID string: with the empty user
 * password first, then with each of `passwords` as the user password, then each as the owner
 * password (which opens the document as well: ISO 32000-2, Algorithms 7 and 12). The caller's
 * passwords come from the person who runs kyso, never from the document; which one opened it
 * is said by its position, never by its text. `encryptNum` is the /Encrypt dictionary's
 * object number when it is indirect. `work` bounds the AES-256 checks and remembers outcomes
 * by the dictionary's parameters, so that copies of one document inside a package are opened once.
 */
export async function openStandardSecurity(
  encrypt: PdfValue,
  firstId: Uint8Array | undefined,
  encryptNum: number | undefined,
  passwords: readonly string[] = [],
  work?: PasswordWork,
): Promise<CryptSetup> {
  const filter = nameOf(dictGet(encrypt, 'Filter'));
  if (filter !== 'Standard') return { kind: 'unsupported', detail: `security handler /${filter ?? '?'}` };
  const v = integerOf(dictGet(encrypt, 'V')) ?? 0;
  const r = integerOf(dictGet(encrypt, 'R')) ?? 0;
  const o = stringBytes(dictGet(encrypt, 'O'));
  const u = stringBytes(dictGet(encrypt, 'U'));
  const p = integerOf(dictGet(encrypt, 'P'));
  const encryptMetadata = dictGet(encrypt, 'EncryptMetadata')?.kind !== 'bool' || (dictGet(encrypt, 'EncryptMetadata') as { value: boolean }).value;
  if (!o || !u || p === undefined) return { kind: 'unsupported', detail: 'an /Encrypt dictionary without /O, /U or /P' };

  let strings: Method;
  let streams: Method;
  let keyBytes: number;
  if (v === 1 || v === 2) {
    strings = streams = 'rc4';
    keyBytes = v === 1 ? 5 : (integerOf(dictGet(encrypt, 'Length')) ?? 40) / 8;
  } else if (v === 4 || v === 5) {
    const filters = dictGet(encrypt, 'CF');
    const methodOf = (name: string | undefined): Method | undefined => {
      if (name === undefined || name === 'Identity') return 'none';
      const cfm = nameOf(dictGet(dictGet(filters, name), 'CFM'));
      return cfm === 'V2' ? 'rc4' : cfm === 'AESV2' ? 'aes128' : cfm === 'AESV3' ? 'aes256' : cfm === 'None' ? 'none' : undefined;
    };
    const s = methodOf(nameOf(dictGet(encrypt, 'StrF')));
    const t = methodOf(nameOf(dictGet(encrypt, 'StmF')));
    if (!s || !t) return { kind: 'unsupported', detail: 'a crypt filter other than V2, AESV2 or AESV3' };
    strings = s;
    streams = t;
    keyBytes = v === 5 ? 32 : 16;
  } else {
    return { kind: 'unsupported', detail: `encryption algorithm /V ${v}` };
  }
  if (!Number.isInteger(keyBytes) || keyBytes < 5 || keyBytes > 32) return { kind: 'unsupported', detail: `key length ${keyBytes * 8} bits` };

  const oe = stringBytes(dictGet(encrypt, 'OE'));
  const ue = stringBytes(dictGet(encrypt, 'UE'));
  // A digest, not the strings themselves: a hostile /O may be megabytes long, in each of thousands of entries.
  const parameters = fingerprint(`${v} ${r} ${p} ${keyBytes} ${encryptMetadata} ${strings} ${streams}`, o, u, oe, ue, firstId);
  let opened = work?.outcomes.get(parameters);
  if (opened === undefined) {
    if (r === 5 || r === 6) {
      if (u.length < 48 || !ue || ue.length < 32) return { kind: 'unsupported', detail: 'an AES-256 /Encrypt dictionary without a 48-byte /U or /UE' };
      try {
        opened = (await openAes256(r, o, u, ue, oe, passwords, work)) ?? null;
      } catch (error) {
        if (error instanceof PasswordWorkSpent) return { kind: 'password-limit' };
        throw error;
      }
    } else {
      if (r < 2 || r > 4) return { kind: 'unsupported', detail: `security handler revision ${r}` };
      if (!firstId) return { kind: 'unsupported', detail: 'an encrypted document without /ID' };
      opened = openRc4Md5({ r, o, u, p, firstId, keyBytes, encryptMetadata }, passwords) ?? null;
    }
    work?.outcomes.set(parameters, opened);
  }
  if (!opened) return { kind: 'password-required', tried: passwords.length };
  return { kind: 'ok', crypt: new PdfCrypt(opened.key, strings, streams, encryptMetadata, encryptNum), opened: opened.by };
}

/**
 * A password's bytes as revisions 2 to 4 may have taken it: PDFDocEncoding (ISO 32000-2,
 * 7.6.4.3.2), else UTF-8, as writers store what PDFDocEncoding lacks (Vietnamese letters);
 * each also of the composed form (a keyboard may give "ậ" as "a" and combining marks).
 */
function rc4Md5PasswordBytes(password: string): Uint8Array[] {
  const forms: Uint8Array[] = [];
  const encoder = new TextEncoder();
  const composed = password.normalize('NFC');
  for (const form of [encodePdfDocEncoding(password), encodePdfDocEncoding(composed), encoder.encode(password), encoder.encode(composed)]) {
    if (form && !forms.some((known) => equal(known, form))) forms.push(form);
  }
  return forms;
}

/** The first 32 bytes of a password, completed with the padding string (Algorithm 2, step a). */
function padded(password: Uint8Array): Uint8Array {
  const out = new Uint8Array(32);
  const length = Math.min(password.length, 32);
  out.set(password.subarray(0, length));
  out.set(PASSWORD_PADDING.subarray(0, 32 - length), length);
  return out;
}

interface Rc4Md5Handler {
  readonly r: number;
  readonly o: Uint8Array;
  readonly u: Uint8Array;
  readonly p: number;
  readonly firstId: Uint8Array;
  readonly keyBytes: number;
  readonly encryptMetadata: boolean;
}

/** Revisions 2 to 4: the empty user password, then each password as user, then as owner password. */
function openRc4Md5(handler: Rc4Md5Handler, passwords: readonly string[]): { readonly key: Uint8Array; readonly by: OpenedBy } | undefined {
  const { r, o, u, p, firstId, keyBytes, encryptMetadata } = handler;
  const n = r === 2 ? 5 : keyBytes;
  // Algorithm 2: the file key a (padded) user password gives.
  const fileKey = (userPassword: Uint8Array): Uint8Array => {
    const input = concat(userPassword, o.subarray(0, 32), Uint8Array.of(p & 0xff, (p >>> 8) & 0xff, (p >>> 16) & 0xff, (p >>> 24) & 0xff), firstId, r >= 4 && !encryptMetadata ? Uint8Array.of(0xff, 0xff, 0xff, 0xff) : new Uint8Array(0));
    let hash = md5(input);
    if (r >= 3) for (let i = 0; i < 50; i++) hash = md5(hash.subarray(0, n));
    return hash.slice(0, n);
  };
  // Algorithms 4 and 5: whether a file key reproduces /U.
  const opensU = (key: Uint8Array): boolean => {
    if (r === 2) return equal(rc4(key, PASSWORD_PADDING), u.subarray(0, 32));
    let x = rc4(key, md5(concat(PASSWORD_PADDING, firstId)));
    for (let i = 1; i <= 19; i++) x = rc4(key.map((byte) => byte ^ i), x);
    return equal(x, u.subarray(0, 16));
  };
  const asUser = (password: Uint8Array): Uint8Array | undefined => {
    const key = fileKey(padded(password));
    return opensU(key) ? key : undefined;
  };
  // Algorithm 7: the owner password decrypts /O into the padded user password.
  const asOwner = (password: Uint8Array): Uint8Array | undefined => {
    let hash = md5(padded(password));
    if (r >= 3) for (let i = 0; i < 50; i++) hash = md5(hash);
    const ownerKey = hash.subarray(0, n);
    let userPassword = o.subarray(0, 32);
    if (r === 2) userPassword = rc4(ownerKey, userPassword);
    else for (let i = 19; i >= 0; i--) userPassword = rc4(ownerKey.map((byte) => byte ^ i), userPassword);
    const key = fileKey(userPassword);
    return opensU(key) ? key : undefined;
  };
  const empty = asUser(new Uint8Array(0));
  if (empty) return { key: empty, by: { by: 'empty' } };
  const candidates = passwords.map(rc4Md5PasswordBytes);
  for (const [index, forms] of candidates.entries()) {
    for (const form of forms) {
      const key = asUser(form);
      if (key) return { key, by: { by: 'user', index } };
    }
  }
  for (const [index, forms] of candidates.entries()) {
    for (const form of forms) {
      const key = asOwner(form);
      if (key) return { key, by: { by: 'owner', index } };
    }
  }
  return undefined;
}

/**
 * A password as revisions 5 and 6 take it: UTF-8 after SASLprep (RFC 4013), at most 127 bytes.
 * SASLprep here is its mapping (non-ASCII spaces to a space, the characters mapped to nothing
 * removed) and NFKC; the text as given is tried too, for writers that skip the profile.
 */
function aes256PasswordBytes(password: string): Uint8Array[] {
  const prepared = password
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/gu, ' ')
    .replace(/[\u00ad\u034f\u1806\u180b-\u180d\u200b-\u200d\u2060\ufe00-\ufe0f\ufeff]/gu, '')
    .normalize('NFKC');
  const encoder = new TextEncoder();
  const forms = [encoder.encode(prepared).subarray(0, 127)];
  const raw = encoder.encode(password).subarray(0, 127);
  if (!equal(raw, forms[0]!)) forms.push(raw);
  return forms;
}

/** Revisions 5 and 6 (AES-256): Algorithms 11 and 12 check a password against /U or /O, then its hash opens /UE or /OE. */
async function openAes256(
  r: number,
  o: Uint8Array,
  u: Uint8Array,
  ue: Uint8Array,
  oe: Uint8Array | undefined,
  passwords: readonly string[],
  work: PasswordWork | undefined,
): Promise<{ readonly key: Uint8Array; readonly by: OpenedBy } | undefined> {
  const hash = (password: Uint8Array, salt: Uint8Array, userKey: Uint8Array): Promise<Uint8Array> => {
    if (work) {
      if (work.hashes <= 0) throw new PasswordWorkSpent();
      work.hashes--;
    }
    return r === 6 ? hash2B(password, salt, userKey) : Promise.resolve(sha256(concat(password, salt, userKey)));
  };
  const empty = new Uint8Array(0);
  const userKeyOf = async (password: Uint8Array): Promise<Uint8Array | undefined> => {
    if (!equal(await hash(password, u.subarray(32, 40), empty), u.subarray(0, 32))) return undefined;
    return aesCbcDecryptNoPadding(await hash(password, u.subarray(40, 48), empty), new Uint8Array(16), ue.subarray(0, 32));
  };
  const ownerKeyOf = async (password: Uint8Array): Promise<Uint8Array | undefined> => {
    if (o.length < 48 || !oe || oe.length < 32) return undefined;
    const userData = u.subarray(0, 48);
    if (!equal(await hash(password, o.subarray(32, 40), userData), o.subarray(0, 32))) return undefined;
    return aesCbcDecryptNoPadding(await hash(password, o.subarray(40, 48), userData), new Uint8Array(16), oe.subarray(0, 32));
  };
  const emptyKey = await userKeyOf(empty);
  if (emptyKey) return { key: emptyKey, by: { by: 'empty' } };
  const candidates = passwords.map(aes256PasswordBytes);
  for (const [index, forms] of candidates.entries()) {
    for (const form of forms) {
      const key = await userKeyOf(form);
      if (key) return { key, by: { by: 'user', index } };
    }
  }
  for (const [index, forms] of candidates.entries()) {
    for (const form of forms) {
      const key = await ownerKeyOf(form);
      if (key) return { key, by: { by: 'owner', index } };
    }
  }
  return undefined;
}

/** Thrown when a document's AES-256 password checks ran out (ParseLimits.maxPasswordHashes). */
class PasswordWorkSpent extends Error {
  constructor() {
    super('password checks spent');
  }
}

/** SHA-256 of the text and of each string with its length (absent: -1), in hex. */
function fingerprint(text: string, ...strings: readonly (Uint8Array | undefined)[]): string {
  const parts: Uint8Array[] = [new TextEncoder().encode(text)];
  for (const bytes of strings) {
    const length = bytes === undefined ? -1 : bytes.length;
    parts.push(Uint8Array.of(length >>> 24, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff), bytes ?? new Uint8Array(0));
  }
  return toHex(sha256(concat(...parts)));
}

/** Algorithm 2.B (R6): SHA-256/384/512 rounds over AES-128-CBC encryptions, at least 64 of them. */
async function hash2B(password: Uint8Array, salt: Uint8Array, userKey: Uint8Array): Promise<Uint8Array> {
  let k: Uint8Array = sha256(concat(password, salt, userKey));
  for (let round = 0; ; round++) {
    const block = concat(password, k, userKey);
    const k1 = new Uint8Array(block.length * 64);
    for (let i = 0; i < 64; i++) k1.set(block, i * block.length);
    const e = await aesCbcEncryptNoPadding(k.subarray(0, 16), k.subarray(16, 32), k1);
    let sum = 0;
    for (let i = 0; i < 16; i++) sum += e[i]!;
    const choice = sum % 3;
    k = choice === 0 ? sha256(e) : choice === 1 ? sha384(e) : sha512(e);
    // The last byte of E decides when to stop, after 64 rounds at least (bounded: it is at most 255).
    if (round >= 63 && e[e.length - 1]! <= round + 1 - 32) break;
  }
  return k.subarray(0, 32);
}

function rc4(key: Uint8Array, data: Uint8Array): Uint8Array {
  const s = new Uint8Array(256);
  for (let i = 0; i < 256; i++) s[i] = i;
  for (let i = 0, j = 0; i < 256; i++) {
    j = (j + s[i]! + key[i % key.length]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
  }
  const out = new Uint8Array(data.length);
  for (let k = 0, i = 0, j = 0; k < data.length; k++) {
    i = (i + 1) & 0xff;
    j = (j + s[i]!) & 0xff;
    [s[i], s[j]] = [s[j]!, s[i]!];
    out[k] = data[k]! ^ s[(s[i]! + s[j]!) & 0xff]!;
  }
  return out;
}

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

function buffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}

/** AES-CBC with the IV in the first 16 bytes and PKCS#5 padding (AESV2, AESV3 strings and streams). */
async function aesCbcDecrypt(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  if (data.length === 16) return new Uint8Array(0);
  if (data.length < 32 || data.length % 16 !== 0) throw new Error('AES data is not whole blocks after its IV');
  const cryptoKey = await subtle().importKey('raw', buffer(key), 'AES-CBC', false, ['decrypt']);
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: buffer(data.subarray(0, 16)) }, cryptoKey, buffer(data.subarray(16))));
}

/** AES-CBC encryption of whole blocks, without the padding block WebCrypto appends. */
async function aesCbcEncryptNoPadding(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const cryptoKey = await subtle().importKey('raw', buffer(key), 'AES-CBC', false, ['encrypt']);
  const out = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv: buffer(iv) }, cryptoKey, buffer(data)));
  return out.subarray(0, data.length);
}

/**
 * AES-CBC decryption of whole blocks without padding (the /UE key): WebCrypto insists on PKCS#7,
 * so a block that decrypts to a full padding block is appended first.
 */
async function aesCbcDecryptNoPadding(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const last = data.subarray(data.length - 16);
  const padding = await aesCbcEncryptNoPadding(key, last, new Uint8Array(16).fill(16));
  const cryptoKey = await subtle().importKey('raw', buffer(key), 'AES-CBC', false, ['decrypt']);
  return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv: buffer(iv) }, cryptoKey, buffer(concat(data, padding))));
}

function stringBytes(value: PdfValue | undefined): Uint8Array | undefined {
  return value?.kind === 'string' ? value.bytes : undefined;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
