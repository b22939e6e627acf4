/**
 * Revocation status of a validated path, certificate by certificate.
 *
 * Modes (ValidatePathInput.revocationMode):
 * - `off`: nothing is checked; every certificate is reported `not-checked`.
 * - `if-available` (default): every certificate is checked against the CRLs and OCSP
 *   responses at hand (embedded, supplied); with a fetcher, the end entity's OCSP
 *   responder and CRL distribution points are also fetched. No data at all is the soft
 *   pass: the certificate is reported `not-checked`, with a warning. Data that the caller
 *   supplied or that was fetched (or, with a fetcher, any data) but is out of date gives
 *   `revocation-stale` (INDETERMINATE/TRY_LATER) — the caller asked for an answer and the
 *   only one is too old. Out-of-date data that is only embedded in the document (no
 *   fetcher) answers nothing either, but nobody asked: the certificate is reported
 *   `unknown` with PKI_REVOCATION_STALE_EMBEDDED and the verdict stands. Likewise data in
 *   scope that cannot be used (signer, unknown critical extension, status "unknown"…):
 *   supplied or fetched, it gives `revocation-unknown` (INDETERMINATE/TRY_LATER); only
 *   embedded, the certificate is reported `unknown` and the verdict stands. A revocation
 *   found is always a failure. Data issued after the certificate expired (without
 *   ExpiredCertsOnCRL or archiveCutoff covering it) is out of date the other way: it can
 *   prove a revocation, not its absence, and is answered like stale data, with
 *   PKI_REVOCATION_AFTER_EXPIRY instead of a nextUpdate.
 * - `require`: every certificate but the anchor needs a determination (fetched for each
 *   when a fetcher is given). None → `revocation-unknown` (INDETERMINATE/TRY_LATER);
 *   only stale data → `revocation-stale` (INDETERMINATE/TRY_LATER: EN 319 102-1
 *   §5.2.5 asks to try again once fresher information is available).
 *
 * Whose URLs are fetched: only a path that reaches a trust anchor, with every link's
 * signature checked (validate-path.ts, signer.ts), has its revocation checked, so the OCSP and
 * CRL URLs a fetcher is asked for were written by a CA the caller trusts. A self-made chain's
 * URLs are never asked (its revocation could change no verdict); path-builder.ts asks only
 * its AIA caIssuers URLs, to find a missing intermediate. What a fetcher agrees to fetch, and
 * how much per document, is fetch-policy.ts's and fetch-budget.ts's.
 *
 * A revoked end entity gives `revoked` with REVOKED; a revoked CA gives `revoked` with
 * REVOKED_CA_NO_POE (EN 319 102-1 §5.2.6). A revocation dated after `at` is reported as
 * information and does not revoke. A revocation carried by stale data still revokes
 * (crl-check.ts, ocsp-check.ts). An authorised OCSP responder certificate (id-kp-OCSPSigning,
 * validated for that purpose) with id-pkix-ocsp-nocheck is not checked (RFC 6960
 * §4.2.2.2.1); the extension means nothing on any other certificate.
 */
import type { Message } from '../../report/messages.js';
import type { IndeterminateSubIndication, FailedSubIndication } from '../../report/indications.js';
import type { CertificateRevocation, RevocationSource } from '../../report/types.js';
import { certificateLabel, ocspUrls, type ParsedCertificate } from '../certificate.js';
import type { PathNode, ValidationContext } from '../context.js';
import { OID } from '../extensions.js';
import { PKI } from '../messages.js';
import { evaluateCrls, reasonName, type CrlEvaluation, type Revocation } from './crl-check.js';
import { revocationPool, type RevocationPool } from './data.js';
import { fetchNoted } from './fetch-policy.js';
import { buildOcspRequest } from './ocsp.js';
import { evaluateOcsp, type OcspEvaluation } from './ocsp-check.js';

export interface RevocationOutcome {
  readonly status: 'valid' | 'revoked' | 'revocation-unknown' | 'revocation-stale';
  /** Meaningful when status is not `valid`. */
  readonly subIndication: FailedSubIndication | IndeterminateSubIndication;
  readonly entries: readonly CertificateRevocation[];
  readonly messages: readonly Message[];
  readonly rejected?: ParsedCertificate;
  /** Who signed the CRLs and OCSP responses that decided, for the caller's algorithm policy. */
  readonly signers: readonly ParsedCertificate[];
}

/** Distribution points and OCSP responders fetched per certificate at most. */
const MAX_URLS_PER_CERTIFICATE = 3;

type CertificateOutcome =
  | { readonly kind: 'good' | 'revoked'; readonly entry: CertificateRevocation; readonly messages: readonly Message[]; readonly signers: readonly ParsedCertificate[] }
  | {
      readonly kind: 'unknown' | 'stale';
      readonly entry: CertificateRevocation;
      readonly messages: readonly Message[];
      readonly nextUpdate?: Date;
      /** Stale data the caller supplied or had fetched: an answer was asked for. */
      readonly requested?: boolean;
      /** Data in scope was unusable (signature, signer, extensions): not the same as no data. */
      readonly problem?: boolean;
      /** Some of that unusable data was supplied or fetched: an answer was asked for. */
      readonly problemRequested?: boolean;
    };

function httpUrls(urls: readonly string[]): string[] {
  return urls.filter((u) => /^https?:\/\//i.test(u)).slice(0, MAX_URLS_PER_CERTIFICATE);
}

function crlUrls(cert: ParsedCertificate): string[] {
  const urls: string[] = [];
  for (const dp of cert.crlDistributionPoints ?? []) {
    if (dp.name?.kind !== 'full') continue;
    for (const name of dp.name.names) if (name.kind === 'uri') urls.push(name.value);
  }
  return httpUrls(urls);
}

function entryOf(
  cert: ParsedCertificate,
  status: CertificateRevocation['status'],
  extra: Partial<Omit<CertificateRevocation, 'certificate' | 'subject' | 'status'>> = {},
): CertificateRevocation {
  return { certificate: cert.sha256, subject: cert.subjectText, status, ...extra };
}

function decidedEntry(
  cert: ParsedCertificate,
  status: 'good' | 'revoked',
  method: 'crl' | 'ocsp',
  source: RevocationSource,
  thisUpdate: Date,
  nextUpdate: Date | undefined,
  revocation: Revocation | undefined,
): CertificateRevocation {
  return entryOf(cert, status, {
    source,
    method,
    thisUpdate: thisUpdate.toISOString(),
    ...(nextUpdate ? { nextUpdate: nextUpdate.toISOString() } : {}),
    ...(revocation ? { revocationTime: revocation.time.toISOString(), reason: reasonName(revocation.reason) } : {}),
  });
}

async function fetchFor(
  cert: ParsedCertificate,
  issuer: ParsedCertificate,
  pool: RevocationPool,
  ctx: ValidationContext,
): Promise<boolean> {
  const fetcher = ctx.settings.fetcher;
  if (!fetcher) return false;
  let added = false;
  for (const url of httpUrls(ocspUrls(cert))) {
    const fetched = await fetchNoted(ctx, 'OCSP response', url, `ocsp ${url} ${cert.sha256}`, async () =>
      pool.addOcsp(await fetcher.fetchOcsp(url, await buildOcspRequest(cert, issuer)), 'fetched', ctx),
    );
    if (fetched) added = true;
  }
  for (const url of crlUrls(cert)) {
    const fetched = await fetchNoted(ctx, 'CRL', url, url, async () => pool.addCrl(await fetcher.fetchCrl(url), 'fetched', ctx));
    if (fetched) added = true;
  }
  return added;
}

async function evaluate(
  index: number,
  path: readonly PathNode[],
  pool: RevocationPool,
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<{ ocsp: OcspEvaluation; crl: CrlEvaluation }> {
  const ocsp = await evaluateOcsp(index, path, pool.ocsp, ctx, depth, inProgress);
  // A hold may be released by a newer CRL: only a permanent revocation ends the search.
  if (ocsp.outcome === 'revoked' && !ocsp.hold) {
    return { ocsp, crl: { outcome: 'undetermined', stale: false, problem: false, messages: [] } };
  }
  const crl = await evaluateCrls(index, path, pool.crls, ctx, depth, inProgress);
  return { ocsp, crl };
}

function decided(cert: ParsedCertificate, ocsp: OcspEvaluation, crl: CrlEvaluation): CertificateOutcome | undefined {
  const messages = [...ocsp.messages, ...crl.messages];
  const subject = certificateLabel(cert);
  // certificateHold is temporary: a newer answer from the other method that says good releases it.
  const ocspHoldReleased = ocsp.hold === true && crl.outcome === 'good' && crl.newest !== undefined && ocsp.single !== undefined && crl.newest > ocsp.single.thisUpdate;
  const crlHoldReleased = crl.hold === true && ocsp.outcome === 'good' && crl.newest !== undefined && ocsp.single !== undefined && ocsp.single.thisUpdate > crl.newest;
  if (ocsp.outcome === 'revoked' && ocsp.record && ocsp.single && !ocspHoldReleased) {
    const r = ocsp.revocation as Revocation;
    return {
      kind: 'revoked',
      entry: decidedEntry(cert, 'revoked', 'ocsp', ocsp.record.source, ocsp.single.thisUpdate, ocsp.single.nextUpdate, r),
      messages: [PKI.PKI_REVOKED({ subject, time: r.time.toISOString(), reason: reasonName(r.reason), method: 'OCSP', source: ocsp.record.source }), ...messages],
      signers: ocsp.signer ? [ocsp.signer] : [],
    };
  }
  if (crl.outcome === 'revoked' && crl.record && !crlHoldReleased) {
    const r = crl.revocation as Revocation;
    return {
      kind: 'revoked',
      entry: decidedEntry(cert, 'revoked', 'crl', crl.record.source, crl.record.crl.thisUpdate, crl.record.crl.nextUpdate, r),
      messages: [PKI.PKI_REVOKED({ subject, time: r.time.toISOString(), reason: reasonName(r.reason), method: 'CRL', source: crl.record.source }), ...messages],
      signers: crl.signers ?? [],
    };
  }
  return undefined;
}

function goodOutcome(cert: ParsedCertificate, ocsp: OcspEvaluation, crl: CrlEvaluation, at: Date): CertificateOutcome | undefined {
  const messages = [...ocsp.messages, ...crl.messages];
  const subject = certificateLabel(cert);
  const later = (revocation: Revocation | undefined): Message[] =>
    revocation && revocation.time > at
      ? [PKI.PKI_REVOKED_AFTER_AT({ subject, time: revocation.time.toISOString(), reason: reasonName(revocation.reason), at: at.toISOString() })]
      : [];
  if (ocsp.outcome === 'good' && ocsp.record && ocsp.single) {
    return {
      kind: 'good',
      entry: decidedEntry(cert, 'good', 'ocsp', ocsp.record.source, ocsp.single.thisUpdate, ocsp.single.nextUpdate, ocsp.revocation),
      messages: [...later(ocsp.revocation), ...messages],
      signers: ocsp.signer ? [ocsp.signer] : [],
    };
  }
  if (crl.outcome === 'good' && crl.record) {
    return {
      kind: 'good',
      entry: decidedEntry(cert, 'good', 'crl', crl.record.source, crl.record.crl.thisUpdate, crl.record.crl.nextUpdate, crl.revocation),
      messages: [...later(crl.revocation), ...messages],
      signers: crl.signers ?? [],
    };
  }
  return undefined;
}

async function certificateStatus(
  index: number,
  path: readonly PathNode[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<CertificateOutcome> {
  const cert = (path[index] as PathNode).cert;
  const issuer = (path[index + 1] as PathNode).cert;
  const pool = await revocationPool(ctx);
  const mayFetch = ctx.settings.revocationMode === 'require' || (index === 0 && depth === 0);

  let { ocsp, crl } = await evaluate(index, path, pool, ctx, depth, inProgress);
  let result = decided(cert, ocsp, crl) ?? goodOutcome(cert, ocsp, crl, ctx.settings.at);
  // Only a fetcher can add data; without one, no promise is made for nothing.
  if (!result && mayFetch && ctx.settings.fetcher && (await fetchFor(cert, issuer, pool, ctx))) {
    ({ ocsp, crl } = await evaluate(index, path, pool, ctx, depth, inProgress));
    result = decided(cert, ocsp, crl) ?? goodOutcome(cert, ocsp, crl, ctx.settings.at);
  }
  if (result) return result;

  const messages = [...ocsp.messages, ...crl.messages];
  const problem = ocsp.problem || crl.problem;
  const stale = (ocsp.stale || crl.stale) && !problem;
  const nextUpdate = [ocsp.staleNextUpdate, crl.staleNextUpdate].filter((d): d is Date => d !== undefined).sort((a, b) => b.getTime() - a.getTime())[0];
  const requested = Boolean(ocsp.staleRequested || crl.staleRequested || (mayFetch && ctx.settings.fetcher));
  return {
    kind: stale ? 'stale' : 'unknown',
    entry: entryOf(cert, 'unknown'),
    messages,
    ...(stale && nextUpdate ? { nextUpdate } : {}),
    requested,
    problem,
    problemRequested: Boolean(ocsp.problemRequested || crl.problemRequested),
  };
}

/**
 * Checks every certificate of `path` but the anchor. `depth` > 0 for the nested
 * validations of CRL and OCSP signers; `inProgress` holds the signers being validated.
 */
export async function checkPathRevocation(
  path: readonly PathNode[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string> = new Set(),
  /** For a nested validation: what the path's end entity signs (its id-pkix-ocsp-nocheck counts only for `ocsp`). */
  purpose?: 'crl' | 'ocsp',
): Promise<RevocationOutcome> {
  const mode = ctx.settings.revocationMode;
  const entries: CertificateRevocation[] = [];
  const messages: Message[] = [];
  const at = ctx.settings.at;
  let unknown: ParsedCertificate | undefined;
  let stale: ParsedCertificate | undefined;
  const signers = new Map<string, ParsedCertificate>();

  for (let index = 0; index < path.length - 1; index++) {
    const node = path[index] as PathNode;
    const cert = node.cert;
    if (node.source === 'anchor') break;
    // In a nested validation, certificates the outer path checks are not checked twice.
    const coveredByCaller = depth > 0 && index > 0 && inProgress.has(cert.sha256);
    const authorisedNoCheck = depth > 0 && index === 0 && purpose === 'ocsp' && cert.ocspNoCheck && cert.extKeyUsage?.includes(OID.kpOcspSigning) === true;
    if (mode === 'off' || authorisedNoCheck || coveredByCaller) {
      entries.push(entryOf(cert, 'not-checked'));
      continue;
    }
    const outcome = await certificateStatus(index, path, ctx, depth, inProgress);
    entries.push(outcome.entry);
    messages.push(...outcome.messages);
    if (outcome.kind === 'good' || outcome.kind === 'revoked') for (const signer of outcome.signers) signers.set(signer.sha256, signer);
    if (outcome.kind === 'revoked') {
      return {
        status: 'revoked',
        subIndication: index === 0 ? 'REVOKED' : 'REVOKED_CA_NO_POE',
        entries,
        messages,
        rejected: cert,
        signers: [...signers.values()],
      };
    }
    const subject = certificateLabel(cert);
    if (outcome.kind === 'stale') {
      // Without a nextUpdate, the only "stale" data was issued after the certificate expired;
      // the evaluators said so (PKI_REVOCATION_AFTER_EXPIRY).
      if (mode === 'require' || outcome.requested) {
        if (outcome.nextUpdate) messages.push(PKI.PKI_REVOCATION_STALE({ subject, nextUpdate: outcome.nextUpdate.toISOString(), at: at.toISOString() }));
        stale ??= cert;
      } else if (depth === 0 && outcome.nextUpdate) {
        // Neither supplied nor fetched: the caller asked for no answer, so this is the soft
        // pass (a document that carries old evidence is judged no worse than one that
        // carries none), but reported `unknown` with its own warning, not as "no data".
        messages.push(PKI.PKI_REVOCATION_STALE_EMBEDDED({ subject, nextUpdate: outcome.nextUpdate?.toISOString() ?? '?', at: at.toISOString() }));
      }
    } else if (outcome.kind === 'unknown') {
      // As with out-of-date data: data the caller supplied or had fetched that could not be
      // used (signer, extensions, status unknown…) leaves the question asked and unanswered.
      if (mode === 'require' || outcome.problemRequested) {
        messages.push(PKI.PKI_REVOCATION_MISSING({ subject }));
        unknown ??= cert;
      } else {
        // The documented soft pass: nothing usable was at hand, so nothing was checked.
        if (!outcome.problem) entries[entries.length - 1] = entryOf(cert, 'not-checked');
        if (depth === 0 && index === 0) messages.push(PKI.PKI_REVOCATION_NOT_FOUND({ subject }));
      }
    }
  }
  const used = [...signers.values()];
  if (unknown) return { status: 'revocation-unknown', subIndication: 'TRY_LATER', entries, messages, rejected: unknown, signers: used };
  if (stale) return { status: 'revocation-stale', subIndication: 'TRY_LATER', entries, messages, rejected: stale, signers: used };
  return { status: 'valid', subIndication: 'TRY_LATER', entries, messages, signers: used };
}
