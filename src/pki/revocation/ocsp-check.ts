/**
 * OCSP responses for one certificate of a validated path (RFC 6960 §3.2, §4.2.2.2).
 *
 * A response counts only when its CertID matches the certificate and its issuer on the
 * path, its signature verifies, and its signer is authorised: the issuing CA itself, or
 * a responder certificate the CA issued with id-kp-OCSPSigning (signerAuthorised, which
 * also validates that certificate's own path and revocation unless it has
 * id-pkix-ocsp-nocheck). An unauthorised response is ignored and reported.
 *
 * Evidence before freshness: a "revoked" answer dated at or before `at` revokes however
 * old the response is; freshness decides only whether a "good" answer is enough. Not
 * certificateHold, which is temporary: only a current hold counts, and a newer "good" (or a
 * newer CRL without the entry, check.ts) releases it, as with CRLs.
 *
 * After expiry: an answer made after the certificate expired proves a revocation but not
 * its absence, unless its archiveCutoff covers the certificate (RFC 6960 §4.4.4).
 *
 * Unusable: a response or answer with an unknown critical extension (RFC 6960 §4.4), and an
 * answer about the serial whose CertID hash kyso cannot compute; both are reported.
 *
 * Time: responses made after `now` are ignored; a response is stale when its nextUpdate
 * and its thisUpdate are both before `at`. A response without nextUpdate says newer
 * information is always available (RFC 6960 §4.2.2.1): it covers `at` only within
 * OCSP_CLOCK_SKEW_MS after its thisUpdate.
 */
import type { Message } from '../../report/messages.js';
import { certificateLabel, type ParsedCertificate } from '../certificate.js';
import type { PathNode, ValidationContext } from '../context.js';
import { PKI } from '../messages.js';
import { namesEqual } from '../names.js';
import type { OcspRecord } from './data.js';
import { digestHex, OCSP_HASHES, type OcspSingleResponse, type ParsedOcspResponse } from './ocsp.js';
import { signerAuthorised } from './signer.js';
import { CERTIFICATE_HOLD, type Revocation } from './crl-check.js';

/**
 * How long after its thisUpdate a response without nextUpdate still counts as current:
 * five minutes, the clock skew commonly allowed between a responder and its relying
 * parties (the window OpenSSL's `ocsp -validity_period` defaults to is 5 minutes too).
 */
export const OCSP_CLOCK_SKEW_MS = 5 * 60_000;

export interface OcspEvaluation {
  readonly outcome: 'good' | 'revoked' | 'undetermined';
  readonly record?: OcspRecord;
  readonly single?: OcspSingleResponse;
  readonly revocation?: Revocation;
  readonly stale: boolean;
  readonly staleNextUpdate?: Date;
  /** A stale response was supplied by the caller or fetched (not only embedded). */
  readonly staleRequested?: boolean;
  readonly problem: boolean;
  /** Some of the unusable data was supplied by the caller or fetched (not only embedded). */
  readonly problemRequested?: boolean;
  readonly messages: readonly Message[];
  /** Who signed the response that decided (for the caller's algorithm policy). */
  readonly signer?: ParsedCertificate;
  /** `revoked` by certificateHold: a newer CRL that does not list it releases it. */
  readonly hold?: boolean;
}

/**
 * The hashes OCSP names a certificate by (its subject name, its public key), per decoded
 * certificate: decodings are shared across documents (certificate.ts), and the issuer's name
 * and key were hashed again for every response of every document. Pure functions of the
 * certificate's bytes.
 */
const CERTIFICATE_HASHES = new WeakMap<ParsedCertificate, Map<string, Promise<string>>>();

function certificateHash(cert: ParsedCertificate, what: 'name' | 'key', algorithm: 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512'): Promise<string> {
  let known = CERTIFICATE_HASHES.get(cert);
  if (!known) {
    known = new Map();
    CERTIFICATE_HASHES.set(cert, known);
  }
  const key = `${what} ${algorithm}`;
  let pending = known.get(key);
  if (!pending) {
    pending = digestHex(algorithm, what === 'name' ? cert.subjectDer : cert.publicKey);
    known.set(key, pending);
  }
  return pending;
}

async function matches(single: OcspSingleResponse, cert: ParsedCertificate, issuer: ParsedCertificate): Promise<boolean> {
  const hash = OCSP_HASHES[single.hashAlgorithm];
  if (!hash || single.serialNumber !== cert.serialNumber) return false;
  return single.issuerNameHash === (await certificateHash(issuer, 'name', hash)) && single.issuerKeyHash === (await certificateHash(issuer, 'key', hash));
}

async function responderMatches(response: ParsedOcspResponse, candidate: ParsedCertificate): Promise<boolean> {
  const id = response.responderId;
  if ('byName' in id) return namesEqual(id.byName, candidate.subject);
  return id.byKeyHash === (await certificateHash(candidate, 'key', 'SHA-1'));
}

async function authorisedSigner(
  response: ParsedOcspResponse,
  issuer: ParsedCertificate,
  path: readonly PathNode[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<ParsedCertificate | undefined> {
  const verify = (signer: ParsedCertificate) =>
    ctx.checkSignature(response.sha256, response.tbs, response.signatureValue, response.signatureAlgorithm, signer);
  if ((await responderMatches(response, issuer)) && (await verify(issuer)).ok) return issuer;
  const seen = new Set<string>([issuer.sha256]);
  const candidates: ParsedCertificate[] = [];
  // The response's certificates, then the pool's. Two loops, no spread of a mapped array:
  // V8's optimised `map` returns another elements kind, which deoptimised this function.
  const consider = (cert: ParsedCertificate): void => {
    if (seen.has(cert.sha256) || !namesEqual(cert.issuer, issuer.subject)) return;
    seen.add(cert.sha256);
    candidates.push(cert);
  };
  for (const cert of response.certificates) consider(cert);
  for (const node of ctx.pool.all()) consider(node.cert);
  // Bounded: a response cannot make us try more than a handful of responder certificates.
  for (const responder of candidates.slice(0, 20)) {
    if (!(await responderMatches(response, responder))) continue;
    if (!(await ctx.checkCertificateSignature(responder, issuer)).ok) continue;
    if (!(await verify(responder)).ok) continue;
    if (!ctx.pool.get(responder.sha256)) ctx.pool.add({ cert: responder, source: 'candidate' });
    if (await signerAuthorised({ signer: responder, path, purpose: 'ocsp', issuedAt: response.producedAt, depth, inProgress }, ctx)) return responder;
  }
  return undefined;
}

/** Evaluates the OCSP responses at hand for `path[index]`. */
export async function evaluateOcsp(
  index: number,
  path: readonly PathNode[],
  records: readonly OcspRecord[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<OcspEvaluation> {
  const cert = (path[index] as PathNode).cert;
  const issuer = (path[index + 1] as PathNode).cert;
  const { at, now } = ctx.settings;
  const subject = certificateLabel(cert);
  const messages: Message[] = [];
  let stale = false;
  let staleNextUpdate: Date | undefined;
  let staleRequested = false;
  let problem = false;
  /** Unusable data in scope that the caller supplied or had fetched. */
  let problemRequested = false;
  /** In-scope data that cannot be used: reported, and an unanswered question when the caller supplied or had it fetched. */
  const noteUnusable = (record: { readonly source: string }, message: Message): void => {
    problem = true;
    if (record.source !== 'embedded') problemRequested = true;
    messages.push(message);
  };
  let good: { record: OcspRecord; single: OcspSingleResponse; signer: ParsedCertificate; later?: Revocation } | undefined;
  let hold: { record: OcspRecord; single: OcspSingleResponse; signer: ParsedCertificate } | undefined;

  for (const record of records) {
    const response = record.response;
    const singles: OcspSingleResponse[] = [];
    let unmatchable: string | undefined;
    for (const single of response.responses) {
      if (await matches(single, cert, issuer)) singles.push(single);
      else if (!OCSP_HASHES[single.hashAlgorithm] && single.serialNumber === cert.serialNumber) unmatchable ??= single.hashAlgorithm;
    }
    if (singles.length === 0) {
      // An answer about this serial that cannot be tied to the issuer is data that could not
      // be checked, not the absence of data (it may be this certificate's revocation).
      if (unmatchable !== undefined) {
        noteUnusable(record, PKI.PKI_OCSP_CERTID_HASH_UNSUPPORTED({ subject, algorithm: unmatchable }));
      }
      continue;
    }
    if (response.unusable) {
      noteUnusable(record, PKI.PKI_OCSP_UNUSABLE({ subject, detail: response.unusable }));
      continue;
    }
    const signer = await authorisedSigner(response, issuer, path, ctx, depth, inProgress);
    if (!signer) {
      noteUnusable(record, PKI.PKI_OCSP_UNAUTHORISED({ subject }));
      continue;
    }
    for (const single of singles) {
      if (single.unusable) {
        noteUnusable(record, PKI.PKI_OCSP_UNUSABLE({ subject, detail: single.unusable }));
        continue;
      }
      if (single.thisUpdate > now || response.producedAt > now) {
        messages.push(PKI.PKI_OCSP_AFTER_NOW({ subject, thisUpdate: single.thisUpdate.toISOString(), now: now.toISOString() }));
        continue;
      }
      // "revoked" is revoked whatever the reason (RFC 6960 §2.2); removeFromCRL means something
      // only in a delta CRL (RFC 5280 §5.3.1), and read as "released" it turned "revoked" into "good".
      const revokedByAt = single.status === 'revoked' && single.revocationTime !== undefined && single.revocationTime <= at;
      if (revokedByAt && single.reason !== CERTIFICATE_HOLD) {
        const revocation: Revocation = { time: single.revocationTime as Date, ...(single.reason !== undefined ? { reason: single.reason } : {}) };
        return { outcome: 'revoked', record, single, revocation, stale: false, problem, messages, signer };
      }
      if (single.thisUpdate > cert.notAfter && !(single.archiveCutoff !== undefined && single.archiveCutoff <= cert.notAfter)) {
        // Responders need not keep expired certificates (RFC 6960 §4.4.4): without an archive
        // cutoff covering it, an answer made after the expiry proves no absence of revocation.
        stale = true;
        if (record.source !== 'embedded') staleRequested = true;
        messages.push(PKI.PKI_REVOCATION_AFTER_EXPIRY({ method: 'OCSP', subject, thisUpdate: single.thisUpdate.toISOString(), notAfter: cert.notAfter.toISOString() }));
        continue;
      }
      const next = single.nextUpdate ?? new Date(single.thisUpdate.getTime() + OCSP_CLOCK_SKEW_MS);
      const outOfDate = next < at && single.thisUpdate < at;
      // certificateHold is temporary (RFC 5280 §5.3.1): as with CRLs, only a current answer
      // holds, and a newer "good" (or a newer CRL without it, check.ts) releases it.
      if (revokedByAt && !outOfDate) {
        if (!hold || single.thisUpdate > hold.single.thisUpdate) hold = { record, single, signer };
        continue;
      }
      if (outOfDate) {
        stale = true;
        if (record.source !== 'embedded') staleRequested = true;
        if (!staleNextUpdate || next > staleNextUpdate) staleNextUpdate = next;
        continue;
      }
      if (single.status === 'unknown') {
        noteUnusable(record, PKI.PKI_OCSP_STATUS_UNKNOWN({ subject }));
        continue;
      }
      if (!good || single.thisUpdate > good.single.thisUpdate) {
        const later: Revocation | undefined =
          single.status === 'revoked' && single.revocationTime
            ? { time: single.revocationTime, ...(single.reason !== undefined ? { reason: single.reason } : {}) }
            : undefined;
        good = { record, single, signer, ...(later ? { later } : {}) };
      }
    }
  }
  if (hold && !(good && good.single.thisUpdate > hold.single.thisUpdate)) {
    const { record, single, signer } = hold;
    const revocation: Revocation = { time: single.revocationTime as Date, reason: CERTIFICATE_HOLD };
    return { outcome: 'revoked', record, single, revocation, stale: false, problem, messages, signer, hold: true };
  }
  if (good) {
    return {
      outcome: 'good',
      record: good.record,
      single: good.single,
      signer: good.signer,
      ...(good.later ? { revocation: good.later } : {}),
      stale: false,
      problem,
      messages,
    };
  }
  return { outcome: 'undetermined', stale, ...(staleNextUpdate ? { staleNextUpdate } : {}), staleRequested, problem, problemRequested, messages };
}
