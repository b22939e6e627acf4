/**
 * Judges one signature found by a format parser: who signed, whether the path to an
 * anchor holds at the time the signature is proven to exist, whether its algorithms
 * were acceptable then, and what that makes its ETSI indication.
 *
 * Past validation (ETSI EN 319 102-1 §5.6.2, simplified): when the signer's
 * certificate is expired or revoked now, but a verified timestamp proves the
 * signature existed earlier, the path is validated again at that time; revocation
 * dated after that time does not count against it.
 */
import type { ParsedSignature } from '../formats/types.js';
import type { PathResult, RevocationData } from '../pki/types.js';
import { certificateFingerprint, describeCertificate } from '../pki/describe.js';
import { deriveIndication } from './derive.js';
import type { Message } from '../report/messages.js';
import type { CertificateInfo, SignatureReport, SignerReport, TimestampReport } from '../report/types.js';
import type { AlgorithmUse } from './algorithm-policy.js';
import { POLICY_MESSAGES, judgeAlgorithms, revocationSignerUses } from './algorithm-policy.js';
import type { ValidationContext } from './context.js';
import { VALIDATION_MESSAGES } from './messages.js';
import { evaluateTimestamp } from './timestamp.js';
import { evaluateVouched, governmentSignerConfirmation } from './signer-confirmation.js';
import { isoTime } from '../report/iso-time.js';

/*
 * Arrays here are built by pushing, not by map/flatMap: V8's optimised `map` returns arrays
 * of another elements kind than the unoptimised one (and flatMap's differ again), and code
 * that had seen only one kind was thrown away and compiled again when the other arrived.
 */
function mergeRevocation(signed: RevocationData, ltv: RevocationData | undefined): RevocationData {
  const crls: Uint8Array[] = [];
  const ocspResponses: Uint8Array[] = [];
  for (const source of [signed, ltv]) {
    if (source?.crls) for (const crl of source.crls) crls.push(crl);
    if (source?.ocspResponses) for (const response of source.ocspResponses) ocspResponses.push(response);
  }
  return { crls, ocspResponses };
}

function describeChain(path: PathResult, context: ValidationContext): CertificateInfo[] {
  const out: CertificateInfo[] = [];
  for (const certificate of path.path) {
    const source =
      certificate.source === 'anchor' || context.pinned.has(certificateFingerprint(certificate.der))
        ? 'trust-store'
        : certificate.source === 'fetched'
          ? 'fetched'
          : 'document';
    out.push(describeCertificate(certificate.der, source));
  }
  return out;
}

/**
 * The earliest time a passing timestamp proves, at or before `at`. A plain loop: chains of
 * filter/map over arrays that are empty for some documents and not for others made V8
 * throw away evaluateSignature's optimised code (a recompile of the whole function).
 */
function earliestProven(timestamps: readonly TimestampReport[], at: Date): Date | undefined {
  let earliest: number | undefined;
  for (const t of timestamps) {
    if (t.indication !== 'TOTAL_PASSED' || !t.genTime) continue;
    const time = new Date(t.genTime).getTime();
    if (time <= at.getTime() && (earliest === undefined || time < earliest)) earliest = time;
  }
  return earliest === undefined ? undefined : new Date(earliest);
}

const PAST_VALIDATION_REASONS = new Set(['OUT_OF_BOUNDS_NO_POE', 'OUT_OF_BOUNDS_NOT_REVOKED', 'REVOKED_NO_POE', 'REVOKED', 'EXPIRED']);

/** Judges every signature of one document (signer-confirmation.ts: a signature vouched for by others after them). */
export function evaluateSignatures(signatures: readonly ParsedSignature[], context: ValidationContext): Promise<SignatureReport[]> {
  return evaluateVouched(signatures, context, evaluateSignature);
}

/**
 * Judges one signature. `vouched`: for a signature whose signer other signatures may confirm
 * (ParsedSignature.signerVouchedBy), whether one of them passed in full.
 */
export async function evaluateSignature(parsed: ParsedSignature, context: ValidationContext, vouched = false): Promise<SignatureReport> {
  const integrity = parsed.integrity;
  const messages: Message[] = [...parsed.messages, ...integrity.messages];
  const ltvCertificates = parsed.ltv?.certificates ?? [];

  // Proof of existence: verified signature timestamps and covering document timestamps.
  const timestamps: TimestampReport[] = [];
  for (const token of [...integrity.timestamps, ...(parsed.documentTimestamps ?? [])]) {
    const report = await evaluateTimestamp(token, context, ltvCertificates);
    timestamps.push(report);
    if (report.indication !== 'TOTAL_PASSED') {
      messages.push(
        VALIDATION_MESSAGES.VALIDATION_TIMESTAMP_FAILED({ time: report.genTime || '?', reason: report.subIndication ?? report.indication }),
      );
    }
  }
  const timestampTime = earliestProven(timestamps, context.at);
  const bestSignatureTime = timestampTime ?? context.at;
  const claimed = integrity.claimedSigningTime ?? parsed.claimedSigningTime;
  if (!timestampTime) messages.push(VALIDATION_MESSAGES.VALIDATION_NO_TIMESTAMP());
  else if (claimed && Math.abs(claimed.getTime() - timestampTime.getTime()) >= 3600_000) {
    messages.push(
      VALIDATION_MESSAGES.VALIDATION_CLAIMED_TIME_DIFFERS({
        claimed: isoTime(claimed),
        proven: isoTime(timestampTime),
        hours: Math.round(((claimed.getTime() - timestampTime.getTime()) / 3600_000) * 10) / 10,
      }),
    );
  }

  // The signer and the path to an anchor.
  let signer: SignerReport | undefined;
  let path: PathResult | undefined;
  if (integrity.signerCertificate) {
    try {
      const info = describeCertificate(integrity.signerCertificate, 'document');
      // Object.assign: a literal that starts with a spread is slow in V8; same fields, same order.
      signer = Object.assign({}, info, { role: context.roleRule(info.identifiers, info) });
    } catch {
      signer = undefined;
    }
    const validateAt = (at: Date) =>
      context.validatePath({
        leaf: integrity.signerCertificate!,
        intermediates: [...integrity.certificates, ...ltvCertificates, ...context.intermediates],
        trustAnchors: context.anchors,
        anchorConstraints: context.anchorConstraints,
        at,
        now: context.at,
        revocation: { embedded: mergeRevocation(integrity.revocation, parsed.ltv?.revocation), supplied: context.supplied },
        revocationMode: context.revocationMode,
        // A document timestamp's signer is a TSA: it needs id-kp-timeStamping, not a signing key usage.
        usage: parsed.format === 'document-timestamp' ? 'timestamping' : 'document-signing',
        ...(context.fetcher ? { fetcher: context.fetcher } : {}),
      });
    if (integrity.wellFormed && !parsed.formatFailure) {
      path = await validateAt(context.at);
      if (path.status !== 'valid' && timestampTime && PAST_VALIDATION_REASONS.has(path.subIndication ?? (path.status === 'revoked' ? 'REVOKED' : ''))) {
        const past = await validateAt(timestampTime);
        // Revoked already at the proven time is an answer, not a gap: the signature was made
        // with a revoked certificate (EN 319 102-1 §5.6.2), whatever now says.
        if (past.status === 'valid' || past.status === 'revoked') {
          messages.push(VALIDATION_MESSAGES.VALIDATION_PAST_TIME_USED({ time: isoTime(timestampTime) }));
          messages.push(...path.messages.filter((m) => m.severity !== 'error'));
          path = past;
        } else {
          // Why the timestamp's time could not settle it (out-of-date evidence, data issued
          // after the certificate expired…): without this only the present's answer showed.
          const shown = new Set(path.messages.map((m) => m.en));
          messages.push(...past.messages.filter((m) => !shown.has(m.en)));
        }
      }
      messages.push(...path.messages);
    }
  }

  // Algorithms, judged at the best signature time; CA certificates the store pins are exempt.
  const uses = algorithmUses(parsed, signer, path, context, messages);
  const algorithms = judgeAlgorithms(uses, bestSignatureTime, context.algorithmPolicy);
  messages.push(...algorithms.messages);

  // Who the signer is, where the certificate alone cannot tell (signer-confirmation.ts).
  let signerUnconfirmed = parsed.signerUnconfirmed === true;
  if (parsed.signerVouchedBy) {
    if (vouched) signerUnconfirmed = false;
    messages.push(vouched ? parsed.signerVouchedBy.confirmed : parsed.signerVouchedBy.unconfirmed);
  }
  if (parsed.governmentSigner && path?.status === 'valid') {
    const government = await governmentSignerConfirmation(parsed.id, parsed.governmentSigner, path);
    messages.push(government.message);
    if (!government.confirmed) signerUnconfirmed = true;
  }

  if (claimed) messages.push(...claimedTimeWarnings(claimed, signer, context.at));
  const signedBeforeCertificate = timestampTime !== undefined && signer !== undefined && new Date(signer.notBefore) > timestampTime;
  if (signedBeforeCertificate && signer && timestampTime) {
    messages.push(VALIDATION_MESSAGES.VALIDATION_SIGNED_BEFORE_CERTIFICATE({ time: isoTime(timestampTime), notBefore: signer.notBefore }));
  }
  const verdict = deriveIndication({
    wellFormed: integrity.wellFormed && !parsed.formatFailure,
    signedBeforeCertificate,
    intact: integrity.intact,
    valid: integrity.valid,
    ...(integrity.unknownReason ? { unknownReason: integrity.unknownReason } : {}),
    signerIdentification: integrity.signerIdentification,
    ...(parsed.modifications ? { modifications: parsed.modifications.level } : {}),
    ...(path ? { path: { status: path.status, ...(path.subIndication ? { subIndication: path.subIndication } : {}) } } : {}),
    algorithms: algorithms.judgement,
    ...(signerUnconfirmed ? { signerUnconfirmed: true } : {}),
  });
  if (verdict.indication === 'TOTAL_PASSED') messages.push(VALIDATION_MESSAGES.VALIDATION_PASSED());

  return signatureReport(parsed, context, verdict, signer, path, claimed, timestampTime, bestSignatureTime, timestamps, messages);
}

/*
 * evaluateSignature's synchronous steps (the algorithms to judge, the report) are functions of
 * their own: the async function keeps what awaits, so V8 compiles a smaller state machine
 * sooner, and these as plain functions.
 */

/**
 * A signing time the signer claims proves nothing, but one the signer's own certificate could
 * not have signed at, or one still to come, tells an auditor the claim (or the clock) is wrong.
 */
function claimedTimeWarnings(claimed: Date, signer: SignerReport | undefined, at: Date): Message[] {
  const out: Message[] = [];
  if (signer && (claimed < new Date(signer.notBefore) || claimed > new Date(signer.notAfter))) {
    out.push(VALIDATION_MESSAGES.VALIDATION_CLAIMED_TIME_OUTSIDE_CERTIFICATE({ claimed: isoTime(claimed), notBefore: signer.notBefore, notAfter: signer.notAfter }));
  }
  if (claimed > at) out.push(VALIDATION_MESSAGES.VALIDATION_CLAIMED_TIME_AFTER_VALIDATION({ claimed: isoTime(claimed), at: isoTime(at) }));
  return out;
}

/** What the algorithm policy judges: the signature, the path's certificates (pinned CAs exempt), the revocation signers. */
function algorithmUses(parsed: ParsedSignature, signer: SignerReport | undefined, path: PathResult | undefined, context: ValidationContext, messages: Message[]): AlgorithmUse[] {
  const integrity = parsed.integrity;
  const uses: AlgorithmUse[] = [
    {
      what: { vi: 'Chữ ký', en: 'The signature' },
      ...(integrity.digestAlgorithm ? { digest: integrity.digestAlgorithm } : {}),
      ...(signer ? { publicKey: signer.publicKey } : {}),
    },
    // The signature value's own hash can differ from the content digest (sha1WithRSA over SHA-256 attributes).
    ...(integrity.signatureAlgorithm ? [{ what: { vi: 'Chữ ký', en: 'The signature' }, digest: integrity.signatureAlgorithm }] : []),
    ...(integrity.bindingDigestAlgorithm ? [{ what: { vi: 'Chữ ký', en: 'The signature' }, digest: integrity.bindingDigestAlgorithm }] : []),
  ];
  const chainCertificates = path?.path ?? (integrity.signerCertificate ? [{ der: integrity.signerCertificate, role: 'end-entity' as const, source: 'leaf' as const }] : []);
  for (const certificate of chainCertificates) {
    if (certificate.role === 'anchor') continue;
    const info = describeCertificate(certificate.der);
    if (certificate.role !== 'end-entity' && context.pinned.has(info.sha256)) {
      if (/sha1/i.test(info.signatureAlgorithm)) {
        messages.push(POLICY_MESSAGES.POLICY_PINNED_CA_ALGORITHM({ subject: info.subject, algorithm: info.signatureAlgorithm }));
      }
      continue;
    }
    uses.push({
      what: { vi: `Chứng thư ${info.subject}`, en: `Certificate ${info.subject}` },
      digest: info.signatureAlgorithm,
      // The signer's own key is judged above, as the signature's.
      ...(certificate.role !== 'end-entity' ? { publicKey: info.publicKey } : {}),
    });
  }
  uses.push(...revocationSignerUses(path));
  return uses;
}

function signatureReport(
  parsed: ParsedSignature,
  context: ValidationContext,
  verdict: ReturnType<typeof deriveIndication>,
  signer: SignerReport | undefined,
  path: PathResult | undefined,
  claimed: Date | undefined,
  timestampTime: Date | undefined,
  bestSignatureTime: Date,
  timestamps: TimestampReport[],
  messages: Message[],
): SignatureReport {
  const integrity = parsed.integrity;
  const publicKey = signer?.publicKey;
  return {
    id: parsed.id,
    format: parsed.format,
    indication: verdict.indication,
    ...(verdict.subIndication ? { subIndication: verdict.subIndication } : {}),
    intact: integrity.intact,
    valid: integrity.valid,
    trusted: path ? (path.status === 'valid' ? 'passed' : path.status === 'invalid' ? 'failed' : 'unknown') : 'unknown',
    ...(signer ? { signer } : {}),
    chain: path ? describeChain(path, context) : [],
    ...(path?.rejected ? { rejectedCertificate: { sha256: path.rejected.certificate, subject: path.rejected.subject } } : {}),
    revocation: path?.revocation ?? [],
    times: {
      validationTime: isoTime(context.at),
      ...(claimed ? { claimedSigningTime: isoTime(claimed) } : {}),
      ...(timestampTime ? { timestampTime: isoTime(timestampTime) } : {}),
      bestSignatureTime: isoTime(bestSignatureTime),
    },
    timestamps,
    algorithms: algorithmsReport(integrity.digestAlgorithm, integrity.signatureAlgorithm, publicKey),
    ...(integrity.signedBytesSha256 ? { signedBytesSha256: integrity.signedBytesSha256 } : {}),
    ...(parsed.coverage ? { coverage: parsed.coverage } : {}),
    ...(parsed.modifications ? { modifications: parsed.modifications } : {}),
    ...(parsed.details ? { details: parsed.details } : {}),
    ...(parsed.counterSignatureOf !== undefined ? { counterSignatureOf: parsed.counterSignatureOf } : {}),
    messages: dedupe(messages),
  };
}

/**
 * The report's algorithms, the fields present in this order. Assigned one by one: an object
 * literal that starts with a (conditional) spread is slow in V8.
 */
function algorithmsReport(digest: string | undefined, signature: string | undefined, publicKey: string | undefined): SignatureReport['algorithms'] {
  const out: { -readonly [K in keyof SignatureReport['algorithms']]: SignatureReport['algorithms'][K] } = {};
  if (digest) out.digest = digest;
  if (signature) out.signature = signature;
  if (publicKey) out.publicKey = publicKey;
  return out;
}

function dedupe(messages: readonly Message[]): Message[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = `${m.code}|${m.en}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

