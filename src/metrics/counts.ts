/**
 * The counts of one document, from its report's facts. Every count is a number of
 * documents (or of signatures, for the `*Signatures` ones), so groups add exactly.
 */
import type { DocumentFacts, SignatureFacts } from '../report/facts.js';
import type { DocumentIndication } from '../report/indications.js';

/** Count names in schema order (kyso.metrics/1). New counts are only ever appended. */
export const COUNT_NAMES = [
  'documents',
  'passed',
  'failed',
  'indeterminate',
  'noSignature',
  'signed',
  'allSignaturesPassed',
  'legallyComplete',
  'organizationOnly',
  'personOnly',
  'governmentPki',
  'publicPki',
  'otherPki',
  'untrusted',
  'timestamped',
  'ltv',
  'weakAlgorithms',
  'modifiedAfterSigning',
  'revoked',
  'expiredWithoutPoe',
  'revocationNotChecked',
  'edxmlPackages',
  'packageSignaturePassed',
  'packageSignatureFailed',
  'packageSignatureIndeterminate',
  'packageSignatureAbsent',
  'einvoiceMessages',
  'einvoiceSellerSigned',
  'einvoiceBuyerSigned',
  'einvoiceTaxAuthoritySigned',
  'agencyUndetermined',
  'agencyUnlisted',
  'dateUndetermined',
  'provinceUndetermined',
  'signatures',
  'personSignatures',
  'organizationSignatures',
  'unknownRoleSignatures',
  'documentTimestamps',
  'edxmlStatusMessages',
] as const;

/**
 * The name of one count in `kyso.metrics/1` (`documents`, `passed`, `signed`, `legallyComplete`…):
 * see COUNT_NAMES and the schema for what each counts.
 */
export type CountName = (typeof COUNT_NAMES)[number];

/** Counts by name; a name a newer schema added and this one lacks reads as absent. */
export type Counts = Readonly<Record<string, number>>;

export function zeroCounts(): Record<CountName, number> {
  return Object.fromEntries(COUNT_NAMES.map((name) => [name, 0])) as Record<CountName, number>;
}

/**
 * Adds b into a (every name of either), in place. Throws TypeError for a count that is not a
 * non-negative safe integer, or a sum past 2^53 - 1: counts read from a file could be strings
 * ("10" + 7 is "107") or fractions, and summing them would mean nothing.
 */
export function addCounts(a: Record<string, number>, b: Counts): void {
  for (const [name, value] of Object.entries(b)) {
    const sum = (a[name] ?? 0) + value;
    if (!Number.isSafeInteger(value) || value < 0 || !Number.isSafeInteger(sum)) throw new TypeError(`count ${name} is not a non-negative integer: ${JSON.stringify(value)}`);
    a[name] = sum;
  }
}

/** Counts with the names in schema order first, then any newer names sorted. */
export function orderedCounts(counts: Counts): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of COUNT_NAMES) out[name] = counts[name] ?? 0;
  for (const name of Object.keys(counts).filter((n) => !(COUNT_NAMES as readonly string[]).includes(n)).sort()) out[name] = counts[name]!;
  return out;
}

const PASSED = 'TOTAL_PASSED';

/** The counts one document contributes. */
export function documentCounts(indication: DocumentIndication, facts: DocumentFacts): Record<CountName, number> {
  const c = zeroCounts();
  const one = (name: CountName, condition: boolean) => {
    if (condition) c[name] = 1;
  };
  // A status message (edXML StatusCode, no body) is a receipt about a document, not one: it is
  // counted on its own and in nothing else, so that rates over documents stay rates over documents.
  if (facts.edxml?.kind === 'status') {
    c.edxmlStatusMessages = 1;
    return c;
  }
  const legal: SignatureFacts[] = facts.signatures.filter((s) => s.kind === 'signature');
  const signed = legal.length > 0;
  c.documents = 1;
  one('passed', indication === 'TOTAL_PASSED');
  one('failed', indication === 'TOTAL_FAILED');
  one('indeterminate', indication === 'INDETERMINATE');
  one('noSignature', indication === 'NO_SIGNATURE');
  one('signed', signed);
  one('allSignaturesPassed', signed && legal.every((s) => s.indication === PASSED));
  one('legallyComplete', facts.roles.complete);
  one('organizationOnly', facts.roles.organization && !facts.roles.person);
  one('personOnly', facts.roles.person && !facts.roles.organization);
  one('governmentPki', legal.some((s) => s.pki === 'government'));
  one('publicPki', legal.some((s) => s.pki === 'public'));
  one('otherPki', legal.some((s) => s.pki === 'other'));
  one('untrusted', legal.some((s) => s.pki === 'untrusted'));
  // A document timestamp proves time for the document although it signs nothing.
  one('timestamped', signed && (legal.some((s) => s.timestamped) || facts.signatures.some((s) => s.kind === 'document-timestamp' && s.timestamped)));
  one('ltv', legal.some((s) => s.ltv));
  one('weakAlgorithms', legal.some((s) => s.weakAlgorithms.length > 0));
  one('modifiedAfterSigning', legal.some((s) => s.modified));
  one('revoked', legal.some((s) => s.revoked));
  one('expiredWithoutPoe', legal.some((s) => s.expiredWithoutPoe));
  one('revocationNotChecked', legal.some((s) => s.revocation === 'not-checked'));
  if (facts.edxml) {
    c.edxmlPackages = 1;
    const state = facts.edxml.packageSignature;
    one('packageSignaturePassed', state === 'passed');
    one('packageSignatureFailed', state === 'failed');
    one('packageSignatureIndeterminate', state === 'indeterminate');
    one('packageSignatureAbsent', state === 'absent');
  }
  if (facts.einvoice) {
    c.einvoiceMessages = 1;
    const by = (role: string) => legal.some((s) => s.einvoiceRole === role && s.indication === PASSED);
    one('einvoiceSellerSigned', by('seller'));
    one('einvoiceBuyerSigned', by('buyer'));
    one('einvoiceTaxAuthoritySigned', by('tax-authority'));
  }
  one('agencyUndetermined', facts.agency === undefined);
  one('agencyUnlisted', facts.agency?.scheme === 'organ-id' && facts.agency.listed === false);
  one('dateUndetermined', facts.documentDate === undefined);
  one('provinceUndetermined', facts.province === undefined);
  c.signatures = legal.length;
  c.personSignatures = legal.filter((s) => s.role === 'person').length;
  c.organizationSignatures = legal.filter((s) => s.role === 'organization').length;
  c.unknownRoleSignatures = legal.filter((s) => s.role === 'unknown').length;
  c.documentTimestamps = facts.signatures.filter((s) => s.kind === 'document-timestamp').length;
  return c;
}

/** Counts that each document adds at most 1 to: none can pass `documents`. */
const PER_DOCUMENT: readonly CountName[] = [
  'signed', 'edxmlPackages', 'einvoiceMessages', 'dateUndetermined', 'provinceUndetermined',
];
/** Counts of signed documents only (each needs a document signature): none can pass `signed`. */
const PER_SIGNED_DOCUMENT: readonly CountName[] = [
  'allSignaturesPassed', 'governmentPki', 'publicPki', 'otherPki', 'untrusted', 'timestamped', 'ltv',
  'weakAlgorithms', 'modifiedAfterSigning', 'revoked', 'expiredWithoutPoe', 'revocationNotChecked',
];

/**
 * What `documentCounts` makes true of any sum of its counts: each document has one indication, one
 * package-signature state per edXML package, one role per signature; a signed document has a
 * signature; the role combinations and the agency states exclude each other. `[parts, whole, exact]`:
 * the parts add up to the whole (`exact`) or to no more than it.
 */
const RELATIONS: readonly (readonly [readonly CountName[], CountName, boolean])[] = [
  [['passed', 'failed', 'indeterminate', 'noSignature'], 'documents', true],
  [['packageSignaturePassed', 'packageSignatureFailed', 'packageSignatureIndeterminate', 'packageSignatureAbsent'], 'edxmlPackages', true],
  [['personSignatures', 'organizationSignatures', 'unknownRoleSignatures'], 'signatures', true],
  [['legallyComplete', 'organizationOnly', 'personOnly'], 'signed', false],
  [['agencyUndetermined', 'agencyUnlisted'], 'documents', false],
  [['signed'], 'signatures', false],
  ...PER_DOCUMENT.map((name) => [[name], 'documents', false] as const),
  ...PER_SIGNED_DOCUMENT.map((name) => [[name], 'signed', false] as const),
  ...(['einvoiceSellerSigned', 'einvoiceBuyerSigned', 'einvoiceTaxAuthoritySigned'] as const).map((name) => [[name], 'einvoiceMessages', false] as const),
];

/**
 * The first relation between the counts that kyso's own counting never breaks and these counts do
 * (more documents passed than counted, more package-signature states than packages...), in
 * Vietnamese and English; undefined when they hold. Names a newer schema added are not judged.
 */
export function countsContradiction(counts: Counts): { readonly vi: string; readonly en: string } | undefined {
  for (const [parts, whole, exact] of RELATIONS) {
    const sum = parts.reduce((total, name) => total + (counts[name] ?? 0), 0);
    const of = counts[whole] ?? 0;
    if (exact ? sum === of : sum <= of) continue;
    const named = parts.join(' + ');
    return exact
      ? { vi: `${named} = ${sum}, khác ${whole} = ${of}`, en: `${named} = ${sum}, not ${whole} = ${of}` }
      : { vi: `${named} = ${sum}, lớn hơn ${whole} = ${of}`, en: `${named} = ${sum}, more than ${whole} = ${of}` };
  }
  return undefined;
}
