/**
 * Entry points of the CMS integrity layer. Each returns one IntegrityResult per
 * SignerInfo; a CMS that cannot be read yields a single result with
 * `wellFormed: false` and the reason, never an exception.
 */
import { isUniversal, oid as readOid, parseDer, sequence, time, UNIVERSAL } from '../asn1/der.js';
import type { ByteSource } from '../io/byte-source.js';
import type { ByteRange, DigestAlgorithm, HashFactory } from '../io/hash.js';
import { bytesEqual, hashBytes, hashRanges } from '../io/hash.js';
import { defaultHashFactory } from '../pki/crypto-engine.js';
import type { RevocationData } from '../pki/types.js';
import type { Message } from '../report/messages.js';
import { CMS_MESSAGES } from './messages.js';
import { DIGEST_BY_OID, digestAlgorithmLabel, OID } from './oids.js';
import { decodeSentCertificate } from '../pki/certificate.js';
import type { CmsSignedData, EmbeddedCertificate } from './signed-data.js';
import { parseSignedData } from './signed-data.js';
import { verifySignerInfo } from './signer-info.js';
import type { IntegrityResult, TimestampIntegrity } from './types.js';
import { unreadableIntegrity } from './types.js';

export interface CmsOptions {
  readonly hashFactory?: HashFactory;
  /** Largest CMS accepted (default 16 MiB). */
  readonly maxCmsBytes?: number;
  /** Largest content read whole, for SignerInfos without signed attributes (default 512 MiB). */
  readonly maxContentBytes?: number;
  /**
   * Certificates from outside a timestamp token (the trust store's, say) where its TSA's
   * certificate may be found when the token carries none (RFC 3161 §2.4.1: certReq false).
   * Candidates only: the signer must still match the token's signer identifier and signed
   * ESS certificate hash and verify its signature, and trust comes from path validation alone.
   */
  readonly timestampCertificates?: readonly (readonly Uint8Array[])[];
}

const DEFAULT_MAX_CMS = 16 * 1024 * 1024;
const DEFAULT_MAX_CONTENT = 512 * 1024 * 1024;

/** Content the signature covers: ranges of a byte source (a detached file, PDF /ByteRange). */
export interface RangedContent {
  readonly source: ByteSource;
  readonly ranges: readonly ByteRange[];
}

function unreadable(message: Message): IntegrityResult {
  return unreadableIntegrity([message]);
}


/** The bytes of the ranges, or undefined when they exceed `limit`. */
async function readRanges(content: RangedContent, limit: number): Promise<Uint8Array | undefined> {
  const total = content.ranges.reduce((n, r) => n + r.length, 0);
  if (total > limit) return undefined;
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const range of content.ranges) {
    const chunk = await content.source.read(range.offset, range.length);
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined.subarray(0, offset);
}

type ContentAccess =
  | { readonly kind: 'ranges'; readonly content: RangedContent }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array }
  | { readonly kind: 'none' };

async function verifyParsed(
  cms: Uint8Array,
  access: (encapsulated: Uint8Array | undefined) => ContentAccess,
  options: CmsOptions,
  withTimestamps: boolean,
  /** Signer candidates beyond the SignedData's own certificates (a timestamp token's, see timestampSigner). */
  outside: readonly EmbeddedCertificate[] = [],
): Promise<{ results: IntegrityResult[]; signedData?: CmsSignedData }> {
  const hashFactory = options.hashFactory ?? defaultHashFactory();
  const parsed = parseSignedData(cms, options.maxCmsBytes ?? DEFAULT_MAX_CMS);
  if (!parsed.ok) return { results: [unreadable(parsed.message)] };
  const { signedData } = parsed;
  const contentAccess = access(signedData.eContent);
  const maxContent = options.maxContentBytes ?? DEFAULT_MAX_CONTENT;
  // RFC 5652 §5.2: content given from outside is used only when the CMS carries none. A CMS
  // that carries content AND is checked against other bytes would pass while showing the
  // carried content: only identical bytes are accepted.
  if (signedData.eContent && contentAccess.kind !== 'none' && !(contentAccess.kind === 'bytes' && contentAccess.bytes === signedData.eContent)) {
    const external = contentAccess.kind === 'bytes' ? contentAccess.bytes : await readRanges(contentAccess.content, Math.min(maxContent, signedData.eContent.length + 1));
    if (!external || !bytesEqual(external, signedData.eContent)) return { results: [unreadable(CMS_MESSAGES.CMS_CONTENT_CONFLICT())], signedData };
  }
  const digests = new Map<DigestAlgorithm, Promise<Uint8Array | undefined>>();
  const digestOf = (algorithm: DigestAlgorithm): Promise<Uint8Array | undefined> => {
    let digest = digests.get(algorithm);
    if (!digest) {
      digest =
        contentAccess.kind === 'ranges'
          ? hashRanges(contentAccess.content.source, contentAccess.content.ranges, algorithm, hashFactory)
          : contentAccess.kind === 'bytes'
            ? hashBytes(contentAccess.bytes, algorithm, hashFactory)
            : Promise.resolve(undefined);
      digests.set(algorithm, digest);
    }
    return digest;
  };
  const content = async (): Promise<Uint8Array | undefined> => {
    if (contentAccess.kind === 'bytes') return contentAccess.bytes;
    if (contentAccess.kind === 'none') return undefined;
    return readRanges(contentAccess.content, maxContent);
  };
  const certificates = outside.length > 0 ? [...signedData.certificates, ...outside] : signedData.certificates;
  const revocation: RevocationData = { crls: signedData.crls, ocspResponses: signedData.ocspResponses };
  const results: IntegrityResult[] = [];
  for (const signerInfo of signedData.signerInfos) {
    try {
      results.push(
        await verifySignerInfo(signerInfo, {
          signedData,
          certificates,
          digestOf,
          content,
          revocation,
          hashFactory,
          // Always present (undefined inside a timestamp token): one shape of context for verifySignerInfo.
          verifyTimestamp: withTimestamps ? (token: Uint8Array, value: Uint8Array) => verifyToken(token, value, 'signature', options, signedData.certificates) : undefined,
        }),
      );
    } catch (error) {
      results.push(unreadable(CMS_MESSAGES.CMS_NOT_DER({ detail: error instanceof Error ? error.message : String(error) })));
    }
  }
  return { results, signedData };
}

/** A detached CMS over byte ranges of a source (a .p7s and its file; a PDF signature). */
export async function verifyDetachedCms(cms: Uint8Array, content: RangedContent, options: CmsOptions = {}): Promise<IntegrityResult[]> {
  return (await verifyParsed(cms, () => ({ kind: 'ranges', content }), options, true)).results;
}

/**
 * A CMS whose content is given as bytes, or, when `content` is undefined, carried
 * inside the CMS (an attached signature). With neither, integrity is `unknown`.
 */
export async function verifyCmsWithContent(
  cms: Uint8Array,
  content: Uint8Array | undefined,
  options: CmsOptions = {},
): Promise<IntegrityResult[]> {
  return (
    await verifyParsed(
      cms,
      (encapsulated) => {
        const bytes = content ?? encapsulated;
        return bytes ? { kind: 'bytes', bytes } : { kind: 'none' };
      },
      options,
      true,
    )
  ).results;
}

/**
 * A CMS that signs its own encapsulated content, where that content must equal
 * `expected` (PDF adbe.pkcs7.sha1: the content is the SHA-1 of the signed ranges). The
 * signature is checked over the encapsulated bytes; a difference from `expected` means the
 * document changed, so `intact` fails.
 */
export async function verifyEncapsulatedDigestCms(cms: Uint8Array, expected: Uint8Array, options: CmsOptions = {}): Promise<IntegrityResult[]> {
  let carried: Uint8Array | undefined;
  const { results } = await verifyParsed(
    cms,
    (encapsulated) => {
      carried = encapsulated;
      return encapsulated ? { kind: 'bytes', bytes: encapsulated } : { kind: 'none' };
    },
    options,
    true,
  );
  if (!carried || bytesEqual(carried, expected)) return results;
  return results.map((result) => (result.wellFormed ? { ...result, intact: 'failed' as const, messages: [...result.messages, CMS_MESSAGES.CMS_DIGEST_MISMATCH()] } : result));
}

/** The TSTInfo fields kyso uses (RFC 3161 §2.4.2): the message imprint and genTime. */
function readTstInfo(der: Uint8Array): { imprintAlgorithm: string; imprint: Uint8Array; genTime: Date } | undefined {
  try {
    const [version, policy, messageImprint, serial, genTime] = sequence(parseDer(der), 'TSTInfo');
    if (!isUniversal(version, UNIVERSAL.INTEGER) || !isUniversal(serial, UNIVERSAL.INTEGER)) return undefined;
    readOid(policy);
    const [algorithm, hashed] = sequence(messageImprint, 'messageImprint');
    const [algorithmId] = sequence(algorithm, 'hashAlgorithm');
    if (!isUniversal(hashed, UNIVERSAL.OCTET_STRING) || !isUniversal(genTime, UNIVERSAL.GeneralizedTime)) return undefined;
    return { imprintAlgorithm: readOid(algorithmId), imprint: hashed.content, genTime: time(genTime, { fractions: true }) };
  } catch {
    return undefined;
  }
}

/**
 * An RFC 3161 timestamp token (a SignedData over a TSTInfo), checked as a signature
 * in its own right, and its messageImprint compared with the hash of `covered`.
 */
export async function verifyTimestampToken(
  token: Uint8Array,
  covered: Uint8Array | RangedContent,
  kind: TimestampIntegrity['kind'],
  options: CmsOptions = {},
): Promise<TimestampIntegrity> {
  return verifyToken(token, covered, kind, options, []);
}

/** Decoded certificates by their DER array: a trust store's stay the same arrays from document to document. */
const decodedPool = new WeakMap<Uint8Array, EmbeddedCertificate | null>();

function decodedCertificate(der: Uint8Array): EmbeddedCertificate | undefined {
  let known = decodedPool.get(der);
  if (known === undefined) {
    try {
      known = { der, certificate: decodeSentCertificate(der) };
    } catch {
      known = null;
    }
    decodedPool.set(der, known);
  }
  return known ?? undefined;
}

/**
 * A token's SignerInfo checked with its own certificates; when none of them is its signer,
 * again with the certificates around it: those of the SignedData whose signature it stamps
 * (`enclosing`), then `options.timestampCertificates`. RFC 3161 §2.4.1 leaves the TSA's
 * certificate out of a token requested with certReq false; it then travels beside the token
 * or is known to the verifier. Nothing found there is trusted for being there: the signer
 * still has to match the identifier and ESS hash, verify the signature, and chain to an
 * anchor with id-kp-timeStamping (validation/timestamp.ts).
 */
async function timestampSigner(
  token: Uint8Array,
  options: CmsOptions,
  enclosing: readonly EmbeddedCertificate[],
): Promise<{ results: IntegrityResult[]; signedData?: CmsSignedData }> {
  const access = (encapsulated: Uint8Array | undefined): ContentAccess => (encapsulated ? { kind: 'bytes', bytes: encapsulated } : { kind: 'none' });
  const alone = await verifyParsed(token, access, options, false);
  const first = alone.results[0];
  if (!alone.signedData || alone.results.length !== 1 || first?.signerIdentification !== 'not-found') return alone;
  const outside: EmbeddedCertificate[] = [...enclosing];
  const known = new Set<Uint8Array>();
  for (const list of options.timestampCertificates ?? []) {
    for (const der of list) {
      const decoded = decodedCertificate(der);
      if (decoded) outside.push(decoded);
      known.add(der);
    }
  }
  if (outside.length === 0) return alone;
  const found = await verifyParsed(token, access, options, false, outside);
  // The verifier's own certificates are offered to path building anyway; the token reports
  // as carried only what travelled with it, and its signer.
  const results = found.results.map((result) => {
    const carried = result.certificates.filter((der) => !known.has(der) || der === result.signerCertificate);
    return carried.length === result.certificates.length ? result : { ...result, certificates: carried };
  });
  return { ...found, results };
}

async function verifyToken(
  token: Uint8Array,
  covered: Uint8Array | RangedContent,
  kind: TimestampIntegrity['kind'],
  options: CmsOptions,
  enclosing: readonly EmbeddedCertificate[],
): Promise<TimestampIntegrity> {
  const hashFactory = options.hashFactory ?? defaultHashFactory();
  const { results, signedData } = await timestampSigner(token, options, enclosing);
  const messages: Message[] = [];
  const first = results[0]!;
  if (!signedData) return { kind, imprintMatches: 'unknown', token: first, messages: [...first.messages] };
  const tokenResult: IntegrityResult =
    results.length === 1 ? first : { ...first, wellFormed: false, messages: [...first.messages, CMS_MESSAGES.CMS_TOO_MANY_SIGNERS({ count: results.length, limit: 1 })] };
  const eContent = signedData.eContent;
  if (signedData.eContentType !== OID.tstInfo || !eContent) {
    messages.push(CMS_MESSAGES.TSP_NOT_TSTINFO());
    return { kind, imprintMatches: 'unknown', token: { ...tokenResult, wellFormed: false }, messages };
  }
  const tstInfo = readTstInfo(eContent);
  if (!tstInfo) {
    messages.push(CMS_MESSAGES.TSP_NOT_TSTINFO());
    return { kind, imprintMatches: 'unknown', token: { ...tokenResult, wellFormed: false }, messages };
  }
  if (tokenResult.certificateBinding === 'none') messages.push(CMS_MESSAGES.TSP_NO_SIGNING_CERTIFICATE_ATTRIBUTE());
  const imprintAlgorithm = DIGEST_BY_OID[tstInfo.imprintAlgorithm];
  let imprintMatches: TimestampIntegrity['imprintMatches'] = 'unknown';
  if (!imprintAlgorithm) {
    messages.push(CMS_MESSAGES.CMS_UNSUPPORTED_DIGEST({ algorithm: digestAlgorithmLabel(tstInfo.imprintAlgorithm), oid: tstInfo.imprintAlgorithm }));
  } else {
    const actual =
      covered instanceof Uint8Array
        ? await hashBytes(covered, imprintAlgorithm, hashFactory)
        : await hashRanges(covered.source, covered.ranges, imprintAlgorithm, hashFactory);
    imprintMatches = bytesEqual(actual, tstInfo.imprint) ? 'passed' : 'failed';
    if (imprintMatches === 'failed') messages.push(CMS_MESSAGES.TSP_IMPRINT_MISMATCH());
  }
  return { kind, genTime: tstInfo.genTime, imprintMatches, imprintAlgorithm: imprintAlgorithm ?? 'unsupported', token: tokenResult, messages };
}
