/**
 * verify(): detect the format, let its parser find the signatures, judge each one,
 * recurse into carried documents, roll up. Nothing else lives here.
 *
 * Never throws for a bad document: anything unexpected while reading one becomes a
 * FORMAT_FAILURE report. Throws KysoOptionsError (a TypeError) for bad options.
 */
import { KysoOptionsError } from './errors.js';
import type { ByteSource } from './io/byte-source.js';
import { bytesSource, readAll } from './io/byte-source.js';
import type { DigestingSource } from './io/hash.js';
import { digestingSource, toHex } from './io/hash.js';
import { decodePem, detectFormat } from './formats/detect.js';
import { decodeBareBase64 } from './io/pem.js';
import type { DecompressionBudget, ParseContext, ParsedAttachment, ParsedDocument } from './formats/types.js';
import { detachedPairs } from './formats/detached-names.js';
import { decompressionBudget, passwordWorkOf } from './formats/limits.js';
import type { VerifyOptions, ResolvedOptions } from './options.js';
import { isByteSource, resolveOptions } from './options.js';
import { TrustStore } from './pki/trust-store.js';
import { validateCertificatePath } from './pki/validate-path.js';
import { certificateFingerprint } from './pki/describe.js';
import { bundledAnchorPki } from './metrics/anchors.js';
import { BUNDLED_PLACES } from './metrics/places.js';
import { deriveFacts } from './report/facts.js';
import type { Judged } from './report/document.js';
import { decree30Roles, rollUp } from './report/document.js';
import { carriesNoDocument, missingAttachmentsVerdict, packageSignatureLayer, requiredPackageVerdict } from './formats/edxml/package-signature.js';
import { EDXML_MESSAGES } from './formats/edxml/messages.js';
import type { Message } from './report/messages.js';
import { defineMessages } from './report/messages.js';
import type { DocumentFormat, DocumentReport, SignatureReport } from './report/types.js';
import type { ValidationContext } from './validation/context.js';
import { evaluateSignatures } from './validation/signature.js';
import { refusalVerdict } from './validation/refusals.js';
import { confirmSignedMetadata } from './validation/signed-metadata.js';
import { documentFetcher } from './pki/revocation/fetch-budget.js';

export const DOCUMENT_MESSAGES = defineMessages({
  DOC_UNKNOWN_FORMAT: {
    severity: 'error',
    vi: 'Không nhận ra định dạng tài liệu (không phải PDF, XML, edXML, ZIP hay CMS).',
    en: 'The document format is not recognised (not PDF, XML, edXML, ZIP or CMS).',
  },
  DOC_EMPTY: { severity: 'error', vi: 'Tài liệu rỗng.', en: 'The document is empty.' },
  DOC_TOO_LARGE: {
    severity: 'error',
    vi: 'Tài liệu dài {size} byte, vượt giới hạn {limit} byte.',
    en: 'The document is {size} bytes, over the limit of {limit} bytes.',
  },
  DOC_UNREADABLE: {
    severity: 'error',
    vi: 'Không đọc được tài liệu: {detail}.',
    en: 'The document cannot be read: {detail}.',
  },
  DOC_NO_SIGNATURE: {
    severity: 'warning',
    vi: 'Tài liệu không có chữ ký số.',
    en: 'The document carries no digital signature.',
  },
  DOC_ATTACHMENT_NOT_VERIFIABLE: {
    severity: 'warning',
    vi: 'Tệp đính kèm không phải định dạng văn bản có thể kiểm tra chữ ký (PDF, XML, edXML, ZIP, CMS): coi như không có chữ ký.',
    en: 'The attachment is not a format whose signatures kyso checks (PDF, XML, edXML, ZIP, CMS): treated as unsigned.',
  },
  DOC_UNSIGNED_ATTACHMENTS: {
    severity: 'warning',
    vi: 'Các tệp đính kèm không có chữ ký số: {names}.',
    en: 'Attachments without a digital signature: {names}.',
  },
  DOC_ATTACHMENT_TOO_DEEP: {
    severity: 'error',
    vi: 'Tài liệu đính kèm lồng nhau quá {limit} cấp; không kiểm tra tiếp.',
    en: 'Attachments are nested more than {limit} levels deep; not verified further.',
  },
  DOC_PACKAGE_SIGNATURE_REQUIRED: {
    severity: 'error',
    vi: 'Chính sách yêu cầu chữ ký của gói phải hợp lệ, nhưng chữ ký của gói ở trạng thái "{state}".',
    en: 'The policy requires the package signature to pass, but it is "{state}".',
  },
  DOC_DETACHED_CONTENT_SIGNED: {
    severity: 'info',
    vi: 'Tệp nội dung của chữ ký tách rời cũng có chữ ký riêng: các chữ ký đó được kiểm tra và tính vào kết luận (mục đính kèm "detached-content").',
    en: 'The content of the detached signature carries signatures of its own: they were checked and count towards the verdict (attachment "detached-content").',
  },
  DOC_CONTENT_NOT_SIGNED_BY_THIS_FILE: {
    severity: 'warning',
    vi: 'Tệp này không phải chữ ký CMS tách rời nên không ký tệp nội dung đi kèm; tệp nội dung được kiểm tra như một văn bản riêng (mục đính kèm "detached-content").',
    en: 'This file is not a detached CMS signature, so it does not sign the content file given with it; the content was verified as a document of its own (attachment "detached-content").',
  },
  DOC_PACKAGE_SIGNATURE_LAYER: {
    severity: 'info',
    vi: 'Kết luận của gói dựa trên chữ ký của các văn bản đính kèm; chữ ký của gói được báo cáo riêng.',
    en: 'The package verdict rests on the attached documents\' signatures; the package signature is reported as its own layer.',
  },
});

/**
 * Formats whose legal signatures live in the documents they carry (domain.md §2): when
 * they carry any, the verdict is theirs; a package without attachments (an edXML status
 * message) is judged by its own signature.
 */
const CONTAINER_FORMATS: ReadonlySet<DocumentFormat> = new Set(['edxml', 'zip']);

/**
 * A document kyso refused to read: failed when the reasons prove it broken, INDETERMINATE
 * when kyso could not check it (a bound hit, an unsupported encoding, a refused DTD);
 * validation/refusals.ts sorts the reasons.
 */
function refusedDocument(format: DocumentFormat, size: number, digest: string, messages: readonly Message[]): DocumentReport {
  const { indication, subIndication } = refusalVerdict(messages);
  return {
    format,
    indication,
    subIndication,
    size,
    sha256: digest,
    signatures: [],
    roles: { person: false, organization: false, complete: false },
    messages: [...messages],
  };
}

/** Reads a bounded document whole; those bytes also give its SHA-256, with no second read. */
async function readWhole(source: DigestingSource): Promise<Uint8Array> {
  const bytes = await readAll(source);
  source.wholeDocument.offer(0, bytes);
  return bytes;
}

type Parser = (source: DigestingSource, ctx: ParseContext) => Promise<ParsedDocument | Message>;

/**
 * The parser for a detected format. Each format's module is loaded when a document of that
 * format arrives: a PDF-only run (the common case) never loads the XML stack, and a CLI
 * start loads only what it uses. A module that cannot be loaded is the environment's
 * failure, not the document's: it throws here, outside the document's report.
 */
async function loadParser(format: DocumentFormat | 'cms-pem'): Promise<Parser> {
  switch (format) {
    case 'pdf':
      return (pdfParser ??= loadPdfParser());
    case 'cms':
    case 'cms-pem': {
      const { parseCms } = await import('./formats/cms/index.js');
      return async (source, ctx) => {
        const { maxCmsBytes } = ctx.limits;
        if (format === 'cms') {
          if (source.size > maxCmsBytes) return DOCUMENT_MESSAGES.DOC_TOO_LARGE({ size: source.size, limit: maxCmsBytes });
          return parseCms(await readWhole(source), ctx);
        }
        if (source.size > maxCmsBytes * 2) return DOCUMENT_MESSAGES.DOC_TOO_LARGE({ size: source.size, limit: maxCmsBytes * 2 });
        const text = new TextDecoder().decode(await readWhole(source));
        const der = decodePem(text) ?? decodeBareBase64(text);
        if (!der) return DOCUMENT_MESSAGES.DOC_UNREADABLE({ detail: 'PEM' });
        return parseCms(der, ctx);
      };
    }
    case 'xml': {
      const { parseXmlDocument } = await import('./formats/xml/index.js');
      return async (source, ctx) => {
        if (source.size > ctx.limits.maxXmlBytes) return DOCUMENT_MESSAGES.DOC_TOO_LARGE({ size: source.size, limit: ctx.limits.maxXmlBytes });
        return parseXmlDocument(await readWhole(source), ctx);
      };
    }
    case 'zip': {
      const { parseZip } = await import('./formats/zip/index.js');
      return async (source, ctx) => {
        if (source.size > ctx.limits.maxZipBytes) return DOCUMENT_MESSAGES.DOC_TOO_LARGE({ size: source.size, limit: ctx.limits.maxZipBytes });
        return parseZip(await readWhole(source), ctx);
      };
    }
    default:
      return async (source) => (source.size === 0 ? DOCUMENT_MESSAGES.DOC_EMPTY() : DOCUMENT_MESSAGES.DOC_UNKNOWN_FORMAT());
  }
}

/**
 * The PDF parser, loaded once: a PDF folder asks for it for every file, and even an
 * import of a module already loaded costs a trip through the module loader. A failed
 * load is not kept (the next document tries again, as before).
 */
let pdfParser: Promise<Parser> | undefined;

async function loadPdfParser(): Promise<Parser> {
  try {
    const { parsePdf } = await import('./formats/pdf/index.js');
    return (source, ctx) => parsePdf(source, ctx);
  } catch (error) {
    pdfParser = undefined;
    throw error;
  }
}

/**
 * `content`: a detached signature's content found beside it inside a container; at the top
 * level the caller's `options.content` serves.
 */
async function verifySource(
  source: ByteSource,
  options: ResolvedOptions,
  context: ValidationContext,
  depth: number,
  budget: DecompressionBudget,
  content?: ByteSource,
): Promise<DocumentReport> {
  if (source.size > options.limits.maxDocumentBytes) {
    // Refused before any byte is read: a hostile size must not cost a full pass over the file.
    return refusedDocument('unknown', source.size, '', [DOCUMENT_MESSAGES.DOC_TOO_LARGE({ size: source.size, limit: options.limits.maxDocumentBytes })]);
  }
  // The report's SHA-256 is taken on the way by the passes that hash signed ranges, so a
  // large PDF is read once, not once for the report and again for its signatures.
  const document = digestingSource(source, options.hashFactory);
  const detected = detectFormat(await source.read(0, 1024));
  const format: DocumentFormat = detected === 'cms-pem' ? 'cms' : detected;
  const ctx: ParseContext = {
    hashFactory: options.hashFactory,
    limits: options.limits,
    ...(content ? { content } : options.content && depth === 0 ? { content: options.content } : {}),
    ...(options.contentByUri && depth === 0 ? { contentByUri: options.contentByUri } : {}),
    timestampCertificates: [context.anchors, context.intermediates],
    budget,
    ...(options.passwords.length > 0 ? { passwords: options.passwords } : {}),
    ...(format === 'pdf' ? { passwordWork: passwordWorkOf(budget, options.limits) } : {}),
  };
  const parse = await loadParser(detected);
  let parsed: ParsedDocument | Message;
  try {
    parsed = await parse(document, ctx);
  } catch (error) {
    parsed = DOCUMENT_MESSAGES.DOC_UNREADABLE({ detail: error instanceof Error ? error.message : String(error) });
  }
  const digest = toHex(await document.wholeDocument.finish()).toUpperCase();
  const refused = refusal(parsed, format, detected, source.size, digest, depth);
  if (refused) {
    // The file given with a content could not be read: the content is still verified, on its
    // own, so that a broken document cannot hide behind an unreadable one named as its signature.
    if (!ctx.content) return refused;
    // A refused CMS is still a detached signature: its content counts when it carries signatures, as below.
    const content =
      format === 'cms'
        ? await detachedContentSignatures(ctx.content, options, context, depth, budget)
        : { name: DETACHED_CONTENT_NAME, ...(await verifySource(ctx.content, options, context, depth + 1, budget)) };
    if (!content) return refused;
    const verdict = rollUp([refused, content]);
    return {
      ...refused,
      indication: verdict.indication,
      ...(verdict.subIndication ? { subIndication: verdict.subIndication } : {}),
      attachments: [content],
      messages: [...refused.messages, format === 'cms' ? DOCUMENT_MESSAGES.DOC_DETACHED_CONTENT_SIGNED() : DOCUMENT_MESSAGES.DOC_CONTENT_NOT_SIGNED_BY_THIS_FILE()],
    };
  }
  // refusal() reports every document that was not read.
  if ('code' in parsed) throw new Error('kyso: an unread document was not reported');

  const signatures: SignatureReport[] = await evaluateSignatures(parsed.signatures, context);

  const messages: Message[] = [...parsed.messages];
  const attachments: (DocumentReport & { name: string })[] = [];
  let unsignedContent: Judged | undefined;
  if (format === 'cms' && ctx.content) {
    const own = await detachedContentSignatures(ctx.content, options, context, depth, budget);
    if (own) {
      attachments.push(own);
      messages.push(DOCUMENT_MESSAGES.DOC_DETACHED_CONTENT_SIGNED());
    }
  } else if (ctx.content) {
    // Only a detached CMS signs content given beside it. Any other document (a signed PDF
    // named x.pdf.sig beside x.pdf) signs nothing outside itself: its passing must not
    // stand for the content, which is verified as the document it is.
    const report = await verifySource(ctx.content, options, context, depth + 1, budget);
    attachments.push({ name: DETACHED_CONTENT_NAME, ...report });
    messages.push(DOCUMENT_MESSAGES.DOC_CONTENT_NOT_SIGNED_BY_THIS_FILE());
    // Content nobody signed must not pass as the pair it was named as.
    if (report.indication === 'NO_SIGNATURE') unsignedContent = { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' };
  }
  if (parsed.attachments.length > 0 && depth + 1 > options.limits.maxAttachmentDepth) {
    messages.push(DOCUMENT_MESSAGES.DOC_ATTACHMENT_TOO_DEEP({ limit: options.limits.maxAttachmentDepth }));
  } else {
    const pairs = detachedPairsIn(parsed.attachments);
    for (const attachment of parsed.attachments) {
      // Verified with the detached signature beside it (its own signatures too, as its content).
      if (pairs.contents.has(attachment.name)) continue;
      const content = pairs.contentOf.get(attachment.name);
      const report = await verifySource(bytesSource(attachment.bytes), options, context, depth + 1, budget, content ? bytesSource(content.bytes) : undefined);
      attachments.push({ name: attachment.name, ...(content ? { content: content.name } : {}), ...report });
    }
  }

  return judgedDocument(parsed, source.size, digest, signatures, attachments, messages, options, depth, unsignedContent);
}

/** The report of a document that could not be read (or is no document kyso knows), or undefined when it was read. */
function refusal(parsed: ParsedDocument | Message, format: DocumentFormat, detected: ReturnType<typeof detectFormat>, size: number, digest: string, depth: number): DocumentReport | undefined {
  if ('code' in parsed) {
    // Inside a package, a file kyso cannot read as a document (a Word file, an image) is
    // unsigned content, not a broken signature: NO_SIGNATURE, which keeps the package from passing.
    if (depth > 0 && detected === 'unknown' && size > 0) {
      return {
        format: 'unknown',
        indication: 'NO_SIGNATURE',
        size,
        sha256: digest,
        signatures: [],
        roles: { person: false, organization: false, complete: false },
        messages: [DOCUMENT_MESSAGES.DOC_ATTACHMENT_NOT_VERIFIABLE()],
      };
    }
    // A file that is no document kyso knows (a Word file, an image, an empty file) carries no
    // signature kyso could check: it is unsigned, not a broken signature.
    if (detected === 'unknown') {
      const { subIndication: _broken, ...unsigned } = refusedDocument(format, size, digest, [parsed]);
      return { ...unsigned, indication: 'NO_SIGNATURE' };
    }
    return refusedDocument(format, size, digest, [parsed]);
  }
  if (!parsed.readable) {
    return refusedDocument(parsed.format, size, digest, parsed.messages);
  }

  return undefined;
}

/**
 * Detached signatures among a container's entries, each with its content (`x.pdf.p7s` and
 * `x.pdf`: one document, as in a folder). Only an entry that is CMS pairs: a file so named
 * that is anything else leaves `x.pdf` to be verified on its own, so that nothing can hide it.
 */
function detachedPairsIn(entries: readonly ParsedAttachment[]): { contentOf: Map<string, ParsedAttachment>; contents: Set<string> } {
  const count = new Map<string, number>();
  for (const entry of entries) count.set(entry.name, (count.get(entry.name) ?? 0) + 1);
  // A name two entries share (an edXML package may list one twice) pairs with nothing: which one would be meant?
  const byName = new Map(entries.filter((entry) => count.get(entry.name) === 1).map((entry) => [entry.name, entry]));
  const isCms = (name: string) => {
    const detected = detectFormat(byName.get(name)!.bytes.subarray(0, 1024));
    return detected === 'cms' || detected === 'cms-pem';
  };
  const contentOf = new Map<string, ParsedAttachment>();
  for (const [signature, content] of detachedPairs(byName.keys(), isCms)) contentOf.set(signature, byName.get(content)!);
  return { contentOf, contents: new Set([...contentOf.values()].map((content) => content.name)) };
}

/** The name under which a detached signature's content is reported when it carries signatures of its own. */
const DETACHED_CONTENT_NAME = 'detached-content';

/**
 * The signatures a detached signature's content carries itself (a signed PDF beside its
 * .p7s): they count towards the verdict, or a broken one would hide behind the detached
 * signature. Content that is no signed document kyso reads (text, an image, an unsigned or
 * unreadable PDF, a package of unsigned files) adds nothing: the detached signature alone
 * speaks for its bytes.
 */
async function detachedContentSignatures(
  content: ByteSource,
  options: ResolvedOptions,
  context: ValidationContext,
  depth: number,
  budget: DecompressionBudget,
): Promise<(DocumentReport & { name: string }) | undefined> {
  // A CMS content is a signature too (an attached .p7m, or another detached signature): its
  // signatures count like a PDF's, so none hides behind the one that signs its bytes.
  if (detectFormat(await content.read(0, 1024)) === 'unknown') return undefined;
  const report = await verifySource(content, options, context, depth + 1, budget);
  return carriesSignatures(report) ? { name: DETACHED_CONTENT_NAME, ...report } : undefined;
}

/** Signatures in the document or in any document it carries (an unsigned ZIP or edXML package of signed PDFs). */
function carriesSignatures(report: DocumentReport): boolean {
  return report.signatures.length > 0 || (report.attachments ?? []).some(carriesSignatures);
}

/**
 * The document's verdict and report from its signatures and attachments. Synchronous, and a
 * function of its own: verifySource keeps what awaits, so V8 compiles a smaller state
 * machine sooner, and this as a plain function.
 */
function judgedDocument(
  parsed: ParsedDocument,
  size: number,
  digest: string,
  signatures: SignatureReport[],
  attachments: (DocumentReport & { name: string })[],
  messages: Message[],
  options: ResolvedOptions,
  depth: number,
  unsignedContent?: Judged,
): DocumentReport {
  // Every carried document counts: an unsigned one keeps the package from passing.
  // A loop, not filter/map: V8's optimised `map` returns another elements kind than the
  // unoptimised one, which threw verifySource's compiled code away once per run.
  const unsigned: string[] = [];
  for (const attachment of attachments) if (attachment.indication === 'NO_SIGNATURE') unsigned.push(attachment.name);
  if (unsigned.length > 0) messages.push(DOCUMENT_MESSAGES.DOC_UNSIGNED_ATTACHMENTS({ names: unsigned.join(', ') }));
  let verdict: Judged;
  if (CONTAINER_FORMATS.has(parsed.format) && parsed.attachments.length > 0) {
    verdict = rollUp(attachments);
    if (signatures.length > 0) messages.push(DOCUMENT_MESSAGES.DOC_PACKAGE_SIGNATURE_LAYER());
  } else if (carriesNoDocument(parsed.details, parsed.attachments.length + (parsed.uncheckedAttachments ?? 0))) {
    // Nothing signed to pass on; a package signature that did not pass still says what is wrong.
    verdict = rollUp([{ indication: 'NO_SIGNATURE' }, ...signatures.filter((s) => s.indication !== 'TOTAL_PASSED')]);
    messages.push(EDXML_MESSAGES.EDXML_NO_DOCUMENT());
  } else {
    verdict = rollUp([...signatures, ...attachments.filter((a) => a.indication !== 'NO_SIGNATURE')]);
  }
  if (parsed.attachments.length > 0 && depth + 1 > options.limits.maxAttachmentDepth) verdict = rollUp([verdict, { indication: 'INDETERMINATE' }]);
  if (parsed.uncheckedSignatures || parsed.uncheckedAttachments) verdict = rollUp([verdict, { indication: 'INDETERMINATE' }]);
  if (parsed.signedDataUnavailable) verdict = rollUp([verdict, { indication: 'INDETERMINATE', subIndication: 'SIGNED_DATA_NOT_FOUND' }]);
  if (unsignedContent) verdict = rollUp([verdict, unsignedContent]);
  // Which signatures passed and cover what, by position (validation/signed-metadata.ts): the
  // manifest's verdict below reads it from there rather than matching signatures again by Id.
  const details = confirmSignedMetadata(parsed.details, signatures);
  const missing = missingAttachmentsVerdict(details);
  if (missing) {
    verdict = rollUp([verdict, missing.verdict]);
    messages.push(missing.message);
  }
  const packageSignature = packageSignatureLayer(parsed.details, signatures, options.packageSignature);
  if (packageSignature?.policy === 'require' && packageSignature.indication !== 'TOTAL_PASSED') {
    verdict = rollUp([verdict, requiredPackageVerdict(packageSignature)]);
    messages.push(DOCUMENT_MESSAGES.DOC_PACKAGE_SIGNATURE_REQUIRED({ state: packageSignature.state }));
  }
  const { indication } = verdict;
  if (indication === 'NO_SIGNATURE') messages.push(DOCUMENT_MESSAGES.DOC_NO_SIGNATURE());
  return {
    format: parsed.format,
    indication,
    ...(verdict.subIndication ? { subIndication: verdict.subIndication } : {}),
    size,
    sha256: digest,
    signatures,
    roles: decree30Roles(signatures),
    ...(attachments.length > 0 ? { attachments } : {}),
    ...(details ? { details } : {}),
    ...(packageSignature ? { packageSignature } : {}),
    messages,
  };
}

let bundledStore: Promise<TrustStore> | undefined;

/** Every anchor's certificate constrains its paths, but those the caller trusts as name and key only. */
function anchorConstraintsOf(nameAndKey: readonly Uint8Array[]): ValidationContext['anchorConstraints'] {
  if (nameAndKey.length === 0) return () => 'enforce';
  const fingerprints = new Set(nameAndKey.map(certificateFingerprint));
  return (anchor) => (fingerprints.has(anchor.sha256.toUpperCase()) ? 'name-and-key' : 'enforce');
}

/**
 * The fingerprints of a store's certificates, taken once per store rather than once per
 * document (the bundled store's were hashed again for every file of a folder). Reused only
 * while the store holds the very same arrays, element for element.
 */
const pinnedByStore = new WeakMap<object, { anchors: readonly Uint8Array[]; intermediates: readonly Uint8Array[]; pinned: ReadonlySet<string> }>();

/** `store` keys the memo (a TrustStore hands out new arrays of the same certificates on every read). */
function pinnedFingerprints(store: object, anchors: readonly Uint8Array[], intermediates: readonly Uint8Array[]): ReadonlySet<string> {
  const known = pinnedByStore.get(store);
  const same = (a: readonly Uint8Array[], b: readonly Uint8Array[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  if (known && same(known.anchors, anchors) && same(known.intermediates, intermediates)) return known.pinned;
  const pinned = new Set([...anchors, ...intermediates].map(certificateFingerprint));
  pinnedByStore.set(store, { anchors: [...anchors], intermediates: [...intermediates], pinned });
  return pinned;
}

export async function buildValidationContext(options: ResolvedOptions): Promise<ValidationContext> {
  const trust = options.trust ?? (await (bundledStore ??= TrustStore.bundled()));
  const anchors = trust.anchors;
  const intermediates = trust.intermediates;
  return {
    anchors,
    anchorConstraints: anchorConstraintsOf(trust.nameAndKeyAnchors ?? []),
    intermediates,
    pinned: pinnedFingerprints(trust, anchors, intermediates),
    at: options.at,
    supplied: { crls: options.crls, ocspResponses: options.ocspResponses },
    revocationMode: options.revocationMode,
    // One network budget for the document and everything nested in it (fetch-budget.ts).
    ...(options.fetcher ? { fetcher: documentFetcher(options.fetcher) } : {}),
    algorithmPolicy: options.algorithms,
    roleRule: options.roleRule,
    validatePath: options.validatePath ?? validateCertificatePath,
  };
}

/**
 * Verifies every signature in a document (PDF, edXML, XML, ZIP, or CMS .p7s — the
 * format is detected from the bytes) and returns its report.
 */
export async function verify(document: Uint8Array | ByteSource, options?: VerifyOptions): Promise<DocumentReport> {
  const resolved = resolveOptions(options);
  let source: ByteSource;
  if (document instanceof Uint8Array) source = bytesSource(document);
  else if (isByteSource(document)) source = document;
  else throw new KysoOptionsError('document must be a Uint8Array or a ByteSource');
  const context = await buildValidationContext(resolved);
  // One decompression budget for the document and everything nested in it.
  const report = await verifySource(source, resolved, context, 0, decompressionBudget(resolved.limits));
  const facts = deriveFacts(report, { anchorPki: await bundledAnchorPki(), places: BUNDLED_PLACES });
  // Object.assign, not `{ ...report, facts }` (slow in V8): the report's keys are verifySource's own.
  return Object.assign({}, report, { facts });
}
