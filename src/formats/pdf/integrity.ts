/**
 * The signature maths for each PDF SubFilter, through the CMS layer:
 * - adbe.pkcs7.detached, ETSI.CAdES.detached: a detached CMS over the /ByteRange;
 * - adbe.pkcs7.sha1: a CMS whose encapsulated content is the SHA-1 digest of the
 *   /ByteRange; we compute that digest and verify the CMS against it as content;
 * - ETSI.RFC3161: a document timestamp, an RFC 3161 token over the /ByteRange;
 * - adbe.x509.rsa_sha1 with its PKCS#1 /Contents is not verified: unknown, with the reason
 *   (UNVERIFIED_SUBFILTERS); under that name a /Contents that is a CMS is checked as one.
 * Any other SubFilter that carries a CMS is verified as adbe.pkcs7.detached with a
 * warning (EU DSS does the same); one that carries no CMS is reported as a broken
 * signature, never dropped. A /Contents
 * that holds no CMS (a placeholder) is a broken signature, never "unsigned".
 */
import { verifyCmsWithContent, verifyDetachedCms, verifyEncapsulatedDigestCms, verifyTimestampToken } from '../../cms/verify.js';
import type { IntegrityResult, TimestampIntegrity } from '../../cms/types.js';
import { computedImprintAlgorithm, imprintIntegrity, unreadableIntegrity as unreadableCmsIntegrity } from '../../cms/types.js';
import type { ByteSource } from '../../io/byte-source.js';
import type { ByteRange } from '../../io/hash.js';
import { bytesEqual, hashRanges } from '../../io/hash.js';
import type { Message } from '../../report/messages.js';
import type { SignatureReport } from '../../report/types.js';
import type { ParseContext } from '../types.js';
import { PDF_MESSAGES } from './messages.js';
import type { FoundSignature, SignatureNames } from './signatures.js';

export const SUPPORTED_SUBFILTERS = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached', 'adbe.pkcs7.sha1', 'ETSI.RFC3161'] as const;
export type SubFilter = (typeof SUPPORTED_SUBFILTERS)[number];

/**
 * Standard SubFilters kyso does not verify. ISO 32000-1 §12.8.3.2's adbe.x509.rsa_sha1 is a bare
 * PKCS#1 RSA-SHA1 value with the signer's certificates in /Cert, no CMS (deprecated by
 * ISO 32000-2, still written by iText 2.1.7's SELF_SIGNED and the plugins built on it): a
 * genuine one cannot be told from a forged one here, so it is unknown (INDETERMINATE with the
 * reason), never broken and never passed.
 */
export const UNVERIFIED_SUBFILTERS = ['adbe.x509.rsa_sha1'] as const;

export function isDocumentTimestamp(names: SignatureNames): boolean {
  return names.subFilter === 'ETSI.RFC3161' || names.type === 'DocTimeStamp';
}

export function reportFormatOf(subFilter: string | undefined): SignatureReport['format'] {
  if (subFilter === 'ETSI.CAdES.detached') return 'pades';
  if (subFilter === 'ETSI.RFC3161') return 'document-timestamp';
  return 'pdf-pkcs7';
}

export interface IntegrityOutcome {
  readonly integrity: IntegrityResult;
  /** For a document timestamp: the token checked against the bytes it covers. */
  readonly timestamp?: TimestampIntegrity;
  readonly formatFailure: boolean;
  readonly messages: readonly Message[];
}

export function unreadableIntegrity(message: Message): IntegrityResult {
  return unreadableCmsIntegrity([message]);
}

export async function checkIntegrity(
  signature: FoundSignature,
  /** The dictionary's /SubFilter, resolved (signatures.ts signatureNamesOf). */
  subFilter: string | undefined,
  ranges: readonly ByteRange[] | undefined,
  source: ByteSource,
  ctx: ParseContext,
  /** The document's DSS /Certs: where a timestamp token that carries no certificate may find its TSA's. */
  dssCertificates: readonly Uint8Array[] = [],
): Promise<IntegrityOutcome> {
  const field = signature.fieldName;
  const broken = (message: Message): IntegrityOutcome => ({ integrity: unreadableIntegrity(message), formatFailure: true, messages: [message] });
  if (signature.unreadable) return broken(signature.unreadable);
  const contents = signature.dict.entries.get('Contents');
  const known = subFilter !== undefined && (SUPPORTED_SUBFILTERS as readonly string[]).includes(subFilter);
  // An unknown SubFilter (PBAD.PAdES, a vendor's) that carries a CMS is verified as a detached
  // CMS, as EU DSS does, with a warning; one that carries anything else stays broken.
  const looksLikeCms = contents?.kind === 'string' && contents.bytes[0] === 0x30;
  // Only in its own form (ISO 32000-1 §12.8.3.2: /Contents a DER OCTET STRING holding the PKCS#1
  // value, the certificates in /Cert) is such a SubFilter unverified. A CMS under that name (a
  // signature dictionary renamed to dodge verification) is checked as above, anything else is broken.
  const pkcs1Value = contents?.kind === 'string' && contents.bytes[0] === 0x04 && berLength(contents.bytes) !== undefined;
  if (subFilter !== undefined && (UNVERIFIED_SUBFILTERS as readonly string[]).includes(subFilter) && pkcs1Value && signature.dict.entries.has('Cert')) {
    const message = PDF_MESSAGES.PDF_SUBFILTER_NOT_VERIFIED({ field, subFilter });
    return { integrity: { ...unreadableIntegrity(message), wellFormed: true, unknownReason: 'unsupported-algorithm' }, formatFailure: false, messages: [message] };
  }
  if (!known && (!subFilter || !looksLikeCms)) {
    return broken(PDF_MESSAGES.PDF_UNKNOWN_SUBFILTER({ field, subFilter: subFilter ?? '(none)' }));
  }
  if (contents?.kind !== 'string') return broken(PDF_MESSAGES.PDF_CONTENTS_MISSING({ field }));
  let cms = contents.bytes;
  if (cms.length > ctx.limits.maxCmsBytes) {
    return broken(PDF_MESSAGES.PDF_CMS_TOO_LARGE({ field, size: cms.length, limit: ctx.limits.maxCmsBytes }));
  }
  if (cms.length === 0 || cms[0] !== 0x30) return broken(PDF_MESSAGES.PDF_CONTENTS_NOT_CMS({ field }));
  // RFC 3161 §2.4.1: a token requested with certReq false carries no certificate. Its TSA's is
  // looked for, as a candidate only, in the SignedData it stamps (cms/verify.ts), the DSS, then
  // the verifier's own certificates; trust still needs a path to an anchor with id-kp-timeStamping.
  const timestampCertificates = [dssCertificates, ...(ctx.timestampCertificates ?? [])];
  const options = { hashFactory: ctx.hashFactory, maxCmsBytes: ctx.limits.maxCmsBytes, timestampCertificates };
  const messages: Message[] = [];
  if (!known) messages.push(PDF_MESSAGES.PDF_UNKNOWN_SUBFILTER_CMS({ field, subFilter: subFilter! }));
  // /Contents is a fixed-size hole: the CMS is followed by padding, usually zeros. Bytes after
  // the CMS lie outside every signed range and outside the CMS (Acrobat, DSS, pdfsig and openssl
  // ignore them): the CMS is read on its own, and padding other than zeros is reported.
  const cmsLength = berLength(cms);
  if (cmsLength !== undefined && cmsLength < cms.length) {
    if (cms.subarray(cmsLength).some((byte) => byte !== 0)) messages.push(PDF_MESSAGES.PDF_CONTENTS_TRAILING_DATA({ field, bytes: cms.length - cmsLength }));
    cms = cms.subarray(0, cmsLength);
  }

  if (subFilter === 'ETSI.RFC3161') {
    if (!ranges) {
      const [result] = await verifyCmsWithContent(cms, undefined, options);
      return finish(result, undefined);
    }
    const timestamp = await verifyTimestampToken(cms, { source, ranges }, 'document', options);
    // The document's integrity is the imprint: the token's own digest only proves the TSTInfo.
    const bindingDigestAlgorithm = computedImprintAlgorithm(timestamp);
    const integrity: IntegrityResult = {
      ...timestamp.token,
      ...imprintIntegrity(timestamp),
      ...(bindingDigestAlgorithm ? { bindingDigestAlgorithm } : {}),
      messages: [...timestamp.token.messages, ...timestamp.messages],
    };
    return finish(integrity, timestamp);
  }

  let results: IntegrityResult[];
  if (!ranges) {
    results = await verifyCmsWithContent(cms, undefined, options);
  } else if (subFilter === 'adbe.pkcs7.sha1') {
    const digest = await hashRanges(source, ranges, 'SHA-1', ctx.hashFactory);
    results = (await verifyEncapsulatedDigestCms(cms, digest, options)).map((result) => ({ ...result, bindingDigestAlgorithm: 'SHA-1' as const }));
  } else {
    results = await verifyDetachedCms(cms, { source, ranges }, options);
  }
  const [first] = results;
  if (results.length > 1) {
    if (!copiesOfOneSignature(results)) {
      messages.push(PDF_MESSAGES.PDF_MULTIPLE_SIGNER_INFOS({ field, count: results.length }));
      return { integrity: { ...first!, wellFormed: false }, formatFailure: true, messages };
    }
    messages.push(PDF_MESSAGES.PDF_REPEATED_SIGNER_INFOS({ field, count: results.length }));
  }
  return finish(first, undefined);

  function finish(result: IntegrityResult | undefined, timestamp: TimestampIntegrity | undefined): IntegrityOutcome {
    if (!result || !result.wellFormed) {
      // Under an unknown SubFilter, something that is no CMS is what that SubFilter means: unsupported.
      const message = known ? PDF_MESSAGES.PDF_CONTENTS_NOT_CMS({ field }) : PDF_MESSAGES.PDF_UNKNOWN_SUBFILTER({ field, subFilter: subFilter! });
      return {
        integrity: result ?? unreadableIntegrity(message),
        ...(timestamp ? { timestamp } : {}),
        formatFailure: true,
        messages: [...messages.filter((m) => m.code !== 'PDF_UNKNOWN_SUBFILTER_CMS'), message],
      };
    }
    return { integrity: result, ...(timestamp ? { timestamp } : {}), formatFailure: false, messages };
  }
}

/**
 * Whether several SignerInfos are one signer's copies of one signature: each names the same
 * certificate and each holds over the signed bytes (PoDoFo 0.9.8's podofosign adds its signer
 * twice, once with OpenSSL's default digest). A PDF signature is one signer's (ISO 32000-1
 * §12.8.3.3.1); EU DSS and pdfsig judge the first SignerInfo and ignore the rest. Copies add
 * nothing to judge, so the first is judged, as they do; but a second signer, or any SignerInfo
 * that does not hold, leaves the signature unclear, and it stays broken.
 */
function copiesOfOneSignature(results: readonly IntegrityResult[]): boolean {
  const certificate = results[0]?.signerCertificate;
  if (!certificate) return false;
  return results.every(
    (result) =>
      result.wellFormed &&
      result.intact === 'passed' &&
      result.valid === 'passed' &&
      result.signerIdentification === 'found' &&
      result.signerCertificate !== undefined &&
      bytesEqual(result.signerCertificate, certificate),
  );
}

/** Nesting and element bounds of the /Contents length walk (a CMS is a few levels deep). */
const MAX_BER_DEPTH = 64;
const MAX_BER_ELEMENTS = 100_000;

/**
 * The length of the outer BER/DER element at the start of `bytes` (definite or indefinite
 * length), or undefined when it cannot be told (malformed, or past the bounds): then the
 * CMS layer judges the whole string as before.
 */
export function berLength(bytes: Uint8Array): number | undefined {
  let elements = 0;
  // Returns the offset just past the element starting at `at`.
  const element = (at: number, depth: number): number | undefined => {
    if (depth > MAX_BER_DEPTH || ++elements > MAX_BER_ELEMENTS || at + 2 > bytes.length) return undefined;
    let pos = at + 1;
    if ((bytes[at]! & 0x1f) === 0x1f) {
      while (pos < bytes.length && (bytes[pos]! & 0x80) !== 0) pos++;
      pos++;
    }
    if (pos >= bytes.length) return undefined;
    const first = bytes[pos++]!;
    if (first === 0x80) {
      if ((bytes[at]! & 0x20) === 0) return undefined;
      // Indefinite length: children up to the end-of-contents octets.
      for (;;) {
        if (pos + 2 > bytes.length) return undefined;
        if (bytes[pos] === 0 && bytes[pos + 1] === 0) return pos + 2;
        const next = element(pos, depth + 1);
        if (next === undefined) return undefined;
        pos = next;
      }
    }
    let length = first;
    if (first & 0x80) {
      const count = first & 0x7f;
      if (count === 0 || count > 6 || pos + count > bytes.length) return undefined;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[pos++]!;
    }
    const end = pos + length;
    return end <= bytes.length ? end : undefined;
  };
  return element(0, 0);
}
