/**
 * Typed facts every report carries, so that metrics and document-management systems
 * read them instead of re-deriving them from certificate text: the agency, the
 * document's date, its province, and per signature its role, PKI, timestamp, LTV data,
 * weak algorithms and revocation check.
 *
 * Warnings first:
 * - A PDF document timestamp is nobody's signature: it is listed (kind
 *   `document-timestamp`) but never makes a document signed, never gives it a role.
 * - An edXML package signature is a transport layer (kind `package-signature`): it
 *   never makes the carried document signed either.
 * - Metadata counts only when a passing signature covers it (edXML sender OrganId, and only
 *   under the signature of the organisation that signs the documents the package carries);
 *   an identity comes from a certificate only when its signature verified and chained
 *   to an anchor. What cannot be determined is left out (undefined), never guessed.
 * - Facts are derived from the report alone (plus the anchor → PKI lookup), so a
 *   report read back from JSONL yields the same facts.
 */
import type { Places } from '../metrics/places.js';
import type { DocumentIndication, MainIndication, SubIndication } from './indications.js';
import type { DocumentReport, RolesReport, SignatureReport, SignerReport, SignerRole } from './types.js';

/**
 * Which PKI a signer's certificate belongs to, from the root its path was built to: `government` (a
 * bundled root of the Government Cipher Committee), `public` (a bundled NEAC root of the public
 * CAs), `other` (an anchor you supplied), `untrusted` (no path to any anchor). Says where the path
 * leads, not that it validated: the indication says that.
 */
export type Pki = 'government' | 'public' | 'other' | 'untrusted';

/** What a bundled root is, by the SHA-256 of its DER (upper-case hex); undefined for any other certificate. */
export type AnchorPkiLookup = (sha256: string) => 'government' | 'public' | undefined;

/**
 * What a signature is for: `signature` (a person's or organisation's signature on the document),
 * `package-signature` (an edXML transport signature, never a signature on the carried document),
 * `document-timestamp` (a PDF document timestamp: proves when, signed by nobody).
 */
export type SignatureKind = 'signature' | 'package-signature' | 'document-timestamp';

// e-invoice signature roles (Decree 123/2020: DSCKS/NBan, NMua, CQT): the profile owns them.
import type { EinvoiceRole } from '../formats/einvoice/types.js';
export type { EinvoiceRole };

/**
 * The facts of one signature, derived from its report alone (so a report read back from JSON yields
 * the same facts).
 */
export interface SignatureFacts {
  /** The signature's `id` in the report it came from. */
  readonly id: string;
  /** The attachment path the signature sits in (`a.pdf`, `x.zip/b.pdf`); absent for the document itself. */
  readonly in?: string;
  /** What the signature is for; only `signature` makes a document signed or gives it a role. */
  readonly kind: SignatureKind;
  /** Decree 30 role; `none` for document timestamps. */
  readonly role: SignerRole | 'none';
  /** For an e-invoice signature, whose it is; undefined outside e-invoices. */
  readonly einvoiceRole?: EinvoiceRole;
  /** The signature's own verdict (ETSI EN 319 102-1), as in its report. */
  readonly indication: MainIndication;
  /** Why the signature failed or is indeterminate; undefined when it passed. */
  readonly subIndication?: SubIndication;
  /** The root a path was built to (validated or not): a bundled government or public root, another anchor, or none (`untrusted`). */
  readonly pki: Pki;
  /** A verified timestamp (signature or document timestamp) proves when it existed. */
  readonly timestamped: boolean;
  /** Revocation data for its chain is embedded in the document (PDF DSS, CMS/XAdES values). */
  readonly ltv: boolean;
  /** e.g. `SHA-1`, `RSA-1024`; empty when none. */
  readonly weakAlgorithms: readonly string[];
  /** The signer certificate's status was established (good or revoked) from CRL or OCSP data. */
  readonly revocation: 'checked' | 'not-checked';
  /**
   * A certificate of its chain was found revoked, or the verdict is a revocation one (REVOKED,
   * REVOKED_NO_POE, REVOKED_CA_NO_POE). `false` also when revocation was not checked: see
   * `revocation`.
   */
  readonly revoked: boolean;
  /** The signed content changed after signing (digest mismatch, or changes the PDF rules call `other`). */
  readonly modified: boolean;
  /** Signer certificate outside its validity with no proof of existence in time (OUT_OF_BOUNDS_NO_POE). */
  readonly expiredWithoutPoe: boolean;
  /** Proven by a verified signature timestamp, else the signer's claim. */
  readonly signingTime?: {
    /** The instant, ISO 8601 (UTC): the earliest verified signature timestamp's time, else the time the signer claims. */
    readonly value: string;
    /** `true` when `value` comes from a verified signature timestamp; `false` when it is the signer's unproven claim. */
    readonly proven: boolean;
  };
}

/**
 * Where an agency fact comes from: the edXML sender's OrganId (covered by a passing organisation signature), an
 * e-invoice's seller tax code (seller signature passed), the tax authority's certificate on an
 * e-invoice message, or the certificate of a verified organisation signature.
 */
export type AgencySource = 'edxml-sender' | 'einvoice-seller' | 'einvoice-tax-authority' | 'certificate';
/**
 * Which kind of identifier names an agency: an edXML OrganId, a tax code (MST), a budget-unit code
 * (MNS), or, without any code, the certificate's organisation name (O, with OU or CN).
 */
export type AgencyScheme = 'organ-id' | 'tax-code' | 'budget-code' | 'organization-name';

/**
 * The agency a document comes from, taken only from what a signature proves: covered metadata, or
 * the certificate of a signature that verified and chained to an anchor. Absent (undefined on the
 * document facts) when nothing proves it.
 */
export interface AgencyFact {
  /** Which kind of identifier `id` is. */
  readonly scheme: AgencyScheme;
  /** The identifier as found: an OrganId, a tax code, an O (/ OU) name. */
  readonly id: string;
  /** `scheme:id`, the grouping key. */
  readonly key: string;
  /**
   * A readable name: the agency table's name, else the header's or certificate's organisation name;
   * undefined when none is known.
   */
  readonly name?: string;
  /** Where the fact comes from. */
  readonly source: AgencySource;
  /** OrganIds only: the code (or its level-1 unit) is in the agency table. */
  readonly listed?: boolean;
}

/**
 * Where a document date comes from, best first: the edXML promulgation date or the e-invoice date a
 * passing signature covers, a verified signature timestamp, the signer's claimed signing time, and
 * last an e-invoice or edXML header date no passing signature covers (`signed: false`). A date
 * after the validation day is never taken.
 */
export type DateSource = 'edxml-promulgation-date' | 'einvoice-date' | 'signature-timestamp' | 'claimed-signing-time';

/** The date a document was issued or signed, with where it comes from and whether it is proven. */
export interface DateFact {
  /** yyyy-MM-dd, Vietnam time. */
  readonly value: string;
  /** Where `value` comes from. */
  readonly source: DateSource;
  /** The date was covered by a passing signature (header dates) or proven by a timestamp. */
  readonly signed: boolean;
}

/**
 * Where a province fact comes from: the edXML sender's OrganId (via the agency table), the
 * certificate subject's ST attribute, or the first digits of a tax code.
 */
export type ProvinceSource = 'organ-id' | 'certificate-st' | 'tax-code-prefix';

/** The province a document's agency belongs to, on the map in force on the document's date. */
export interface ProvinceFact {
  /** `63`: the map in force before 1 July 2025; `34`: after (Resolution 202/2025/QH15). */
  readonly map: '63' | '34';
  /** The province's code on `map`, e.g. `01` for Hà Nội. */
  readonly code: string;
  /** The province's name on `map`, in Vietnamese. */
  readonly name: string;
  /** `63:02`, `34:08`. */
  readonly key: string;
  /** The unit in the 63-unit map the source named. */
  readonly before: string;
  /** Where the province was found. */
  readonly source: ProvinceSource;
  /** The table entry behind it is confirmed (certificate ST: the CA attests it). */
  readonly confirmed: boolean;
}

/**
 * The state of an edXML package's own signatures: `passed` when all passed, `failed` when one
 * failed, `indeterminate` otherwise, `absent` when the package has none.
 */
export type PackageSignatureFact = 'passed' | 'failed' | 'indeterminate' | 'absent';

/** Identifiers of an e-invoice, as written on it (the seller's signature says whether they are proven). */
export interface EinvoiceFacts {
  /** The seller's tax code (MST) as written on the invoice. */
  readonly sellerTaxCode?: string;
  /** The buyer's tax code, as written; undefined for buyers without one (individuals). */
  readonly buyerTaxCode?: string;
  /** MCCQT, the tax authority's code on the invoice. */
  readonly taxAuthorityCode?: string;
  /**
   * The tax-authority message type (MLTDiep) when the document is such a message; undefined for a
   * plain invoice.
   */
  readonly messageType?: string;
}

/**
 * The facts of a document (its attachments included) for metrics and archives: who issued it, when,
 * where, and per signature what it proves. What cannot be determined is undefined, never guessed.
 */
export interface DocumentFacts {
  /** The shape's version; a new shape gets a new number. */
  readonly version: 1;
  /** The issuing agency; undefined unless a signature proves it. */
  readonly agency?: AgencyFact;
  /** The document's date; undefined when no source gives one. */
  readonly documentDate?: DateFact;
  /** The agency's province; undefined when the agency or its province is unknown. */
  readonly province?: ProvinceFact;
  /** Decree 30 roles over the document signatures (package signatures and document timestamps left out), attachments included. */
  readonly roles: RolesReport;
  /**
   * Every signature's facts, in report order, the document's own first, then each attachment's
   * (depth first); at most 10,000.
   */
  readonly signatures: readonly SignatureFacts[];
  /** edXML packages only: the package signature's state, and whether the package is a document or a status message. */
  readonly edxml?: {
    /** Whether the package's own transport signatures hold; says nothing about the documents it carries. */
    readonly packageSignature: PackageSignatureFact;
    /**
     * `status` for a status message (QCVN 102: a StatusCode and no body — arrived, accepted,
     * assigned, done, recall…): a processing receipt about a document, not a document, so metrics
     * leave it out of the document counts. `document` for a package with a body. Absent in facts
     * of kyso before 0.1.0's status counting; read the report's `details.edxml.kind` then.
     */
    readonly kind?: 'document' | 'status';
    /**
     * Whether the header's sender OrganId named the agency: `organization-signed` (it did: a passing
     * signature covers it, by the organisation whose signature the carried documents bear, or by
     * any organisation on a status message), `other-signed` (only a person's or an unknown-role
     * signature covers it, or another organisation's than the documents': anyone with a certificate
     * could have written another agency's code, so the agency comes from a certificate instead),
     * `not-signed` (no passing signature covers it). Absent when the header names no sender.
     */
    readonly sender?: 'organization-signed' | 'other-signed' | 'not-signed';
  };
  /** e-invoices only: identifiers read from the invoice. */
  readonly einvoice?: EinvoiceFacts;
}

/** Inputs of `deriveFacts`: the lookup tables it reads; no clock, no network. */
export interface FactsOptions {
  /** What each root is (metrics/anchors.ts `bundledAnchorPki()`); without it a path to any root reads as `other`. */
  readonly anchorPki?: AnchorPkiLookup;
  /** The province, agency and tax-prefix tables (metrics/places.ts `BUNDLED_PLACES`). */
  readonly places: Places;
}

/** Bounds for reports read from untrusted JSONL: nesting and signature counts. */
const MAX_DEPTH = 16;
const MAX_SIGNATURES = 10_000;

const WEAK_CODES = new Set(['POLICY_WEAK_ALGORITHM_ACCEPTED', 'POLICY_WEAK_ALGORITHM_EXPIRED', 'POLICY_ALGORITHM_UNACCEPTABLE']);
const REVOKED_SUB: ReadonlySet<string> = new Set(['REVOKED', 'REVOKED_NO_POE', 'REVOKED_CA_NO_POE']);

/** The calendar day in Vietnam (UTC+7, no daylight saving) of an ISO-8601 instant. */
function vietnamDay(instant: string): string | undefined {
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

function record(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A report's details as plain data: reports read back from JSONL are not trusted to match their types. */
function plain(details: unknown): Readonly<Record<string, unknown>> | undefined {
  return record(details);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function isRsaBelow2048(key: string | undefined): string | undefined {
  const match = key ? /^RSA-(\d+)$/.exec(key) : null;
  return match && Number(match[1]) < 2048 ? `RSA-${match[1]}` : undefined;
}

function weakAlgorithms(s: SignatureReport): string[] {
  const weak = new Set<string>();
  for (const m of s.messages) {
    const algorithm = m.params?.['algorithm'];
    if (WEAK_CODES.has(m.code) && typeof algorithm === 'string') weak.add(algorithm);
  }
  if (/sha-?1(?!\d)/i.test(s.algorithms.digest ?? '') || /sha-?1(?!\d)/i.test(s.algorithms.signature ?? '')) weak.add('SHA-1');
  if (/md5/i.test(`${s.algorithms.digest ?? ''} ${s.algorithms.signature ?? ''}`)) weak.add('MD5');
  for (const key of [s.algorithms.publicKey, s.signer?.publicKey]) {
    const short = isRsaBelow2048(key);
    if (short) weak.add(short);
  }
  return [...weak].sort();
}

/** What a signature in a report is for (see SignatureKind). */
export function signatureKind(s: SignatureReport): SignatureKind {
  if (s.format === 'document-timestamp') return 'document-timestamp';
  return plain(s.details)?.['layer'] === 'edxml-package' ? 'package-signature' : 'signature';
}

/** The earliest passing signature timestamp's time (the first in string order, as a sort would give). */
function provenTime(s: SignatureReport): string | undefined {
  let earliest: string | undefined;
  for (const t of s.timestamps) {
    if (t.kind === 'signature' && t.indication === 'TOTAL_PASSED' && (earliest === undefined || t.genTime < earliest)) earliest = t.genTime;
  }
  return earliest;
}

export function signatureFacts(s: SignatureReport, where: string | undefined, anchorPki: AnchorPkiLookup | undefined, einvoiceRole?: EinvoiceRole): SignatureFacts {
  const kind = signatureKind(s);
  const anchor = s.chain.length > 0 ? s.chain[s.chain.length - 1] : undefined;
  // The PKI that issued the signer's certificate: a path was built to its root, whether or
  // not the path then validated (revoked, expired, wrong key usage are the indication's business).
  const bundledRoot = anchor ? anchorPki?.(anchor.sha256) : undefined;
  const builtToAnchor = s.trusted === 'passed' || (anchor !== undefined && s.chain.length > 1 && anchor.source === 'trust-store' && anchor.subject === anchor.issuer);
  const pki: Pki = bundledRoot ?? (builtToAnchor ? 'other' : 'untrusted');
  const own = s.signer ? s.revocation.find((r) => r.certificate.toUpperCase() === s.signer!.sha256.toUpperCase()) : undefined;
  const proven = provenTime(s);
  const claimed = s.times.claimedSigningTime;
  return {
    id: s.id,
    ...(where !== undefined ? { in: where } : {}),
    kind,
    role: kind === 'document-timestamp' ? 'none' : (s.signer?.role ?? 'unknown'),
    ...(einvoiceRole ? { einvoiceRole } : {}),
    indication: s.indication,
    ...(s.subIndication ? { subIndication: s.subIndication } : {}),
    pki,
    timestamped: kind === 'document-timestamp' ? s.indication === 'TOTAL_PASSED' : s.timestamps.some((t) => t.indication === 'TOTAL_PASSED'),
    ltv: s.revocation.some((r) => r.source === 'embedded'),
    weakAlgorithms: weakAlgorithms(s),
    revocation: own && (own.status === 'good' || own.status === 'revoked') ? 'checked' : 'not-checked',
    revoked: s.revocation.some((r) => r.status === 'revoked') || (s.subIndication !== undefined && REVOKED_SUB.has(s.subIndication)),
    modified: s.intact === 'failed' || s.modifications?.level === 'other',
    expiredWithoutPoe: s.subIndication === 'OUT_OF_BOUNDS_NO_POE',
    ...(proven ? { signingTime: { value: proven, proven: true } } : claimed ? { signingTime: { value: claimed, proven: false } } : {}),
  };
}

/**
 * Decree 30/2020 roles over signature facts in document order: a passing person
 * signature, a passing organisation signature, and complete when an organisation
 * signature comes after a person's in the same document (Art. 5 and 32).
 */
export function rolesOf(signatures: readonly SignatureFacts[]): RolesReport {
  const units = new Map<string, SignatureFacts[]>();
  for (const s of signatures) {
    if (s.kind !== 'signature' || s.indication !== 'TOTAL_PASSED') continue;
    const unit = s.in ?? '';
    const list = units.get(unit) ?? [];
    list.push(s);
    units.set(unit, list);
  }
  let person = false;
  let organization = false;
  let complete = false;
  for (const list of units.values()) {
    const firstPerson = list.findIndex((s) => s.role === 'person');
    if (firstPerson >= 0) person = true;
    if (list.some((s) => s.role === 'organization')) organization = true;
    if (firstPerson >= 0 && list.some((s, i) => i > firstPerson && s.role === 'organization')) complete = true;
  }
  return { person, organization, complete };
}

interface Collected {
  readonly signatures: SignatureFacts[];
  /** The verified SignatureReports, for identity. */
  readonly verified: { report: SignatureReport; facts: SignatureFacts }[];
}

function einvoiceRole(s: SignatureReport): EinvoiceRole | undefined {
  const details = plain(s.details);
  if (details?.['kind'] !== 'einvoice') return undefined;
  const role = details['role'];
  return role === 'seller' || role === 'buyer' || role === 'tax-authority' ? role : 'other';
}

function collect(report: DocumentReport, where: string | undefined, depth: number, anchorPki: AnchorPkiLookup | undefined, out: Collected): void {
  for (const s of report.signatures) {
    if (out.signatures.length >= MAX_SIGNATURES) return;
    const facts = signatureFacts(s, where, anchorPki, einvoiceRole(s));
    out.signatures.push(facts);
    if (s.intact === 'passed' && s.valid === 'passed' && s.trusted === 'passed') out.verified.push({ report: s, facts });
  }
  if (depth >= MAX_DEPTH) return;
  for (const attachment of report.attachments ?? []) {
    collect(attachment, where === undefined ? attachment.name : `${where}/${attachment.name}`, depth + 1, anchorPki, out);
  }
}

/** RFC 4514 attribute values of `type` in a subject string (escaped commas kept). */
function subjectAttribute(subject: string, type: string): string | undefined {
  let current = '';
  const parts: string[] = [];
  for (let i = 0; i < subject.length; i++) {
    const c = subject[i]!;
    if (c === '\\' && i + 1 < subject.length) {
      current += subject[++i];
    } else if (c === ',' || c === '+') {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim().toUpperCase() === type) return part.slice(eq + 1).trim();
  }
  return undefined;
}

interface FieldFacts {
  readonly value?: unknown;
  readonly covered?: boolean;
  readonly signedBy: readonly string[];
  /** Positions in the report's signatures of those that bind the field; undefined in reports made before they were given. */
  readonly bindingSignatures?: readonly number[];
}

function metadataField(report: DocumentReport, name: string): FieldFacts | undefined {
  const details = plain(report.details);
  if (details?.['kind'] !== undefined && details['kind'] !== 'edxml') return undefined;
  const field = record(record(details?.['metadata'])?.[name]);
  const signedBy = Array.isArray(field?.['signedBy']) ? (field['signedBy'] as unknown[]).filter((id): id is string => typeof id === 'string') : [];
  const positions = field?.['bindingSignatures'];
  const bindingSignatures = Array.isArray(positions) ? positions.filter((p): p is number => Number.isInteger(p)) : undefined;
  return field ? { value: field['value'], covered: field['covered'] === true, signedBy, ...(bindingSignatures ? { bindingSignatures } : {}) } : undefined;
}

function agencyFromCertificate(
  verified: Collected['verified'],
  which: (facts: SignatureFacts) => boolean,
  source: AgencySource,
): { agency: AgencyFact; subject: string; taxCode?: string } | undefined {
  // The agency signs last (Decree 30 Art. 32): prefer the last such signature of the outermost document.
  const candidates = verified.filter((v) => v.facts.kind === 'signature' && which(v.facts));
  const chosen = candidates.filter((v) => v.facts.in === undefined).at(-1) ?? candidates.at(-1);
  return chosen?.report.signer ? agencyOfSigner(chosen.report.signer, source) : undefined;
}

/** The agency a signer's certificate names: its tax code, else its budget-unit code, else its O (with OU or CN). */
function agencyOfSigner(signer: SignerReport, source: AgencySource): { agency: AgencyFact; subject: string; taxCode?: string } | undefined {
  const name = signer.organization ?? signer.commonName;
  const mst = signer.identifiers.find((i) => i.type === 'MST');
  const mns = signer.identifiers.find((i) => i.type === 'MNS');
  const base = { source, ...(name ? { name } : {}) };
  if (mst) return { agency: { scheme: 'tax-code', id: mst.value, key: `tax-code:${mst.value}`, ...base }, subject: signer.subject, taxCode: mst.value };
  if (mns) return { agency: { scheme: 'budget-code', id: mns.value, key: `budget-code:${mns.value}`, ...base }, subject: signer.subject };
  if (signer.organization) {
    // O alone lumps every unit of a ministry together (O=BỘ TÀI CHÍNH for each tax department): add OU, else CN.
    const unit = signer.organizationalUnit ?? (signer.commonName && signer.commonName !== signer.organization ? signer.commonName : undefined);
    const id = unit ? `${signer.organization} / ${unit}` : signer.organization;
    return { agency: { scheme: 'organization-name', id, key: `organization-name:${id}`, ...base }, subject: signer.subject };
  }
  return undefined;
}

function dayOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function latest(values: readonly string[]): string | undefined {
  return values.length > 0 ? [...values].sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1) : undefined;
}

/** The day (Vietnam time) the report was made for: no document is dated after it. */
function validationDay(report: DocumentReport): string | undefined {
  const stack: { report: DocumentReport; depth: number }[] = [{ report, depth: 0 }];
  while (stack.length > 0) {
    const { report: r, depth } = stack.pop()!;
    for (const s of Array.isArray(r.signatures) ? r.signatures : []) {
      const time = s?.times?.validationTime;
      if (typeof time === 'string') return vietnamDay(time);
    }
    if (depth < MAX_DEPTH) for (const attachment of Array.isArray(r.attachments) ? r.attachments : []) if (attachment && typeof attachment === 'object') stack.push({ report: attachment, depth: depth + 1 });
  }
  return undefined;
}

/**
 * The document's date, best source first: what a passing signature covers (the edXML promulgation
 * date, the e-invoice date under the seller's signature), a verified signature timestamp, the time
 * a signer claims in its signature, and last what no signature covers (a header or invoice date
 * anyone handling the file could write). A date after the day the report was made for names a time
 * that has not come and is passed over.
 */
function documentDate(report: DocumentReport, signatures: readonly SignatureFacts[], einvoiceDate: { value: string; signed: boolean } | undefined): DateFact | undefined {
  const until = validationDay(report);
  const possible = (day: string | undefined) => (day !== undefined && (until === undefined || day <= until) ? day : undefined);
  const promulgation = metadataField(report, 'promulgationDate');
  const header = possible(dayOf(promulgation?.value));
  if (header && promulgation?.covered) return { value: header, source: 'edxml-promulgation-date', signed: true };
  const invoiceDay = possible(einvoiceDate?.value);
  if (invoiceDay && einvoiceDate?.signed) return { value: invoiceDay, source: 'einvoice-date', signed: true };
  // Pushed, not filter/map: V8's optimised `map` returns another elements kind, which deoptimised `latest`'s callers.
  const provenTimes: string[] = [];
  const claimedTimes: string[] = [];
  for (const s of signatures) {
    if (s.kind !== 'signature' || !s.signingTime) continue;
    (s.signingTime.proven ? provenTimes : claimedTimes).push(s.signingTime.value);
  }
  const proven = latest(provenTimes);
  const provenDay = possible(proven ? vietnamDay(proven) : undefined);
  if (provenDay) return { value: provenDay, source: 'signature-timestamp', signed: true };
  const claimedDays: string[] = [];
  for (const time of claimedTimes) {
    const day = possible(vietnamDay(time));
    if (day) claimedDays.push(day);
  }
  const claimedDay = latest(claimedDays);
  if (claimedDay) return { value: claimedDay, source: 'claimed-signing-time', signed: false };
  if (invoiceDay) return { value: invoiceDay, source: 'einvoice-date', signed: false };
  return header ? { value: header, source: 'edxml-promulgation-date', signed: false } : undefined;
}

/**
 * A certificate's ST value to a province code, remembered per places object: folding the
 * name (Unicode normalisation, several regular expressions) was about 2 % of a small PDF's
 * cold verification, and a folder's certificates name the same few provinces. The lookups
 * are pure functions of the name (facts derive from the report alone); bounded.
 */
const PROVINCE_BY_NAME = new WeakMap<Places, Map<string, string | undefined>>();
const MAX_PROVINCE_NAMES = 1024;

function provinceCodeByName(places: Places, name: string): string | undefined {
  let known = PROVINCE_BY_NAME.get(places);
  if (!known) {
    known = new Map();
    PROVINCE_BY_NAME.set(places, known);
  }
  if (known.has(name)) return known.get(name);
  const code = places.provinceCodeByName(name);
  if (known.size >= MAX_PROVINCE_NAMES) known.clear();
  known.set(name, code);
  return code;
}

function packageSignature(signatures: readonly SignatureFacts[]): PackageSignatureFact {
  const own = signatures.filter((s) => s.kind === 'package-signature' && s.in === undefined);
  if (own.length === 0) return 'absent';
  if (own.some((s) => s.indication === 'TOTAL_FAILED')) return 'failed';
  return own.every((s) => s.indication === 'TOTAL_PASSED') ? 'passed' : 'indeterminate';
}

function einvoiceFacts(report: DocumentReport): (EinvoiceFacts & { date?: string }) | undefined {
  const details = plain(report.details);
  if (details?.['kind'] !== 'einvoice') return undefined;
  const invoice = record(details['invoice']);
  const sellerTaxCode = text(invoice?.['sellerTaxCode']);
  const buyerTaxCode = text(invoice?.['buyerTaxCode']);
  const taxAuthorityCode = text(invoice?.['taxAuthorityCode']);
  const messageType = text(details['message']);
  const written = text(invoice?.['date']);
  const date = dayOf(written?.slice(0, 10));
  return {
    ...(sellerTaxCode ? { sellerTaxCode } : {}),
    ...(buyerTaxCode ? { buyerTaxCode } : {}),
    ...(taxAuthorityCode ? { taxAuthorityCode } : {}),
    ...(messageType ? { messageType } : {}),
    ...(date ? { date } : {}),
  };
}

/** The facts of a document report (its attachments included). Never throws on a well-typed report. */
export function deriveFacts(report: DocumentReport, options: FactsOptions): DocumentFacts {
  const { places } = options;
  const collected: Collected = { signatures: [], verified: [] };
  collect(report, undefined, 0, options.anchorPki, collected);
  const { signatures } = collected;

  const einvoice = einvoiceFacts(report);
  // The seller's signature covers the invoice data (DLHDon), its date and tax codes included.
  const sellerSigned = signatures.some((s) => s.einvoiceRole === 'seller' && s.indication === 'TOTAL_PASSED');
  const date = documentDate(report, signatures, einvoice?.date ? { value: einvoice.date, signed: sellerSigned } : undefined);
  const day = date?.value;

  let agency: AgencyFact | undefined;
  // Provinces are built with Object.assign: `{ ...ref, … }` is slow in V8 (the table's keys are ours).
  let province: ProvinceFact | undefined;
  const sender = metadataField(report, 'senderOrganId');
  const organId = text(sender?.value);
  // The header names the sending agency only under that agency's own signature: a person's
  // certificate (anyone's) covering the header could otherwise put the document under any agency
  // or province. Other signers leave the agency to the certificates, as for other formats.
  const documentsAgency = agencyFromCertificate(collected.verified, (f) => f.role === 'organization', 'certificate')?.agency.key;
  const senderState = organId ? senderSignedBy(report, sender, documentsAgency) : undefined;
  if (organId && senderState === 'organization-signed' && places.organ(organId).wellFormed) {
    const { entry, level1 } = places.organ(organId);
    const headerName = text(record(record(record(plain(report.details)?.['edxml'])?.['header'])?.['from'])?.['organName']);
    const name = entry?.name ?? headerName;
    agency = { scheme: 'organ-id', id: organId, key: `organ-id:${organId}`, ...(name ? { name } : {}), source: 'edxml-sender', listed: entry !== undefined || level1 !== undefined };
    const code = entry?.province ?? level1?.province;
    const ref = code ? places.provinceOn(code, day) : undefined;
    if (ref && code) province = Object.assign({}, ref, { before: code, source: 'organ-id' as const, confirmed: (entry ?? level1)!.confirmed });
  } else if (einvoice?.sellerTaxCode && sellerSigned) {
    agency = { scheme: 'tax-code', id: einvoice.sellerTaxCode, key: `tax-code:${einvoice.sellerTaxCode}`, source: 'einvoice-seller' };
    const prefix = places.taxCodeProvince(einvoice.sellerTaxCode);
    const ref = prefix ? places.provinceOn(prefix.code, day) : undefined;
    if (ref && prefix) province = Object.assign({}, ref, { before: prefix.code, source: 'tax-code-prefix' as const, confirmed: prefix.confirmed });
  } else {
    // A tax-authority message is the tax authority's; anything else, the signing organisation's.
    const fromCertificate =
      (einvoice ? agencyFromCertificate(collected.verified, (f) => f.einvoiceRole === 'tax-authority', 'einvoice-tax-authority') : undefined) ??
      agencyFromCertificate(collected.verified, (f) => f.role === 'organization', 'certificate');
    if (fromCertificate) {
      agency = fromCertificate.agency;
      const st = subjectAttribute(fromCertificate.subject, 'ST');
      const byName = st ? provinceCodeByName(places, st) : undefined;
      const prefix = !byName && fromCertificate.taxCode ? places.taxCodeProvince(fromCertificate.taxCode) : undefined;
      const code = byName ?? prefix?.code;
      const ref = code ? places.provinceOn(code, day) : undefined;
      if (ref && code) province = Object.assign({}, ref, { before: code, source: byName ? ('certificate-st' as const) : ('tax-code-prefix' as const), confirmed: byName ? true : prefix!.confirmed });
    }
  }

  const { date: _omit, ...einvoiceOut } = einvoice ?? {};
  return {
    version: 1,
    ...(agency ? { agency } : {}),
    ...(date ? { documentDate: date } : {}),
    ...(province ? { province } : {}),
    roles: rolesOf(signatures),
    signatures,
    ...(report.format === 'edxml' ? { edxml: { packageSignature: packageSignature(signatures), ...edxmlKind(report), ...(senderState ? { sender: senderState } : {}) } } : {}),
    ...(einvoice ? { einvoice: einvoiceOut } : {}),
  };
}

/**
 * Whether a passing organisation signature of the document's own (not an attachment's) covers the
 * sender field. For a package that carries documents, that organisation must also be the one whose
 * signature they bear (`documentsAgency`, the agency their certificates name): any organisation's
 * certificate (every business has one) could otherwise name another agency as the sender of
 * documents it never signed, or of none, and move them to that agency and its province. A status
 * message carries no document and keeps the package signer's word.
 */
function senderSignedBy(report: DocumentReport, sender: FieldFacts | undefined, documentsAgency?: string): 'organization-signed' | 'other-signed' | 'not-signed' {
  if (!sender?.covered || sender.signedBy.length === 0) return 'not-signed';
  // By position where the report gives them: another signature may carry the same Id.
  const binders = sender.bindingSignatures ? sender.bindingSignatures.map((position) => report.signatures[position]) : report.signatures.filter((s) => sender.signedBy.includes(s?.id));
  const organizations = binders.filter((s) => s?.indication === 'TOTAL_PASSED' && s.signer?.role === 'organization');
  if (organizations.length === 0) return 'other-signed';
  if (edxmlKind(report).kind === 'status') return 'organization-signed';
  const vouched = organizations.some((s) => documentsAgency !== undefined && agencyOfSigner(s!.signer!, 'certificate')?.agency.key === documentsAgency);
  return vouched ? 'organization-signed' : 'other-signed';
}

/** The package's kind as its parser typed it (`details.edxml.kind`), when the report says. */
function edxmlKind(report: DocumentReport): { kind?: 'document' | 'status' } {
  const kind = record(plain(report.details)?.['edxml'])?.['kind'];
  return kind === 'document' || kind === 'status' ? { kind } : {};
}

/** The worse of two document indications; NO_SIGNATURE yields to any verdict. */
function worse(a: DocumentIndication, b: DocumentIndication): DocumentIndication {
  const order: DocumentIndication[] = ['TOTAL_FAILED', 'INDETERMINATE', 'TOTAL_PASSED', 'NO_SIGNATURE'];
  return order[Math.min(order.indexOf(a), order.indexOf(b))]!;
}

/** A document's verdict with its facts: one side of a detached pair, or the pair combined. */
export interface VerdictAndFacts {
  /** The document's indication (for a pair: the worse of the two). */
  indication: DocumentIndication;
  /** The document's facts (for a pair: both sides' signatures, identity and date preferring the detached side). */
  facts: DocumentFacts;
}

/**
 * One document from a detached pair (`x.pdf` and `x.pdf.p7s`): the content's own
 * signatures first, then the detached ones, as one document. Identity and date come
 * from the detached signature's facts when it has them.
 */
export function combineDetached(content: VerdictAndFacts, detached: VerdictAndFacts): VerdictAndFacts {
  const signatures = [...content.facts.signatures, ...detached.facts.signatures];
  const pick = <K extends 'agency' | 'documentDate' | 'province'>(key: K) => detached.facts[key] ?? content.facts[key];
  const agency = pick('agency');
  const documentDate = pick('documentDate');
  const province = detached.facts.agency ? detached.facts.province : content.facts.province;
  return {
    indication: worse(content.indication, detached.indication),
    facts: {
      version: 1,
      ...(agency ? { agency } : {}),
      ...(documentDate ? { documentDate } : {}),
      ...(province ? { province } : {}),
      roles: rolesOf(signatures),
      signatures,
      ...(content.facts.edxml ? { edxml: content.facts.edxml } : {}),
      ...(content.facts.einvoice ? { einvoice: content.facts.einvoice } : {}),
    },
  };
}
