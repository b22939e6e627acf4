/**
 * RFC 5280 §6.3.3 CRL processing for one certificate of a validated path.
 *
 * Checked: the CRL's issuer and scope against each of the certificate's distribution
 * points (cRLIssuer / indirectCRL, issuing distribution point names, only-user / only-CA
 * / only-attribute flags, onlySomeReasons), the signer (signerAuthorised: cRLSign, path
 * to the same anchor), freshness, delta CRLs (same issuer, scope and key; base number
 * not above the complete CRL's number), entries with certificateHold and removeFromCRL,
 * and that the CRLs used together cover every reason.
 *
 * Evidence before freshness: every CRL in scope whose signer is authorised is searched
 * for the certificate, fresh or not. A revocation dated at or before `at` (other than
 * certificateHold, which only the newest CRL can say) is permanent, so a stale CRL that
 * lists the certificate revokes it. Freshness decides only whether the *absence* of an
 * entry proves "good". So does a delta CRL whose base is missing or does not match: it
 * cannot say "good", but a permanent revocation it lists revokes. And a CRL issued after
 * the certificate expired, unless it carries ExpiredCertsOnCRL covering the certificate:
 * CAs drop expired entries (RFC 5280 §3.3), so it is treated as out of date for "good".
 *
 * Time: CRLs issued after `now` are ignored; a CRL is stale when its nextUpdate (or,
 * without one, its thisUpdate) and its thisUpdate are both before `at` — one issued
 * after `at` proves the status at `at`. A revocation dated after `at` does not revoke
 * for this validation; it is returned so the caller can report it.
 */
import type { Message } from '../../report/messages.js';
import { certificateLabel, isCa, type ParsedCertificate } from '../certificate.js';
import type { PathNode, ValidationContext } from '../context.js';
import type { DistributionPoint, DistributionPointName } from '../extensions.js';
import { generalNameKey, type GeneralName } from '../general-names.js';
import { PKI } from '../messages.js';
import { appendRdn, namesEqual, type DistinguishedName } from '../names.js';
import { ALL_REASONS, REASON_NAMES, serialKey, type CrlEntry, type ParsedCrl } from './crl.js';
import type { CrlRecord } from './data.js';
import { signerAuthorised } from './signer.js';

export interface Revocation {
  readonly time: Date;
  readonly reason?: number;
}

export interface CrlEvaluation {
  readonly outcome: 'good' | 'revoked' | 'undetermined';
  /** The CRL that decided (the last complete CRL used for `good`). */
  readonly record?: CrlRecord;
  /** For `revoked`, and for a revocation dated after `at` (outcome `good`). */
  readonly revocation?: Revocation;
  /** Only stale CRLs were in scope. */
  readonly stale: boolean;
  /** The nextUpdate of the freshest stale CRL seen. */
  readonly staleNextUpdate?: Date;
  /** A stale CRL in scope was supplied by the caller or fetched (not only embedded). */
  readonly staleRequested?: boolean;
  /** CRLs in scope were unusable for another reason (signature, signer, extensions, missing base). */
  readonly problem: boolean;
  /** Some of the unusable data was supplied by the caller or fetched (not only embedded). */
  readonly problemRequested?: boolean;
  readonly messages: readonly Message[];
  /** Who signed the CRLs this evaluation relied on (for the caller's algorithm policy). */
  readonly signers?: readonly ParsedCertificate[];
  /** `revoked` by certificateHold: a newer answer elsewhere (OCSP) that says good releases it. */
  readonly hold?: boolean;
  /** thisUpdate of the newest CRL used (for `good`, and the hold's CRL for a hold). */
  readonly newest?: Date;
}

const VIRTUAL_DP: DistributionPoint = {};

function directoryNames(names: readonly GeneralName[] | undefined): DistinguishedName[] {
  return (names ?? []).flatMap((n) => (n.kind === 'directory' ? [n.name] : []));
}

function resolveName(name: DistributionPointName, relativeTo: DistinguishedName | undefined): string[] {
  if (name.kind === 'full') return name.names.map(generalNameKey);
  if (!relativeTo) return [];
  try {
    return [generalNameKey({ kind: 'directory', name: appendRdn(relativeTo, name.rdnDer) })];
  } catch {
    return [];
  }
}

/** §6.3.3 (b): is `crl` about `cert` for distribution point `dp`? */
function inScope(cert: ParsedCertificate, dp: DistributionPoint, crl: ParsedCrl): boolean {
  const idp = crl.issuingDistributionPoint;
  const dpIssuers = directoryNames(dp.crlIssuer);
  if (dp.crlIssuer) {
    if (!idp?.indirectCRL || !dpIssuers.some((n) => namesEqual(n, crl.issuer))) return false;
  } else if (!namesEqual(crl.issuer, cert.issuer)) {
    return false;
  }
  if (idp) {
    if (idp.name) {
      const idpNames = new Set(resolveName(idp.name, crl.issuer));
      const dpNames = dp.name
        ? resolveName(dp.name, dpIssuers[0] ?? cert.issuer)
        : (dp.crlIssuer ?? []).map(generalNameKey);
      if (!dpNames.some((n) => idpNames.has(n))) return false;
    }
    if (idp.onlyContainsUserCerts && isCa(cert)) return false;
    if (idp.onlyContainsCACerts && !isCa(cert)) return false;
    if (idp.onlyContainsAttributeCerts) return false;
  }
  return true;
}

function interimReasons(dp: DistributionPoint, crl: ParsedCrl): Set<number> {
  const dpReasons = dp.reasons ?? ALL_REASONS;
  const idpReasons = crl.issuingDistributionPoint?.onlySomeReasons ?? ALL_REASONS;
  return new Set([...dpReasons].filter((r) => idpReasons.has(r) && ALL_REASONS.has(r)));
}

function entryFor(cert: ParsedCertificate, crl: ParsedCrl): CrlEntry | undefined {
  return crl.entries.get(serialKey(cert.serialNumber))?.find((e) => directoryNames(e.certificateIssuer).some((n) => namesEqual(n, cert.issuer)));
}

/**
 * Issued after `cert` expired, by a CA that does not say it keeps expired certificates
 * (ExpiredCertsOnCRL at or before the expiry), so its silence about `cert` proves nothing.
 */
function issuedAfterExpiry(crl: ParsedCrl, cert: ParsedCertificate): boolean {
  return crl.thisUpdate > cert.notAfter && !(crl.expiredCertsOnCrl !== undefined && crl.expiredCertsOnCrl <= cert.notAfter);
}

/**
 * `cert`'s entry in `crl` when it is a permanent revocation dated at or before `at`: not a
 * hold (only the newest list decides one) nor removeFromCRL. Evidence whatever the list's
 * age, completeness or issue date.
 */
function permanentRevocation(cert: ParsedCertificate, crl: ParsedCrl, at: Date): CrlEntry | undefined {
  const listed = entryFor(cert, crl);
  return listed && listed.reason !== REMOVE_FROM_CRL && listed.reason !== CERTIFICATE_HOLD && listed.revocationDate <= at ? listed : undefined;
}

function isStale(crl: ParsedCrl, at: Date): boolean {
  return (crl.nextUpdate ?? crl.thisUpdate) < at && crl.thisUpdate < at;
}

interface Signed {
  readonly signer: ParsedCertificate;
}

async function findSigner(
  crl: ParsedCrl,
  cert: ParsedCertificate,
  index: number,
  path: readonly PathNode[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<Signed | undefined> {
  if (!crl.signatureAlgorithmConsistent) return undefined;
  const candidates: ParsedCertificate[] = [];
  const issuer = path[index + 1]?.cert;
  if (issuer && namesEqual(crl.issuer, cert.issuer)) candidates.push(issuer);
  for (const node of ctx.pool.bySubjectKey(crl.issuer.key)) {
    if (candidates.some((c) => c.sha256 === node.cert.sha256)) continue;
    if (crl.authorityKeyIdentifier && node.cert.subjectKeyIdentifier && crl.authorityKeyIdentifier !== node.cert.subjectKeyIdentifier) continue;
    candidates.push(node.cert);
  }
  for (const signer of candidates) {
    if (!namesEqual(signer.subject, crl.issuer)) continue;
    const check = await ctx.checkSignature(crl.sha256, crl.tbs, crl.signatureValue, crl.signatureAlgorithm, signer);
    if (!check.ok) continue;
    if (await signerAuthorised({ signer, path, purpose: 'crl', issuedAt: crl.thisUpdate, depth, inProgress }, ctx)) return { signer };
  }
  return undefined;
}

async function applicableDelta(
  complete: ParsedCrl,
  signer: ParsedCertificate,
  deltas: readonly CrlRecord[],
  ctx: ValidationContext,
): Promise<{ delta?: CrlRecord; unmatched?: ParsedCrl }> {
  let unmatched: ParsedCrl | undefined;
  for (const record of deltas) {
    const delta = record.crl;
    if (!namesEqual(delta.issuer, complete.issuer) || delta.unusable || delta.thisUpdate > ctx.settings.now) continue;
    const sameScope = (delta.issuingDistributionPoint?.der.join(',') ?? '') === (complete.issuingDistributionPoint?.der.join(',') ?? '');
    const sameKey = delta.authorityKeyIdentifier === undefined || complete.authorityKeyIdentifier === undefined || delta.authorityKeyIdentifier === complete.authorityKeyIdentifier;
    if (!sameScope || !sameKey || delta.deltaBase === undefined) continue;
    if (complete.crlNumber === undefined || delta.deltaBase > complete.crlNumber || (delta.crlNumber !== undefined && delta.crlNumber <= complete.crlNumber)) {
      unmatched = delta;
      continue;
    }
    if (isStale(delta, ctx.settings.at) || !delta.signatureAlgorithmConsistent) continue;
    const check = await ctx.checkSignature(delta.sha256, delta.tbs, delta.signatureValue, delta.signatureAlgorithm, signer);
    if (check.ok) return { delta: record };
  }
  return unmatched ? { unmatched } : {};
}

/** RFC 5280 §5.3.1 reason code certificateHold: temporary, lifted by a later CRL (or OCSP answer). */
export const CERTIFICATE_HOLD = 6;
/** RFC 5280 §5.3.1 reason code removeFromCRL: meaningful only in a delta CRL, where it lifts a hold. */
const REMOVE_FROM_CRL = 8;

/** Runs §6.3.3 for `path[index]` over the CRLs at hand. */

export async function evaluateCrls(
  index: number,
  path: readonly PathNode[],
  records: readonly CrlRecord[],
  ctx: ValidationContext,
  depth: number,
  inProgress: ReadonlySet<string>,
): Promise<CrlEvaluation> {
  const cert = (path[index] as PathNode).cert;
  const { at, now } = ctx.settings;
  const messages: Message[] = [];
  const completes = records.filter((r) => r.crl.deltaBase === undefined);
  const deltas = records.filter((r) => r.crl.deltaBase !== undefined);
  const dps = cert.crlDistributionPoints && cert.crlDistributionPoints.length > 0 ? cert.crlDistributionPoints : [VIRTUAL_DP];
  const reasonsMask = new Set<number>();
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
  let decided: { record: CrlRecord; entry?: CrlEntry } | undefined;
  let later: Revocation | undefined;
  let lastUsed: CrlRecord | undefined;
  const signers = new Map<string, ParsedCertificate>();

  // A delta CRL with no complete CRL of its scope: the base is missing.
  for (const record of deltas) {
    if (namesEqual(record.crl.issuer, cert.issuer) && !completes.some((c) => namesEqual(c.crl.issuer, record.crl.issuer))) {
      noteUnusable(record, PKI.PKI_DELTA_CRL_UNMATCHED({ issuer: record.crl.issuerText, base: String(record.crl.deltaBase) }));
    }
  }

  // Every usable CRL in scope is read, not only until the reasons are covered: a
  // revocation listed in any valid CRL is permanent, so an older CRL (say, one the signer
  // embedded) can never hide a newer listing. Only certificateHold is decided by the newest CRL.
  let hold: { record: CrlRecord; entry: CrlEntry; thisUpdate: Date } | undefined;
  let newestUsed: Date | undefined;
  for (const dp of dps) {
    for (const record of completes) {
      if (decided) break;
      const crl = record.crl;
      if (!inScope(cert, dp, crl)) continue;
      if (crl.thisUpdate > now) {
        messages.push(PKI.PKI_CRL_AFTER_NOW({ issuer: crl.issuerText, thisUpdate: crl.thisUpdate.toISOString(), now: now.toISOString() }));
        continue;
      }
      if (crl.unusable) {
        noteUnusable(record, PKI.PKI_CRL_UNUSABLE({ issuer: crl.issuerText, detail: crl.unusable }));
        continue;
      }
      const interim = interimReasons(dp, crl);
      const signed = await findSigner(crl, cert, index, path, ctx, depth, inProgress);
      if (!signed) {
        noteUnusable(record, PKI.PKI_CRL_SIGNER_INVALID({ issuer: crl.issuerText }));
        continue;
      }
      signers.set(signed.signer.sha256, signed.signer);
      if (issuedAfterExpiry(crl, cert)) {
        // CAs drop expired certificates (RFC 5280 §3.3): such a CRL proves a revocation it
        // lists, never the absence of one. Answered like out-of-date data.
        const listed = permanentRevocation(cert, crl, at);
        if (listed) {
          decided = { record, entry: listed };
          break;
        }
        if (record.source !== 'embedded') staleRequested = true;
        stale = true;
        messages.push(PKI.PKI_REVOCATION_AFTER_EXPIRY({ method: 'CRL', subject: certificateLabel(cert), thisUpdate: crl.thisUpdate.toISOString(), notAfter: cert.notAfter.toISOString() }));
        continue;
      }
      const { delta, unmatched } = await applicableDelta(crl, signed.signer, deltas, ctx);
      if (isStale(crl, at) && !delta) {
        // A stale list still proves a revocation it carries (not a hold: the newest list decides that).
        const listed = permanentRevocation(cert, crl, at);
        if (listed) {
          decided = { record, entry: listed };
          break;
        }
        if (record.source !== 'embedded') staleRequested = true;
        if (unmatched) {
          noteUnusable(record, PKI.PKI_DELTA_CRL_UNMATCHED({ issuer: crl.issuerText, base: String(unmatched.deltaBase) }));
        }
        stale = true;
        const next = crl.nextUpdate ?? crl.thisUpdate;
        if (!staleNextUpdate || next > staleNextUpdate) staleNextUpdate = next;
        continue;
      }
      // §6.3.3 (i)–(k): the delta speaks first; removeFromCRL undoes a hold.
      const fromDelta = delta ? entryFor(cert, delta.crl) : undefined;
      const entry = fromDelta ?? entryFor(cert, crl);
      const source = fromDelta && delta ? delta : record;
      if (!newestUsed || crl.thisUpdate > newestUsed) newestUsed = crl.thisUpdate;
      if (entry && entry.reason !== REMOVE_FROM_CRL) {
        if (entry.revocationDate <= at) {
          if (entry.reason === CERTIFICATE_HOLD) {
            if (!hold || crl.thisUpdate > hold.thisUpdate) hold = { record: source, entry, thisUpdate: crl.thisUpdate };
          } else {
            decided = { record: source, entry };
            break;
          }
        } else {
          later ??= { time: entry.revocationDate, ...(entry.reason !== undefined ? { reason: entry.reason } : {}) };
        }
      }
      for (const r of interim) reasonsMask.add(r);
      lastUsed = delta ?? record;
    }
    if (decided) break;
  }

  // A delta CRL without a usable base cannot say "good", but a permanent revocation it lists
  // is the CA's signed word like any other CRL's (evidence before completeness).
  if (!decided) {
    for (const record of deltas) {
      const crl = record.crl;
      if (crl.unusable || crl.thisUpdate > now || !dps.some((dp) => inScope(cert, dp, crl))) continue;
      const listed = permanentRevocation(cert, crl, at);
      if (!listed) continue;
      const signed = await findSigner(crl, cert, index, path, ctx, depth, inProgress);
      if (!signed) continue;
      signers.set(signed.signer.sha256, signed.signer);
      decided = { record, entry: listed };
      break;
    }
  }
  // A hold stands only if no newer usable CRL in scope has released it.
  const held = !decided && hold && newestUsed && hold.thisUpdate >= newestUsed ? hold : undefined;
  if (held) decided = { record: held.record, entry: held.entry };
  if (decided?.entry) {
    const entry = decided.entry;
    return {
      outcome: 'revoked',
      record: decided.record,
      revocation: { time: entry.revocationDate, ...(entry.reason !== undefined ? { reason: entry.reason } : {}) },
      stale: false,
      problem,
      messages,
      signers: [...signers.values()],
      ...(held ? { hold: true, newest: held.thisUpdate } : {}),
    };
  }
  if (reasonsMask.size === ALL_REASONS.size && lastUsed) {
    return {
      outcome: 'good',
      record: lastUsed,
      ...(later ? { revocation: later } : {}),
      stale: false,
      problem,
      messages,
      signers: [...signers.values()],
      ...(newestUsed ? { newest: newestUsed } : {}),
    };
  }
  return { outcome: 'undetermined', stale, ...(staleNextUpdate ? { staleNextUpdate } : {}), staleRequested, problem, problemRequested, messages };
}

export function reasonName(code: number | undefined): string {
  return code === undefined ? 'unspecified' : (REASON_NAMES[code] ?? `code ${code}`);
}
