/**
 * The PDF signature reader: every signature dictionary of every revision, with what
 * it covers, what changed after it, and the long-term validation data around it.
 *
 * Warnings first:
 * - Trust, path validation, indications and roles are not decided here; this module
 *   produces facts (integrity, coverage, modifications, formatFailure, LTV sources).
 * - Encrypted PDFs are not decrypted: their text strings are not reported, and if
 *   their structure is in (encrypted) object streams they cannot be checked.
 * - The file is read through `source.read` from its end; whole objects and
 *   cross-reference sections are read into memory, never the whole file. Signed
 *   ranges are hashed by the CMS layer through the same source.
 *
 * `parsePdf` never throws for a bad document: it returns `readable: false` or
 * signatures with `formatFailure` and messages.
 */
import type { TimestampIntegrity } from '../../cms/types.js';
import type { ByteSource } from '../../io/byte-source.js';
import type { PdfDocumentDetails, PdfSignatureDetails } from '../../report/details.js';
import type { Message } from '../../report/messages.js';
import type { ParseContext, ParsedDocument, ParsedSignature } from '../types.js';
import { assessCoverage, byteRangeOf } from './coverage.js';
import type { CoverageResult } from './coverage.js';
import type { RevisionModel } from './document.js';
import { buildModel } from './document.js';
import { InflateBudget } from './decode.js';
import { readDss } from './dss.js';
import type { DssContent } from './dss.js';
import { PdfFile } from './file.js';
import { checkIntegrity, isDocumentTimestamp, reportFormatOf } from './integrity.js';
import type { IntegrityOutcome } from './integrity.js';
import { PDF_MESSAGES } from './messages.js';
import { diffRevision } from './modifications.js';
import { LaterChangeIndex } from './later-changes.js';
import { openStandardSecurity } from './crypt.js';
import { encryptionOf, sameEncryption } from './encryption-state.js';
import type { NewSignature, Permissions, RevisionDiff } from './modifications.js';
import { ObjectStore } from './objects.js';
import { RoleIndex } from './roles.js';
import { appearanceOf, docMdpOf, fieldLocksOf, signatureNamesOf } from './signatures.js';
import type { Appearance, DocMdp, FieldLock, FoundSignature, SignatureNames } from './signatures.js';
import { findSignatures } from './signatures.js';
import type { PdfDict } from './syntax.js';
import { ObjectBudget, readStructure } from './xref.js';
import type { PdfStructure } from './xref.js';

export { PDF_MESSAGES } from './messages.js';

interface Analysed {
  readonly found: FoundSignature;
  /** /Type, /Filter, /SubFilter, resolved. */
  readonly names: SignatureNames;
  readonly id: string;
  readonly coverage: CoverageResult;
  readonly outcome: IntegrityOutcome;
  readonly signedRevision: number;
  readonly documentTimestamp: boolean;
  readonly docMdp: DocMdp | undefined;
  /** A DocMDP transform in a signature that is not the document's first: no certification (certifiedLate). */
  late: boolean;
  readonly locks: readonly FieldLock[];
  readonly appearance: Appearance;
  readonly messages: Message[];
}

/**
 * Reads every signature of a PDF.
 *
 * Per signature: `coverage` (coverage.ts), `modifications` (modifications.ts: level and
 * named changes over every later revision), `formatFailure` (unclear or
 * contiguous-block coverage, a /Contents that is no CMS, an unknown SubFilter, an
 * unreadable signature dictionary), `ltv` (the final DSS), `documentTimestamps`
 * (verified tokens of later document timestamps with clear coverage; the lead checks
 * their trust and imprint), `claimedSigningTime` (/M), and `details`: fieldName,
 * subFilter, filter, type, revision (signed revision), revisions (count), name,
 * reason, location, contactInfo, signingTimeText, signingTime (ISO), pageIndex
 * (0-based), rect, certificationLevel (DocMDP P or null), fieldLocks, padesLevel
 * (B-B/B-T/B-LT/B-LTA as found; not for document timestamps), genTime (document
 * timestamps). A document timestamp's `integrity` is its token's, with `intact`
 * standing for the imprint over the /ByteRange.
 *
 * Per document: `details` has version, encrypted, recovered, revisions
 * ({number, start, end, sections, unterminated?}), emptySignatureFields and dss counts.
 */
export async function parsePdf(source: ByteSource, ctx: ParseContext, tuning: PdfTuning = {}): Promise<ParsedDocument> {
  try {
    return await readPdf(source, ctx, tuning);
  } catch (error) {
    // Only a defect in this reader (or the engine running out of a resource) gets here: the
    // document was not checked, so it is reported as such, INDETERMINATE, never as proven broken.
    const detail = error instanceof Error ? error.message : String(error);
    return { format: 'pdf', readable: true, signedDataUnavailable: true, signatures: [], attachments: [], messages: [PDF_MESSAGES.PDF_OBJECT_UNREADABLE({ object: 'document', detail })] };
  }
}

function unreadable(messages: readonly Message[], details?: PdfDocumentDetails): ParsedDocument {
  return { format: 'pdf', readable: false, signatures: [], attachments: [], ...(details ? { details } : {}), messages: dedupe(messages) };
}

/** Internal knobs that change cost, never a verdict (tests turn them down to show that). */
export interface PdfTuning {
  /** Bound of the parsed-object cache (objects.ts, MAX_CACHED_OBJECT_BYTES). */
  readonly maxCachedObjectBytes?: number;
  /**
   * false: every revision's model, roles and walks are read in full instead of taken over
   * from the revision before where the update left them alone (the oracle the tests hold
   * the incremental analysis to).
   */
  readonly takeOver?: boolean;
}

async function readPdf(source: ByteSource, ctx: ParseContext, tuning: PdfTuning): Promise<ParsedDocument> {
  const messages: Message[] = [];
  if (source.size > ctx.limits.maxDocumentBytes) {
    return unreadable([PDF_MESSAGES.PDF_TOO_LARGE({ size: source.size, limit: ctx.limits.maxDocumentBytes })]);
  }
  const file = new PdfFile(source);
  const header = new TextDecoder('latin1').decode(await file.read(0, 1024));
  const version = /%PDF-(\d\.\d)/.exec(header)?.[1];
  // A /Contents of maxCmsBytes is 2·maxCmsBytes hex digits; the rest of a signature dictionary is small.
  const maxObjectBytes = 2 * ctx.limits.maxCmsBytes + (1 << 20);
  const budget = new ObjectBudget(ctx.limits.maxPdfObjects);
  const inflateBudget = new InflateBudget(ctx.limits.maxInflatedBytes, ctx.budget, ctx.limits.maxZipBytes);
  const structure = await readStructure(file, { limits: ctx.limits, budget, maxObjectBytes, inflateBudget });
  for (const message of structure.messages) messages.push(message);
  if (structure.refused) return unreadable(messages, { kind: 'pdf', ...(version !== undefined ? { version } : {}) });
  if (structure.revisions.length === 0) {
    if (version === undefined) messages.push(PDF_MESSAGES.PDF_NOT_PDF());
    return unreadable(messages, { kind: 'pdf', ...(version !== undefined ? { version } : {}) });
  }
  const lastTrailer = structure.revisions[structure.revisions.length - 1]!.trailer;
  const encrypted = lastTrailer.entries.has('Encrypt');
  // An update's trailer repeats the previous one's entries (ISO 32000-1 §7.5.6). One that leaves
  // /Encrypt out (LibreOffice 7.4 signing an encrypted PDF) makes every reader, kyso too, take
  // the whole file as not encrypted: said here, or the ciphertext field names go unexplained.
  if (!encrypted) {
    let lastWithEncrypt = -1;
    structure.revisions.forEach((revision, index) => {
      if (revision.trailer.entries.has('Encrypt')) lastWithEncrypt = index;
    });
    const dropping = structure.revisions[lastWithEncrypt + 1];
    if (lastWithEncrypt >= 0 && dropping) messages.push(PDF_MESSAGES.PDF_ENCRYPT_DROPPED({ revision: dropping.number }));
  }
  const store = new ObjectStore(file, structure.revisions, {
    maxObjectBytes,
    maxInflatedBytes: ctx.limits.maxInflatedBytes,
    budget,
    hashFactory: ctx.hashFactory,
    encrypted,
    inflateBudget,
    ...(tuning.maxCachedObjectBytes !== undefined ? { maxCachedObjectBytes: tuning.maxCachedObjectBytes } : {}),
  });
  // An encrypted document is opened with the empty user password, or a password the caller
  // gave, before any other object is read (the /Encrypt dictionary itself is never encrypted);
  // one that needs a password not given, or
  // another security handler, leaves its signatures unchecked: INDETERMINATE, not failed.
  let signedDataUnavailable = false;
  if (encrypted) {
    const encryptRef = lastTrailer.entries.get('Encrypt')!;
    const encryptNum = encryptRef.kind === 'ref' ? encryptRef.num : undefined;
    const encryptDict = encryptNum !== undefined ? (await store.resolve(encryptNum, structure.revisions.length).catch(() => null))?.value : encryptRef;
    const ids = lastTrailer.entries.get('ID');
    const firstId = ids?.kind === 'array' && ids.items[0]?.kind === 'string' ? ids.items[0].bytes : undefined;
    const setup = encryptDict ? await openStandardSecurity(encryptDict, firstId, encryptNum, ctx.passwords, ctx.passwordWork) : ({ kind: 'unsupported', detail: 'an unreadable /Encrypt dictionary' } as const);
    if (setup.kind === 'ok') {
      store.crypt = setup.crypt;
      const method = setup.crypt.method;
      const { opened } = setup;
      messages.push(
        opened.by === 'empty'
          ? PDF_MESSAGES.PDF_ENCRYPTED_OPENED({ method })
          : opened.by === 'user'
            ? PDF_MESSAGES.PDF_ENCRYPTED_OPENED_USER_PASSWORD({ method, number: opened.index + 1 })
            : PDF_MESSAGES.PDF_ENCRYPTED_OPENED_OWNER_PASSWORD({ method, number: opened.index + 1 }),
      );
    } else {
      signedDataUnavailable = true;
      if (setup.kind === 'unsupported') messages.push(PDF_MESSAGES.PDF_ENCRYPTED_UNSUPPORTED({ detail: setup.detail }));
      else if (setup.kind === 'password-limit') messages.push(PDF_MESSAGES.PDF_ENCRYPTED_PASSWORD_LIMIT({ limit: ctx.limits.maxPasswordHashes }));
      else if (setup.tried === 0) messages.push(PDF_MESSAGES.PDF_ENCRYPTED_PASSWORD());
      else messages.push(PDF_MESSAGES.PDF_ENCRYPTED_WRONG_PASSWORD({ count: setup.tried }));
      const details = { kind: 'pdf' as const, ...(version !== undefined ? { version } : {}), encrypted, recovered: structure.recovered, revisions: [], emptySignatureFields: [] };
      return { format: 'pdf', readable: true, signedDataUnavailable, signatures: [], attachments: [], details, messages: dedupe(messages) };
    }
  }
  const stringsUnreadable = encrypted && !store.crypt;
  // Read with the last trailer's key, the revisions before a change of encryption show what no
  // signer saw: a signature there may not even be found, so none found does not make the
  // document unsigned (signedDataUnavailable below).
  let encryptionChanged = messages.some((m) => m.code === 'PDF_ENCRYPT_DROPPED');
  let before = await encryptionOf(store, 1);
  for (let revision = 2; revision <= structure.revisions.length; revision++) {
    const now = await encryptionOf(store, revision);
    if (!sameEncryption(before, now)) {
      encryptionChanged = true;
      if (now) messages.push(PDF_MESSAGES.PDF_ENCRYPTION_CHANGED({ revision: structure.revisions[revision - 1]!.number }));
    }
    before = now;
  }

  const models: RevisionModel[] = [];
  let inherited: PdfDict | undefined;
  for (const revision of structure.revisions) {
    const trailer = withInheritedRoot(revision.trailer, inherited);
    inherited = trailer;
    const model = await buildModel(store, revision.number, trailer, tuning.takeOver === false ? undefined : models[models.length - 1]);
    models.push(model);
    // A loop, not push(...): a spread of a long list overflows the stack.
    for (const message of model.messages) messages.push(message);
  }
  const found = await findSignatures(store, models, messages);
  const finalModel = models[models.length - 1]!;

  // Coverage and integrity of each signature.
  // Only a gap that is the signature's own /Contents claims bytes: a later bogus signature that
  // copies an earlier one's /ByteRange fails on its own (gap mismatch) and leaves the earlier one
  // judged on its own; the document still fails through it.
  const gaps = found.flatMap((signature) => {
    const { numbers, wellFormed } = byteRangeOf(signature);
    const contents = signature.dict.entries.get('Contents');
    const own = contents?.kind === 'string' && contents.start === numbers[1] && contents.end === numbers[2] && signature.location.kind === 'file';
    return wellFormed && own ? [{ key: signature.key, name: signature.fieldName, start: numbers[1]!, end: numbers[2]! }] : [];
  });
  const ids = uniqueIds(found);
  // Read before the signatures' maths: a timestamp token that carries no certificate (RFC 3161
  // §2.4.1, certReq false) may find its TSA's among the DSS /Certs (integrity.ts).
  const dss = await readDss(store, finalModel, ctx.limits.maxCmsBytes);
  const analysed: Analysed[] = [];
  for (const signature of found) {
    const coverage = assessCoverage(
      signature,
      structure,
      file.size,
      gaps.filter((gap) => gap.key !== signature.key),
    );
    const sigMessages: Message[] = [];
    const names = await signatureNamesOf(store, signature, sigMessages);
    const outcome = await checkIntegrity(signature, names.subFilter, coverage.ranges, source, ctx, dss?.certificates ?? []);
    const signedRevision = coverage.revision ?? signature.firstRevision;
    const model = models[Math.min(signedRevision, models.length) - 1]!;
    const docMdp = await docMdpOf(store, signature.dict, signedRevision, sigMessages, signature.fieldName);
    const locks = await fieldLocksOf(store, signature, signedRevision, sigMessages);
    const { appearance, dateInvalid } = await appearanceOf(store, signature, model, stringsUnreadable, sigMessages);
    if (dateInvalid !== undefined) sigMessages.push(PDF_MESSAGES.PDF_DATE_INVALID({ field: signature.fieldName, value: dateInvalid }));
    analysed.push({
      found: signature,
      names,
      id: ids.get(signature.key)!,
      coverage,
      outcome,
      signedRevision,
      documentTimestamp: isDocumentTimestamp(names),
      docMdp,
      late: false,
      locks,
      appearance,
      messages: sigMessages,
    });
  }

  certifiedLate(analysed);

  // Changes after signing, one revision at a time, each computed once.
  const diffs = new Map<number, RevisionDiff>();
  if (analysed.length > 0) {
    const earliest = Math.min(...analysed.map((a) => a.signedRevision));
    const roles = new RoleIndex(store, tuning.takeOver !== false);
    for (let revision = earliest + 1; revision <= models.length; revision++) {
      const newSignatures: NewSignature[] = analysed
        .filter((a) => a.found.firstRevision === revision)
        .map((a) => ({
          sigNum: a.found.sigNum,
          fieldNum: a.found.field.num,
          fieldName: a.found.fieldName,
          documentTimestamp: a.documentTimestamp,
          // Coverage alone is a claim: a copied signature whose /ByteRange was rewritten to end the revision covers it,
          // but signs none of it. Only bytes that hash to what was signed attest the widget.
          attests: !a.coverage.formatFailure && a.coverage.revision === revision && !a.outcome.formatFailure && a.outcome.integrity.intact === 'passed',
        }));
      const context = { roles, since: models.slice(earliest - 1, revision - 1) };
      diffs.set(revision, await diffRevision(store, models[revision - 2]!, models[revision - 1]!, newSignatures, permissionsBefore(analysed, revision), context));
    }
  }

  if (dss) for (const message of dss.messages) messages.push(message);
  const timestamps = analysed.filter((a) => a.documentTimestamp && a.outcome.timestamp && !a.coverage.formatFailure);

  const laterChanges = new LaterChangeIndex(diffs);
  const signatures: ParsedSignature[] = analysed.map((a) =>
    toParsedSignature(a, laterChanges, timestamps, dss, models, structure),
  );
  // An indexed loop: a form of thousands of empty signature fields, read once and cold.
  const emptyFields: string[] = [];
  for (let i = 0; i < finalModel.fields.length; i++) {
    const f = finalModel.fields[i]!;
    if (f.type === 'Sig' && f.terminal && !f.dict.entries.has('V')) emptyFields.push(f.name);
  }
  const unreadableStructure = messages.some((m) => m.code === 'PDF_ENCRYPTED_UNREADABLE');
  const details: PdfDocumentDetails = {
    kind: 'pdf',
    ...(version !== undefined ? { version } : {}),
    encrypted,
    recovered: structure.recovered,
    revisions: structure.revisions.map((r) => ({
      number: r.number,
      start: r.start,
      end: r.end,
      sections: r.sections.map((s) => ({ offset: s.offset, kind: s.kind })),
      ...(r.unterminated ? { unterminated: true } : {}),
    })),
    emptySignatureFields: emptyFields,
    ...(dss
      ? { dss: { certificates: dss.certificates.length, crls: dss.crls.length, ocspResponses: dss.ocspResponses.length, vri: dss.vriEntries } }
      : {}),
  };
  if (unreadableStructure && signatures.length === 0) return unreadable(messages, details);
  for (const repair of store.repairedOffsets.values()) messages.push(PDF_MESSAGES.PDF_XREF_OFFSET_REPAIRED({ object: repair.object, listed: String(repair.listed), found: String(repair.found) }));
  // A bound left objects unread (a stream refused, too many objects): with no signature found,
  // one may hide there, so the document cannot be called unsigned. INDETERMINATE, as for a document whose signed data cannot be read.
  const cutShort = signatures.length === 0 && (encryptionChanged || messages.some((message) => LIMIT_CODES.has(message.code)));
  return { format: 'pdf', readable: true, ...(cutShort ? { signedDataUnavailable: true } : {}), signatures, attachments: [], details, messages: dedupe(messages) };
}

/** Messages of a bound that leaves part of a PDF unread. */
const LIMIT_CODES: ReadonlySet<string> = new Set(['PDF_INFLATE_LIMIT', 'PDF_INFLATE_TOTAL_LIMIT', 'PDF_INFLATE_NESTED_TOTAL_LIMIT', 'PDF_INFLATE_WORK_LIMIT', 'PDF_FIELD_TREE_TOO_LARGE', 'PDF_CONTAINER_TOO_LARGE', 'PDF_TOO_MANY_OBJECTS', 'PDF_TOO_MANY_REVISIONS']);

function withInheritedRoot(trailer: PdfDict, previous: PdfDict | undefined): PdfDict {
  if (trailer.entries.has('Root') || !previous) return trailer;
  const entries = new Map(trailer.entries);
  const root = previous.entries.get('Root');
  if (root) entries.set('Root', root);
  const info = previous.entries.get('Info');
  if (info && !entries.has('Info')) entries.set('Info', info);
  return { ...trailer, entries };
}

function uniqueIds(found: readonly FoundSignature[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const signature of found) counts.set(signature.fieldName, (counts.get(signature.fieldName) ?? 0) + 1);
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const signature of found) {
    let id = counts.get(signature.fieldName)! > 1 ? `${signature.fieldName} (revision ${signature.firstRevision})` : signature.fieldName;
    for (let k = 2; used.has(id); k++) id = `${signature.fieldName} (revision ${signature.firstRevision}, ${k})`;
    used.add(id);
    ids.set(signature.key, id);
  }
  return ids;
}

/**
 * ISO 32000-1 §12.8.2.2.1: a certification (DocMDP) signature shall be the first signed
 * field in the document. One made after another signature certifies nothing: it is not
 * reported as a certification, and says so; the changes it forbids after it stay
 * forbidden (permissionsBefore), as a signer's restriction is never dropped.
 */
function certifiedLate(analysed: readonly Analysed[]): void {
  for (const a of analysed) {
    if (a.docMdp === undefined || a.documentTimestamp) continue;
    const earlier = analysed.find((b) => b !== a && b.signedRevision < a.signedRevision);
    if (!earlier) continue;
    a.late = true;
    a.messages.push(PDF_MESSAGES.PDF_CERTIFICATION_NOT_FIRST({ field: a.found.fieldName, earlier: earlier.found.fieldName }));
  }
}

/** DocMDP and FieldMDP restrictions of the signatures made before `revision`. */
function permissionsBefore(analysed: readonly Analysed[], revision: number): Permissions {
  let docMdp: 1 | 2 | 3 | undefined;
  const locks: { signature: string; lock: FieldLock }[] = [];
  // Plain loops: an array of the permissions, holding numbers or undefined, took a different
  // elements kind from one document to the next and threw the compiled function away.
  for (let i = 0; i < analysed.length; i++) {
    const a = analysed[i]!;
    if (a.signedRevision >= revision || a.documentTimestamp) continue;
    const certification = a.docMdp?.permission;
    if (certification !== undefined) docMdp = docMdp === undefined ? certification : (Math.min(docMdp, certification) as 1 | 2 | 3);
    for (let k = 0; k < a.locks.length; k++) {
      const lock = a.locks[k]!;
      if (lock.permission !== undefined) docMdp = docMdp === undefined ? lock.permission : (Math.min(docMdp, lock.permission) as 1 | 2 | 3);
    }
    for (let k = 0; k < a.locks.length; k++) locks.push({ signature: a.id, lock: a.locks[k]! });
  }
  return { ...(docMdp !== undefined ? { docMdp } : {}), locks };
}

function toParsedSignature(
  a: Analysed,
  laterChanges: LaterChangeIndex,
  timestamps: readonly Analysed[],
  dss: DssContent | undefined,
  models: readonly RevisionModel[],
  structure: PdfStructure,
): ParsedSignature {
  const field = a.found.fieldName;
  const subFilter = a.names.subFilter;
  const messages: Message[] = [...a.coverage.messages, ...a.outcome.messages, ...a.messages];

  const later = laterChanges.after(a.signedRevision);
  for (const message of later.messages) messages.push(message);
  const modifications = later.modifications;
  const level = modifications.level;
  const changes = modifications.changes;
  if (level === 'other') {
    const described = changes.filter((c) => c.kind === 'other').slice(0, 5).map((c) => `${c.object}: ${c.description}`).join('; ');
    messages.push(PDF_MESSAGES.PDF_MODIFIED_AFTER_SIGNING({ field, changes: described }));
  } else if (level !== 'none') {
    messages.push(PDF_MESSAGES.PDF_ALLOWED_CHANGES_AFTER_SIGNING({ field, level }));
  }
  if (modifications.total !== undefined) {
    messages.push(PDF_MESSAGES.PDF_CHANGES_NOT_LISTED({ field, listed: changes.length, total: modifications.total }));
  }
  if (later.messagesLeftOut > 0) {
    messages.push(PDF_MESSAGES.PDF_CHANGE_MESSAGES_NOT_LISTED({ field, listed: later.messages.length, count: later.messagesLeftOut }));
  }

  const covering: TimestampIntegrity[] = timestamps
    .filter((t) => t !== a && t.signedRevision > a.signedRevision)
    .map((t) => t.outcome.timestamp!);
  if (a.documentTimestamp) {
    messages.push(PDF_MESSAGES.PDF_DOCUMENT_TIMESTAMP({ field, revision: a.signedRevision }));
  }
  messages.push(
    PDF_MESSAGES.PDF_COVERAGE({ field, level: a.coverage.level, revision: a.coverage.revision ?? '?', revisions: structure.revisions.length }),
  );

  const dssRevision = models.find((m) => m.revision >= a.signedRevision && m.dss !== undefined)?.revision;
  const padesLevel = a.documentTimestamp
    ? undefined
    : pAdESLevel(a, covering.length > 0, dss, dssRevision, timestamps);

  const appearance = a.appearance;
  const details: PdfSignatureDetails = {
    kind: 'pdf',
    fieldName: field,
    subFilter: subFilter ?? null,
    filter: a.names.filter ?? null,
    type: a.names.type ?? null,
    revision: a.signedRevision,
    revisions: structure.revisions.length,
    ...(appearance.name !== undefined ? { name: appearance.name } : {}),
    ...(appearance.reason !== undefined ? { reason: appearance.reason } : {}),
    ...(appearance.location !== undefined ? { location: appearance.location } : {}),
    ...(appearance.contactInfo !== undefined ? { contactInfo: appearance.contactInfo } : {}),
    ...(appearance.signingTimeText !== undefined ? { signingTimeText: appearance.signingTimeText } : {}),
    ...(appearance.signingTime ? { signingTime: appearance.signingTime.toISOString() } : {}),
    ...(appearance.pageIndex !== undefined ? { pageIndex: appearance.pageIndex } : {}),
    ...(appearance.rect ? { rect: appearance.rect } : {}),
    certificationLevel: a.late ? null : (a.docMdp?.permission ?? null),
    ...(a.locks.length > 0 ? { fieldLocks: a.locks } : {}),
    ...(padesLevel ? { padesLevel } : {}),
    ...(a.documentTimestamp && a.outcome.timestamp?.genTime ? { genTime: a.outcome.timestamp.genTime.toISOString() } : {}),
  };

  const coverage = {
    level: a.coverage.level,
    ...(a.coverage.byteRange ? { byteRange: a.coverage.byteRange } : {}),
    ...(a.coverage.revision !== undefined ? { revision: a.coverage.revision } : {}),
  };
  return {
    id: a.id,
    format: reportFormatOf(subFilter),
    integrity: a.outcome.integrity,
    formatFailure: a.coverage.formatFailure || a.outcome.formatFailure,
    coverage,
    modifications,
    ...(dss ? { ltv: { certificates: dss.certificates, revocation: { crls: dss.crls, ocspResponses: dss.ocspResponses } } } : {}),
    ...(covering.length > 0 ? { documentTimestamps: covering } : {}),
    ...(appearance.signingTime ? { claimedSigningTime: appearance.signingTime } : {}),
    details,
    messages: dedupe(messages),
  };
}

/**
 * The PAdES level as found (ETSI EN 319 142-1 §4; for adbe.pkcs7 signatures, the
 * equivalent level): B-T needs a signature or document timestamp, B-LT adds a DSS
 * with revocation data in or after the signed revision, B-LTA a document timestamp
 * over that DSS. Whether the data actually validates the chain is not checked here.
 */
function pAdESLevel(
  a: Analysed,
  coveredByTimestamp: boolean,
  dss: DssContent | undefined,
  dssRevision: number | undefined,
  timestamps: readonly Analysed[],
): 'B-B' | 'B-T' | 'B-LT' | 'B-LTA' {
  const t = a.outcome.integrity.timestamps.length > 0 || coveredByTimestamp;
  if (!t) return 'B-B';
  const lt = dss !== undefined && dssRevision !== undefined && dss.crls.length + dss.ocspResponses.length > 0;
  if (!lt) return 'B-T';
  const lta = timestamps.some((ts) => ts.signedRevision >= dssRevision);
  return lta ? 'B-LTA' : 'B-LT';
}

function dedupe(messages: readonly Message[]): Message[] {
  const seen = new Set<string>();
  const out: Message[] = [];
  for (const message of messages) {
    const key = `${message.code}|${message.en}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(message);
  }
  return out;
}
