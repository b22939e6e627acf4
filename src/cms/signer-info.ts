/**
 * Verifies one SignerInfo of a SignedData (RFC 5652 §5.4–5.6): the signer's
 * certificate, the signed attributes (contentType, messageDigest, signingTime, ESS
 * signingCertificate v1/v2, Adobe's revocation archive), the signature value, and
 * the RFC 3161 signature timestamps among the unsigned attributes.
 *
 * Not checked here: anything about trust (path, revocation, algorithm policy).
 */
import type { DigestAlgorithm, HashFactory } from '../io/hash.js';
import { bytesEqual, hashBytes, hashBytesNow, toHex } from '../io/hash.js';
import type { RevocationData } from '../pki/types.js';
import type { Message } from '../report/messages.js';
import type { Check } from '../report/types.js';
import { CMS_MESSAGES } from './messages.js';
import { isoTime } from '../report/iso-time.js';
import { DIGEST_BY_OID, digestAlgorithmLabel, OID } from './oids.js';
import type { Tlv } from '../asn1/der.js';
import { isContext, isUniversal, oid as readOid, serialNumberValue, time, UNIVERSAL } from '../asn1/der.js';
import { berChildren, berOctets } from '../asn1/ber.js';
import { decodeNameDer, namesEqual } from '../pki/names.js';
import { derDefectMessage } from '../pki/messages.js';
import type { CmsAttribute, CmsSignedData, CmsSignerInfo, EmbeddedCertificate, SignerIdentifier, UnreadableCertificate } from './signed-data.js';
import { parseSignerInfo } from './signed-data.js';
import type { SignatureCheck } from './signature-value.js';
import { checkSignatureValue } from './signature-value.js';
import type { CertificateBinding, IntegrityResult, SignerIdentification, TimestampIntegrity } from './types.js';

export interface SignerContext {
  readonly signedData: CmsSignedData;
  readonly certificates: readonly EmbeddedCertificate[];
  /** Digest of the signed content with the given algorithm; undefined when there is no content. */
  digestOf(algorithm: DigestAlgorithm): Promise<Uint8Array | undefined>;
  /** The signed content itself, needed only when there are no signed attributes. */
  content(): Promise<Uint8Array | undefined>;
  readonly revocation: RevocationData;
  readonly hashFactory: HashFactory;
  /** Verifies an RFC 3161 token over the signature value; absent inside a timestamp token (no recursion). */
  readonly verifyTimestamp?: (token: Uint8Array, signatureValue: Uint8Array) => Promise<TimestampIntegrity>;
  /** Nesting of the SignerInfo being verified: 0 for the SignedData's own, 1 for a counter-signature of it, ... */
  readonly counterSignatureDepth?: number;
}

/**
 * The values of every attribute of type `oid`. Loops that push, not filter/map: V8's
 * optimised `map` hands back arrays of another elements kind than the unoptimised one, and
 * code that had only seen the one was thrown away when the other arrived (a recompile of
 * verifySignerInfo per folder run).
 */
function attributeValues(attributes: readonly CmsAttribute[] | undefined, oid: string): (readonly Tlv[])[] {
  const out: (readonly Tlv[])[] = [];
  if (attributes === undefined) return out;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i]!;
    if (attribute.type === oid) out.push(attribute.values);
  }
  return out;
}

/** Every value of every attribute of type `oid`, in order (attributeValues, flattened). */
function allAttributeValues(attributes: readonly CmsAttribute[] | undefined, oid: string): Tlv[] {
  const out: Tlv[] = [];
  if (attributes === undefined) return out;
  for (let i = 0; i < attributes.length; i++) {
    const attribute = attributes[i]!;
    if (attribute.type !== oid) continue;
    for (let j = 0; j < attribute.values.length; j++) out.push(attribute.values[j]!);
  }
  return out;
}

function readTime(value: Tlv | undefined): Date | undefined {
  try {
    return time(value, { fractions: true });
  } catch {
    return undefined;
  }
}

/** Any structural error inside an attribute makes it unreadable, never a crash. */
function attempt<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/**
 * Which embedded certificates the sid names. Its serial is read once per SignerInfo, not per
 * certificate; a malformed or over-long one (serialNumberValue) names none.
 */
function sidMatcher(sid: SignerIdentifier): (embedded: EmbeddedCertificate) => boolean {
  if (sid.kind === 'issuer-serial') {
    const serial = attempt(() => serialNumberValue(sid.serial));
    if (serial === undefined) return () => false;
    return (embedded) => {
      const certificate = embedded.certificate;
      try {
        return serial === certificate.serialNumber && namesEqual(decodeNameDer(sid.issuer), certificate.issuer);
      } catch {
        return false;
      }
    };
  }
  return (embedded) => {
    const certificate = embedded.certificate;
    return certificate.subjectKeyIdentifier !== undefined && bytesEqual(hexToBytes(certificate.subjectKeyIdentifier), sid.keyIdentifier);
  };
}

/** The first ESSCertID(v2) of a signingCertificate(V2) attribute: hash algorithm and hash. */
function essCertHash(value: Tlv, v2: boolean): { algorithm: DigestAlgorithm | undefined; hash: Uint8Array; issuerSerial?: Tlv } | undefined {
  return attempt(() => {
    if (!isUniversal(value, UNIVERSAL.SEQUENCE)) return undefined;
    const [certs] = berChildren(value);
    if (!isUniversal(certs, UNIVERSAL.SEQUENCE)) return undefined;
    const [first] = berChildren(certs);
    if (!isUniversal(first, UNIVERSAL.SEQUENCE)) return undefined;
    const fields = berChildren(first);
    let algorithm: DigestAlgorithm | undefined = v2 ? 'SHA-256' : 'SHA-1';
    let index = 0;
    if (v2 && isUniversal(fields[0], UNIVERSAL.SEQUENCE)) {
      algorithm = DIGEST_BY_OID[readOid(berChildren(fields[0])[0])];
      index = 1;
    }
    const hash = fields[index];
    if (!isUniversal(hash, UNIVERSAL.OCTET_STRING)) return undefined;
    const issuerSerial = fields[index + 1];
    if (issuerSerial !== undefined && !isUniversal(issuerSerial, UNIVERSAL.SEQUENCE)) return undefined;
    return { algorithm, hash: berOctets(hash), ...(issuerSerial ? { issuerSerial } : {}) };
  });
}

/**
 * Whether `hash` is the `algorithm` digest of the candidate's bytes. A SHA-256 (the usual
 * ESSCertIDv2) is the certificate's fingerprint, taken over exactly these bytes when it was
 * decoded (certificate.ts): compared as hex, without hashing the certificate again.
 */
export function essHashMatches(candidate: EmbeddedCertificate, algorithm: DigestAlgorithm, hash: Uint8Array, hashFactory: HashFactory): boolean {
  const fingerprint = candidate.certificate.sha256;
  if (algorithm === 'SHA-256' && fingerprint.length === 64) return hash.length === 32 && toHex(hash) === fingerprint.toLowerCase();
  return bytesEqual(hashBytesNow(candidate.der, algorithm, hashFactory), hash);
}

/**
 * ESS IssuerSerial (RFC 5035): when the signer put it in, it must name the certificate's
 * issuer (as a directoryName) and serial too, not only match its hash.
 */
function issuerSerialMatches(issuerSerial: Tlv, candidate: EmbeddedCertificate): boolean {
  return (
    attempt(() => {
      const [generalNames, serial] = berChildren(issuerSerial, 'IssuerSerial', 3);
      if (!isUniversal(serial, UNIVERSAL.INTEGER) || serialNumberValue(serial.content) !== candidate.certificate.serialNumber) return false;
      return berChildren(generalNames, 'GeneralNames', 16).some((name) => {
        if (!isContext(name, 4) || !name.constructed) return false;
        const [directoryName] = berChildren(name, 'directoryName', 1);
        return directoryName !== undefined && namesEqual(decodeNameDer(directoryName.der), candidate.certificate.issuer);
      });
    }) ?? false
  );
}

/** adbe-revocationInfoArchival: SEQUENCE { [0] SEQUENCE OF CRL, [1] SEQUENCE OF OCSPResponse, [2] ... }. */
export function readRevocationArchive(value: Tlv): RevocationData {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  attempt(() => {
    if (!isUniversal(value, UNIVERSAL.SEQUENCE)) return;
    for (const tagged of berChildren(value)) {
      const target = isContext(tagged, 0) ? crls : isContext(tagged, 1) ? ocspResponses : undefined;
      if (!target || !tagged.constructed) continue;
      const [list] = berChildren(tagged);
      if (!isUniversal(list, UNIVERSAL.SEQUENCE)) continue;
      for (const item of berChildren(list)) target.push(item.der);
    }
  });
  return { crls, ocspResponses };
}

function sameAlgorithm(node: Tlv | undefined, algorithm: CmsSignerInfo['digestAlgorithm']): boolean {
  if (!node?.constructed) return false;
  const [id, params, extra] = berChildren(node, 'AlgorithmIdentifier', 3);
  if (extra !== undefined || readOid(id) !== algorithm.oid) return false;
  const ours = algorithm.params?.der;
  if (!params || !ours) return !params && !ours;
  return bytesEqual(params.der, ours);
}

/**
 * RFC 6211 CMSAlgorithmProtection: when the signer signed its algorithms, they must be
 * the ones the SignerInfo names (digestAlgorithm, and signatureAlgorithm as [1]; no
 * macAlgorithm [2] on a signature). Absent: nothing to check.
 */
function algorithmProtectionHolds(signerInfo: CmsSignerInfo, signedAttrs: readonly CmsAttribute[]): boolean {
  const values = attributeValues(signedAttrs, OID.cmsAlgorithmProtection);
  if (values.length === 0) return true;
  if (values.length !== 1 || values[0]!.length !== 1) return false;
  return (
    attempt(() => {
      const [digest, ...rest] = berChildren(values[0]![0], 'CMSAlgorithmProtection', 3);
      if (!sameAlgorithm(digest, signerInfo.digestAlgorithm)) return false;
      if (rest.length !== 1 || !isContext(rest[0], 1)) return false;
      return sameAlgorithm(rest[0], signerInfo.signatureAlgorithm);
    }) ?? false
  );
}

/** Counter-signatures verified per SignerInfo, and their nesting: real ones carry one or two, one level deep. */
export const MAX_COUNTER_SIGNATURES = 8;
export const MAX_COUNTER_SIGNATURE_DEPTH = 3;

/**
 * The countersignature attributes of a SignerInfo (RFC 5652 §11.4), each a SignerInfo over
 * `signatureValue`: its messageDigest is the digest of those octets (or, without signed
 * attributes, its signature is over them), and it carries no content type. Verified with
 * the parent's certificates and revocation data; nested ones too, up to a depth.
 */
async function verifyCounterSignatures(signerInfo: CmsSignerInfo, signatureValue: Uint8Array, context: SignerContext, messages: Message[]): Promise<IntegrityResult[]> {
  const values = allAttributeValues(signerInfo.unsignedAttrs, OID.countersignature);
  if (values.length === 0) return [];
  const depth = (context.counterSignatureDepth ?? 0) + 1;
  if (values.length > MAX_COUNTER_SIGNATURES || depth > MAX_COUNTER_SIGNATURE_DEPTH) {
    // A bound, not a defect: the parent is judged on its own, the rest is not looked at.
    messages.push(CMS_MESSAGES.CMS_TOO_MANY_COUNTERSIGNATURES({ count: values.length, depth, limit: MAX_COUNTER_SIGNATURES, maxDepth: MAX_COUNTER_SIGNATURE_DEPTH }));
    if (depth > MAX_COUNTER_SIGNATURE_DEPTH) return [];
  }
  const counterContext: SignerContext = {
    ...context,
    digestOf: async (algorithm) => hashBytes(signatureValue, algorithm, context.hashFactory),
    content: async () => signatureValue,
    counterSignatureDepth: depth,
  };
  const out: IntegrityResult[] = [];
  for (const value of values.slice(0, MAX_COUNTER_SIGNATURES)) {
    let parsed: CmsSignerInfo;
    try {
      parsed = parseSignerInfo(value);
    } catch (error) {
      const message = CMS_MESSAGES.CMS_COUNTERSIGNATURE_UNREADABLE({ detail: error instanceof Error ? error.message : String(error) });
      out.push({ wellFormed: false, intact: 'unknown', valid: 'unknown', signerIdentification: 'not-found', certificateBinding: 'none', certificates: [], revocation: {}, timestamps: [], messages: [message] });
      continue;
    }
    const result = await verifySignerInfo(parsed, counterContext);
    out.push({ ...result, messages: [CMS_MESSAGES.CMS_COUNTERSIGNATURE(), ...result.messages] });
  }
  return out;
}

/** Signature timestamps one SignerInfo may carry: real signatures have one, re-timestamped ones a few. */
export const MAX_SIGNATURE_TIMESTAMPS = 8;

/** Who signed, as far as the identifier and the ESS attributes tell (before the signature value is checked). */
interface SignerBinding {
  readonly candidates: readonly EmbeddedCertificate[];
  readonly certificateBinding: CertificateBinding;
  readonly signer: EmbeddedCertificate | undefined;
  readonly signerIdentification: SignerIdentification;
  /** Several different certificates answer to the identifier and nothing signed binds one. */
  readonly undecided: boolean;
}

/*
 * verifySignerInfo's synchronous steps are functions of their own (bindSigner,
 * checkSignedAttributes, signedClaims, integrityResult): the async function keeps only what
 * awaits, so V8 compiles a smaller state machine sooner, and the rest as plain functions.
 * Each step pushes its messages in the order the checks run.
 */

/** Signer identification, then the ESS binding that pins the certificate. */
function bindSigner(signerInfo: CmsSignerInfo, context: SignerContext, signedAttrs: readonly CmsAttribute[] | undefined, messages: Message[]): SignerBinding {
  // The same certificate sent twice (pdfsig does) is one candidate, not two.
  const candidates = context.certificates
    .filter(sidMatcher(signerInfo.sid))
    .filter((c, index, all) => all.findIndex((other) => other.certificate.sha256 === c.certificate.sha256) === index);
  let certificateBinding: CertificateBinding = 'none';
  let signer: EmbeddedCertificate | undefined = candidates[0];
  let signerIdentification: SignerIdentification = signer ? 'found' : 'not-found';
  const v2 = attributeValues(signedAttrs, OID.signingCertificateV2);
  const v1 = attributeValues(signedAttrs, OID.signingCertificate);
  // Every ESS attribute present must bind the same certificate: v2 and v1 together may not disagree.
  // Pushed, not spread from arrays that are empty for some documents (that made V8 deoptimise this function).
  const essAttributes: { values: (readonly Tlv[])[]; v2: boolean; name: string }[] = [];
  if (v2.length > 0) essAttributes.push({ values: v2, v2: true, name: 'signingCertificateV2' });
  if (v1.length > 0) essAttributes.push({ values: v1, v2: false, name: 'signingCertificate' });
  const essAttribute = essAttributes[0];
  if (essAttribute) {
    certificateBinding = essAttribute.v2 ? 'signing-certificate-v2' : 'signing-certificate-v1';
    let bound: EmbeddedCertificate[] = candidates;
    for (const attribute of essAttributes) {
      const ess = attribute.values.length === 1 && attribute.values[0]!.length === 1 ? essCertHash(attribute.values[0]![0]!, attribute.v2) : undefined;
      if (!ess || !ess.algorithm) {
        messages.push(CMS_MESSAGES.CMS_ATTRIBUTE_UNREADABLE({ attribute: attribute.name }));
        bound = [];
        break;
      }
      const matching: EmbeddedCertificate[] = [];
      for (const candidate of bound) {
        if (essHashMatches(candidate, ess.algorithm, ess.hash, context.hashFactory) && (!ess.issuerSerial || issuerSerialMatches(ess.issuerSerial, candidate))) {
          matching.push(candidate);
        }
      }
      if (matching.length === 0 && candidates.length > 0) messages.push(CMS_MESSAGES.CMS_SIGNING_CERTIFICATE_MISMATCH({ attribute: attribute.name }));
      bound = matching;
    }
    if (bound.length > 0) {
      signer = bound[0];
    } else if (candidates.length > 0) {
      signerIdentification = 'mismatch';
    } else {
      signerIdentification = 'not-found';
    }
  }
  // Several different certificates answer to the identifier and nothing signed binds one:
  // the signature value decides, and if it verifies under more than one (same key), nobody is named.
  const undecided = !essAttribute && candidates.length > 1;
  if (signerIdentification === 'not-found') notFound(context.signedData.unreadableCertificates, messages);
  return { candidates, certificateBinding, signer, signerIdentification, undecided };
}

/** No certificate answers to the signer: and the certificates that could not be read, which may hold it. */
function notFound(unreadable: readonly UnreadableCertificate[], messages: Message[]): void {
  messages.push(CMS_MESSAGES.CMS_SIGNER_NOT_FOUND());
  const first = unreadable[0];
  if (first === undefined) return;
  messages.push(CMS_MESSAGES.CMS_CERTIFICATES_UNREADABLE({ count: unreadable.length, detail: first.error instanceof Error ? first.error.message : String(first.error) }));
  const defect = derDefectMessage(first.error);
  if (defect) messages.push(defect);
}

/** A digest algorithm kyso does not support: nothing more can be checked. */
function unsupportedDigest(binding: SignerBinding, certificates: Uint8Array[], digestOid: string, revocation: RevocationData, messages: Message[]): IntegrityResult {
  messages.push(CMS_MESSAGES.CMS_UNSUPPORTED_DIGEST({ algorithm: digestAlgorithmLabel(digestOid), oid: digestOid }));
  const base = {
    wellFormed: true,
    signerIdentification: binding.signerIdentification,
    certificateBinding: binding.certificateBinding,
    certificates,
    ...(binding.signer ? { signerCertificate: binding.signer.der } : {}),
  };
  const { signerCertificate: _unused, ...unbound } = base;
  const identified = binding.undecided ? { ...unbound, signerIdentification: 'ambiguous' as const } : base;
  return { ...identified, intact: 'unknown', valid: 'unknown', revocation, timestamps: [], unknownReason: 'unsupported-algorithm', messages };
}

/** What the signed attributes say before the content's digest is compared with theirs. */
interface SignedAttributesCheck {
  /** The bytes the signature covers (the DER re-encoding when the signer stored another order). */
  readonly signedBytes: Uint8Array;
  /** The stored bytes, when the signature is checked over their DER re-encoding instead. */
  readonly storedSignedBytes: Uint8Array | undefined;
  readonly wellFormed: boolean;
  /** The messageDigest attribute's octets; undefined when it is missing or malformed (already reported). */
  readonly signedDigest: Uint8Array | undefined;
}

function checkSignedAttributes(
  signedAttributes: NonNullable<CmsSignerInfo['signedAttrs']>,
  signerInfo: CmsSignerInfo,
  context: SignerContext,
  messages: Message[],
): SignedAttributesCheck {
  const signedAttrs = signedAttributes.attributes;
  let signedBytes = signedAttributes.signedBytes;
  let storedSignedBytes: Uint8Array | undefined;
  let wellFormed = true;
  if (!signedAttributes.der) {
    if (signedAttributes.derBytes) {
      // RFC 5652 §5.4: the signature is over the DER encoding, whatever order the signer stored.
      storedSignedBytes = signedBytes;
      signedBytes = signedAttributes.derBytes;
      messages.push(CMS_MESSAGES.CMS_SIGNED_ATTRIBUTES_REENCODED());
    } else {
      wellFormed = false;
      messages.push(CMS_MESSAGES.CMS_SIGNED_ATTRIBUTES_NOT_DER());
    }
  }
  if (!algorithmProtectionHolds(signerInfo, signedAttrs)) {
    wellFormed = false;
    messages.push(CMS_MESSAGES.CMS_ALGORITHM_PROTECTION_MISMATCH());
  }
  const contentTypes = attributeValues(signedAttrs, OID.contentType);
  const declared = contentTypes.length === 1 && contentTypes[0]!.length === 1 ? contentTypes[0]![0] : undefined;
  if (context.counterSignatureDepth) {
    // RFC 5652 §11.4: a counter-signature has no content type, so it may not sign one.
    if (contentTypes.length > 0) {
      wellFormed = false;
      messages.push(CMS_MESSAGES.CMS_COUNTERSIGNATURE_CONTENT_TYPE());
    }
  } else if (attempt(() => readOid(declared)) !== context.signedData.eContentType) {
    wellFormed = false;
    messages.push(CMS_MESSAGES.CMS_CONTENT_TYPE_MISMATCH());
  }
  const digests = attributeValues(signedAttrs, OID.messageDigest);
  const digest = digests.length === 1 && digests[0]!.length === 1 ? digests[0]![0] : undefined;
  const signedDigest = digest && !digest.constructed && isUniversal(digest, UNIVERSAL.OCTET_STRING) ? digest.content : undefined;
  if (!signedDigest) {
    wellFormed = false;
    messages.push(CMS_MESSAGES.CMS_MESSAGE_DIGEST_MISSING());
  }
  return { signedBytes, storedSignedBytes, wellFormed, signedDigest };
}

/** The claimed signing time and the revocation data archived in the signed attributes (Adobe's). */
function signedClaims(signedAttrs: readonly CmsAttribute[], revocation: RevocationData, messages: Message[]): { claimedSigningTime: Date | undefined; revocation: RevocationData } {
  const times = attributeValues(signedAttrs, OID.signingTime);
  const claimedSigningTime = times.length === 1 ? readTime(times[0]![0]) : undefined;
  if (claimedSigningTime) messages.push(CMS_MESSAGES.CMS_SIGNING_TIME_CLAIMED({ time: isoTime(claimedSigningTime) }));
  const archives = attributeValues(signedAttrs, OID.adbeRevocationInfoArchival);
  for (const values of archives) {
    for (const value of values) {
      const archived = readRevocationArchive(value);
      revocation = {
        crls: [...(revocation.crls ?? []), ...(archived.crls ?? [])],
        ocspResponses: [...(revocation.ocspResponses ?? []), ...(archived.ocspResponses ?? [])],
      };
    }
  }
  return { claimedSigningTime, revocation };
}

/** The fields of an IntegrityResult, present in this order. */
interface IntegrityFields {
  readonly wellFormed: boolean;
  readonly signerIdentification: SignerIdentification;
  readonly certificateBinding: CertificateBinding;
  readonly certificates: Uint8Array[];
  readonly digestAlgorithm: DigestAlgorithm;
  readonly signer: EmbeddedCertificate | undefined;
  readonly intact: Check;
  readonly valid: Check;
  readonly revocation: RevocationData;
  readonly signatureAlgorithm: string | undefined;
  readonly claimedSigningTime: Date | undefined;
  readonly signedBytes: Uint8Array | undefined;
  readonly hashFactory: HashFactory;
  readonly timestamps: TimestampIntegrity[];
  readonly unknownReason: IntegrityResult['unknownReason'];
  readonly counterSignatures: IntegrityResult[];
  readonly messages: Message[];
}

function integrityResult(f: IntegrityFields): IntegrityResult {
  return {
    wellFormed: f.wellFormed,
    signerIdentification: f.signerIdentification,
    certificateBinding: f.certificateBinding,
    certificates: f.certificates,
    digestAlgorithm: f.digestAlgorithm,
    ...(f.signer ? { signerCertificate: f.signer.der } : {}),
    intact: f.intact,
    valid: f.valid,
    revocation: f.revocation,
    ...(f.signatureAlgorithm ? { signatureAlgorithm: f.signatureAlgorithm } : {}),
    ...(f.claimedSigningTime ? { claimedSigningTime: f.claimedSigningTime } : {}),
    ...(f.signedBytes ? { signedBytesSha256: toHex(hashBytesNow(f.signedBytes, 'SHA-256', f.hashFactory)).toUpperCase() } : {}),
    timestamps: f.timestamps,
    ...(f.unknownReason ? { unknownReason: f.unknownReason } : {}),
    ...(f.counterSignatures.length > 0 ? { counterSignatures: f.counterSignatures } : {}),
    messages: f.messages,
  };
}

export async function verifySignerInfo(signerInfo: CmsSignerInfo, context: SignerContext): Promise<IntegrityResult> {
  const messages: Message[] = [];
  const certificatesDer: Uint8Array[] = [];
  for (const embedded of context.certificates) certificatesDer.push(embedded.der);
  const digestOid = signerInfo.digestAlgorithm.oid;
  const digestAlgorithm = DIGEST_BY_OID[digestOid];
  const signedAttrs = signerInfo.signedAttrs?.attributes;
  const signatureValue = signerInfo.signature;
  let revocation: RevocationData = context.revocation;

  const binding = bindSigner(signerInfo, context, signedAttrs, messages);
  let { signer, signerIdentification } = binding;
  if (!digestAlgorithm) return unsupportedDigest(binding, certificatesDer, digestOid, revocation, messages);

  let intact: Check = 'unknown';
  let signedBytes: Uint8Array | undefined;
  let claimedSigningTime: Date | undefined;
  let wellFormed = true;
  let unknownReason: IntegrityResult['unknownReason'];
  let storedSignedBytes: Uint8Array | undefined;
  if (signerInfo.signedAttrs && signedAttrs && signedAttrs.length > 0) {
    const checked = checkSignedAttributes(signerInfo.signedAttrs, signerInfo, context, messages);
    ({ signedBytes, storedSignedBytes, wellFormed } = checked);
    if (checked.signedDigest) {
      const actual = await context.digestOf(digestAlgorithm);
      if (!actual) {
        unknownReason = 'no-content';
        messages.push(CMS_MESSAGES.CMS_NO_CONTENT());
      } else if (bytesEqual(actual, checked.signedDigest)) {
        intact = 'passed';
      } else {
        intact = 'failed';
        messages.push(CMS_MESSAGES.CMS_DIGEST_MISMATCH());
      }
    }
    ({ claimedSigningTime, revocation } = signedClaims(signedAttrs, revocation, messages));
  } else {
    // RFC 5652 §5.3: without signed attributes nothing authenticates the content type,
    // so they must be present for any eContentType other than id-data.
    if (context.signedData.eContentType !== OID.data) {
      wellFormed = false;
      messages.push(CMS_MESSAGES.CMS_CONTENT_TYPE_MISMATCH());
    }
    // Without signed attributes the signature is over the content itself.
    signedBytes = await context.content();
    if (!signedBytes) {
      unknownReason = 'no-content';
      messages.push(CMS_MESSAGES.CMS_NO_CONTENT());
    }
  }

  let valid: Check = 'unknown';
  let signatureAlgorithm: string | undefined;
  let check: SignatureCheck | undefined;
  if (binding.undecided && signedBytes) {
    const verifying: { candidate: EmbeddedCertificate; check: SignatureCheck }[] = [];
    for (const candidate of binding.candidates) {
      const result = await checkSignatureValue(candidate.certificate, signerInfo.signatureAlgorithm, digestAlgorithm, signedBytes, signatureValue);
      if (result.outcome === 'valid') verifying.push({ candidate, check: result });
    }
    if (verifying.length === 1) {
      signer = verifying[0]!.candidate;
      check = verifying[0]!.check;
    } else if (verifying.length > 1) {
      signer = undefined;
      signerIdentification = 'ambiguous';
      messages.push(CMS_MESSAGES.CMS_SIGNER_AMBIGUOUS({ count: verifying.length }));
    }
  }
  if (signer && signedBytes) {
    check ??= await checkSignatureValue(signer.certificate, signerInfo.signatureAlgorithm, digestAlgorithm, signedBytes, signatureValue);
    signatureAlgorithm = check.algorithm;
    if (check.outcome === 'unsupported') {
      unknownReason = 'unsupported-algorithm';
      messages.push(CMS_MESSAGES.CMS_UNSUPPORTED_SIGNATURE({ algorithm: check.refusedKey ? `${check.algorithm} (${check.refusedKey})` : check.algorithm }));
    } else if (check.outcome === 'valid') {
      valid = 'passed';
      if (check.digestInfoWithoutNull) messages.push(CMS_MESSAGES.CMS_DIGEST_INFO_WITHOUT_NULL());
      if (!signedAttrs || signedAttrs.length === 0) intact = 'passed';
    } else {
      valid = 'failed';
      messages.push(CMS_MESSAGES.CMS_SIGNATURE_INVALID());
      // Tell apart a signature over the stored non-DER bytes (openssl accepts it; DSS does not).
      if (storedSignedBytes) {
        const stored = await checkSignatureValue(signer.certificate, signerInfo.signatureAlgorithm, digestAlgorithm, storedSignedBytes, signatureValue);
        if (stored.outcome === 'valid') messages.push(CMS_MESSAGES.CMS_SIGNED_ATTRIBUTES_ONLY_STORED_VALID());
      }
    }
  }

  const timestamps: TimestampIntegrity[] = [];
  const tokens = allAttributeValues(signerInfo.unsignedAttrs, OID.signatureTimeStampToken);
  if (tokens.length > MAX_SIGNATURE_TIMESTAMPS) {
    wellFormed = false;
    messages.push(CMS_MESSAGES.CMS_TOO_MANY_TIMESTAMPS({ count: tokens.length, limit: MAX_SIGNATURE_TIMESTAMPS }));
  } else if (context.verifyTimestamp) {
    for (const token of tokens) timestamps.push(await context.verifyTimestamp(token.der, signatureValue));
  }

  const counterSignatures = await verifyCounterSignatures(signerInfo, signatureValue, context, messages);
  return integrityResult({
    wellFormed,
    signerIdentification,
    certificateBinding: binding.certificateBinding,
    certificates: certificatesDer,
    digestAlgorithm,
    signer,
    intact,
    valid,
    revocation,
    signatureAlgorithm,
    claimedSigningTime,
    signedBytes,
    hashFactory: context.hashFactory,
    timestamps,
    unknownReason,
    counterSignatures,
    messages,
  });
}
