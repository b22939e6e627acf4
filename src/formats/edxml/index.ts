/**
 * edXML packages (QCVN 102:2016/BTTTT): the envelope header as a typed model, the
 * package signature as its own layer, and the attachments as bytes.
 *
 * The package signature never decides the package's verdict (verify() rolls the
 * verdict up from the attached documents, where the legal signatures are): it is
 * reported as absent, valid, valid-but-content-changed (the axis appends
 * TraceHeaders after signing), invalid or unverifiable. A Signature re-serialised
 * into the edXML namespace is recognised, reported as such and verified anyway.
 *
 * Metadata the metrics use (sender OrganId, promulgation date, document type, code
 * number and notation, subject) is reported with the raw coverage facts: which
 * signatures have a reference that signs the field whole, and whether such a signature
 * verified (intact and valid) and signs every attachment too (the header describes the
 * documents carried: a signature over the header alone proves nothing about them).
 * Trust is not considered here.
 */
import type { Element, Node } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParsedDocument, ParsedSignature, ParseContext } from '../types.js';
import { contains, isElement, NS } from '../xml/dom.js';
import { signsWhole } from '../xml/references.js';
import { asCopy, copiedFrom, findSignatureElements, uncheckedSignatureCount, verifySignatureElements } from '../xml/signatures.js';
import type { XmlSignatureVerification } from '../xml/xmldsig.js';
import type { SafeXml } from '../xml/parse.js';
import { attachmentContainers, readAttachments } from './attachments.js';
import { edxmlChild, edxmlChildren, readHeader, readManifest, type MetadataElements } from './header.js';
import { EDXML_MESSAGES } from './messages.js';
import type { EdxmlPackage } from './model.js';
import { rebuildPackageSignature, type SignatureRebuild } from './rebuild.js';

export type { RebuildNamespace, RebuildWhitespace, SignatureRebuild } from './rebuild.js';

export type { EdxmlPackage } from './model.js';
export type * from './model.js';

export type PackageSignatureState = 'valid' | 'content-changed' | 'invalid' | 'unverifiable';

const STATE_TEXT: Readonly<Record<PackageSignatureState, { vi: string; en: string }>> = {
  valid: { vi: 'hợp lệ', en: 'valid' },
  'content-changed': {
    vi: 'giá trị chữ ký đúng nhưng nội dung đã thay đổi sau khi ký',
    en: 'the signature value is valid but the content changed after signing',
  },
  invalid: { vi: 'giá trị chữ ký không đúng', en: 'the signature value does not verify' },
  unverifiable: { vi: 'không kiểm tra được', en: 'cannot be verified' },
};

export function packageSignatureState(result: XmlSignatureVerification): PackageSignatureState {
  const { integrity } = result.signature;
  if (result.verified) return 'valid';
  if (integrity.valid === 'failed') return 'invalid';
  if (integrity.valid === 'passed' && integrity.intact === 'failed') return 'content-changed';
  return 'unverifiable';
}

export interface FieldCoverage {
  /**
   * Ids of the package signatures with a reference that signs the field whole: it resolves to
   * the field or an element around it, and its transforms leave out no node inside the field
   * (an XPath transform may leave out just the text: then the value is not signed).
   */
  readonly insideReferenceOf: readonly string[];
  /**
   * A signature that verified (intact and valid) has an intact reference signing the field whole,
   * and, for header fields (which describe the documents carried), signs every attachment too.
   */
  readonly covered: boolean;
  /**
   * Positions, in the document's signatures, of those that make `covered` true: each verified,
   * signs the field whole and, for a header field, every attachment. Validation keeps the field
   * covered only if one of these very signatures passes in full (positions, not ids: two
   * signatures may carry one Id, and one that binds but is not trusted must not lend its binding
   * to one that is trusted but does not bind).
   */
  readonly bindingSignatures: readonly number[];
  /**
   * Ids of the signatures that verified and sign the field but not every attachment of the
   * package: the value is signed, yet not bound to the documents carried (another attachment
   * may sit beside a replayed header). Present only when the field is not `covered`.
   */
  readonly notBoundBy?: readonly string[];
}

/** Whether the signature's intact references sign every attachment of the package whole. */
function bindsAttachments(result: XmlSignatureVerification, attachments: readonly Element[]): boolean {
  return attachments.every((attachment) => result.references.some((reference) => reference.intact === 'passed' && signsWhole(reference, attachment)));
}

/** `attachments`: the package's Attachment elements, which a header field's signature must sign too; undefined for a field that does not describe them. */
function fieldCoverage(element: Element | undefined, results: readonly XmlSignatureVerification[], attachments?: readonly Element[]): FieldCoverage {
  const insideReferenceOf: string[] = [];
  const bindingSignatures: number[] = [];
  const notBoundBy: string[] = [];
  if (!element) return { insideReferenceOf, covered: false, bindingSignatures };
  results.forEach((result, position) => {
    for (const reference of result.references) {
      if (!signsWhole(reference, element)) continue;
      if (!insideReferenceOf.includes(result.signature.id)) insideReferenceOf.push(result.signature.id);
      if (!result.verified || reference.intact !== 'passed') continue;
      if (!attachments || bindsAttachments(result, attachments)) {
        if (!bindingSignatures.includes(position)) bindingSignatures.push(position);
      } else if (!notBoundBy.includes(result.signature.id)) notBoundBy.push(result.signature.id);
    }
  });
  const covered = bindingSignatures.length > 0;
  return { insideReferenceOf, covered, bindingSignatures, ...(!covered && notBoundBy.length > 0 ? { notBoundBy } : {}) };
}

function metadata(model: EdxmlPackage, elements: MetadataElements, results: readonly XmlSignatureVerification[], attachments: readonly Element[]) {
  const { header } = model;
  const entry = <T>(value: T | undefined, element: Element | undefined) => ({
    ...(value !== undefined ? { value } : {}),
    ...fieldCoverage(element, results, attachments),
  });
  const promulgationDate = header.promulgationInfo?.promulgationDate;
  return {
    senderOrganId: entry(header.from?.organId, elements.senderOrganId),
    promulgationDate: entry(promulgationDate ? promulgationDate.iso ?? promulgationDate.raw : undefined, elements.promulgationDate),
    documentType: entry(header.documentType, elements.documentType),
    codeNumber: entry(header.code?.codeNumber, elements.codeNumber),
    codeNotation: entry(header.code?.codeNotation, elements.codeNotation),
    subject: entry(header.subject, elements.subject),
  };
}

/** Where each envelope element belongs: its parent's local name (all in the edXML namespace). */
const PLACE: Readonly<Record<string, string>> = {
  edXMLEnvelope: 'edXML',
  edXMLHeader: 'edXMLEnvelope',
  edXMLBody: 'edXMLEnvelope',
  MessageHeader: 'edXMLHeader',
  TraceHeaderList: 'edXMLHeader',
  edXMLManifest: 'edXMLBody',
};

function insideSignature(node: Node): boolean {
  for (let current: Node | null = node.parentNode; current; current = current.parentNode) {
    if (isElement(current) && current.localName === 'Signature' && (current.namespaceURI === NS.ds || current.namespaceURI === NS.edxml)) return true;
  }
  return false;
}

/**
 * Position binding of a package signature (edXML profile): every edXML element a
 * Reference resolves to must sit in its place in this envelope (the very header,
 * body or envelope kyso reads, never a copy inside a ds:Object or elsewhere), and the
 * signature must cover the envelope's MessageHeader whole (no node inside it left out by a
 * transform). Anything else is wrapping: the
 * signature may be intact, but not over this package's header.
 */
function placementProblems(result: XmlSignatureVerification, envelope: { root: Element; messageHeader: Element; inPlace: ReadonlySet<Element> }): Message[] {
  const problems: Message[] = [];
  const id = result.signature.id;
  for (const reference of result.references) {
    const node = reference.node;
    if (!node || !isElement(node) || node.namespaceURI !== NS.edxml) continue;
    const expectedParent = PLACE[node.localName ?? ''];
    const outOfPlace = insideSignature(node) || (expectedParent !== undefined && !envelope.inPlace.has(node)) || !contains(envelope.root, node);
    if (outOfPlace) problems.push(EDXML_MESSAGES.EDXML_REFERENCE_OUT_OF_PLACE({ id, element: node.tagName }));
  }
  const covered = result.references.some((reference) => signsWhole(reference, envelope.messageHeader));
  if (!covered) problems.push(EDXML_MESSAGES.EDXML_HEADER_NOT_COVERED({ id }));
  return problems;
}

const WHITESPACE_TEXT: Readonly<Record<SignatureRebuild['whitespace'], { vi: string; en: string }>> = {
  none: { vi: '', en: '' },
  'signed-info': { vi: ', SignedInfo bị thụt dòng lại', en: ', SignedInfo re-indented' },
  document: { vi: ', cả gói bị thụt dòng lại', en: ', the whole package re-indented' },
};

export async function parseEdxml(xml: SafeXml, ctx: ParseContext): Promise<ParsedDocument> {
  return parsePackage(xml, ctx);
}

async function parsePackage(xml: SafeXml, ctx: ParseContext, rebuilt?: SignatureRebuild): Promise<ParsedDocument> {
  const messages: Message[] = [];
  const envelope = edxmlChild(xml.root, 'edXMLEnvelope');
  const headerElement = edxmlChild(envelope, 'edXMLHeader');
  const messageHeader = edxmlChild(headerElement, 'MessageHeader');
  if (!envelope || !headerElement || !messageHeader) {
    const missing = !envelope ? 'edXMLEnvelope' : !headerElement ? 'edXMLHeader' : 'MessageHeader';
    return { format: 'edxml', readable: false, signatures: [], attachments: [], messages: [EDXML_MESSAGES.EDXML_NO_HEADER({ element: missing })] };
  }
  const read = readHeader(messageHeader, edxmlChild(headerElement, 'TraceHeaderList'));
  messages.push(...read.messages);
  const body = edxmlChild(envelope, 'edXMLBody');
  const manifest = readManifest(edxmlChild(body, 'edXMLManifest'));
  const containers = attachmentContainers(xml.root);
  const { attachments, infos, unchecked, missing, ambiguous } = readAttachments(containers, manifest, messages, ctx.limits.maxEdxmlAttachments);
  if (ambiguous.length > 0) {
    const names = ambiguous.map((name) => `"${name}"`).join(', ');
    return { format: 'edxml', readable: false, signatures: [], attachments: [], messages: [...messages, EDXML_MESSAGES.EDXML_ATTACHMENT_AMBIGUOUS({ names })] };
  }
  const model: EdxmlPackage = {
    kind: read.header.statusCode !== undefined && !body ? 'status' : 'document',
    header: read.header,
    manifest,
    attachments: infos,
  };

  const signatureElements = findSignatureElements(xml, [NS.ds, NS.edxml]);
  const verified = await verifySignatureElements(signatureElements, xml, ctx, messages);
  const uncheckedSignatures = uncheckedSignatureCount(signatureElements, ctx.limits);
  if (!rebuilt) {
    const quirk = verified.find((result) => result.element.namespaceURI === NS.edxml && !result.verified);
    const rebuild = quirk ? await rebuildPackageSignature(xml, quirk.element, ctx) : undefined;
    if (rebuild) return parsePackage(rebuild.xml, ctx, rebuild.rebuild);
  } else {
    messages.push(
      EDXML_MESSAGES.EDXML_SIGNATURE_REBUILT({
        namespace: rebuilt.namespace === 'ds-prefix' ? 'ds:Signature' : 'Signature xmlns=XMLDSig',
        whitespace_vi: WHITESPACE_TEXT[rebuilt.whitespace].vi,
        whitespace_en: WHITESPACE_TEXT[rebuilt.whitespace].en,
      }),
    );
  }
  const inPlace = new Set<Element>(
    [envelope, headerElement, messageHeader, body, edxmlChild(headerElement, 'TraceHeaderList'), edxmlChild(body, 'edXMLManifest')].filter(
      (element): element is Element => element !== undefined,
    ),
  );
  // A copy of a package signature (same SignatureValue) is no second signature: under the XPath
  // idiom it verifies anywhere, and slipped into Subject its text was read as the signed Subject.
  const copies = copiedFrom(verified);
  const results = verified.map((checked, index): XmlSignatureVerification => {
    const result = copies[index] !== undefined ? { ...asCopy(checked, copies[index]!), wrapped: true } : checked;
    const problems = placementProblems(result, { root: xml.root, messageHeader, inPlace });
    if (problems.length === 0) return result;
    const signature = { ...result.signature, formatFailure: true, messages: [...result.signature.messages, ...problems] };
    return { ...result, signature, verified: false, wrapped: true };
  });
  const signatures: ParsedSignature[] = [];
  const states: { id: string; namespace: string; state: PackageSignatureState }[] = [];
  for (const result of results) {
    const state = result.wrapped ? 'invalid' : packageSignatureState(result);
    const namespace = result.element.namespaceURI === NS.ds ? 'xmldsig' : 'edxml';
    states.push({ id: result.signature.id, namespace, state });
    messages.push(EDXML_MESSAGES.EDXML_PACKAGE_SIGNATURE_STATE({ id: result.signature.id, state_vi: STATE_TEXT[state].vi, state_en: STATE_TEXT[state].en }));
    const xmlFacts = result.signature.details?.kind === 'xml' ? result.signature.details : undefined;
    signatures.push({ ...result.signature, details: { ...xmlFacts, kind: 'edxml', layer: 'edxml-package', packageState: state } });
  }
  if (results.length === 0) messages.push(EDXML_MESSAGES.EDXML_PACKAGE_SIGNATURE_ABSENT());

  const attachmentElements = containers.flatMap((container) => edxmlChildren(container, 'Attachment'));
  const fields = metadata(model, read.elements, results, attachmentElements);
  const missingAttachments = missing.length > 0 ? { value: missing, ...fieldCoverage(edxmlChild(body, 'edXMLManifest'), results) } : undefined;
  const present = Object.entries(fields).filter(([, facts]) => 'value' in facts && !facts.covered);
  const uncovered = present.filter(([, facts]) => !facts.notBoundBy).map(([name]) => name);
  if (uncovered.length > 0) messages.push(EDXML_MESSAGES.EDXML_METADATA_UNSIGNED({ fields: uncovered.join(', ') }));
  const unbound = present.filter(([, facts]) => facts.notBoundBy);
  if (unbound.length > 0) {
    const ids = [...new Set(unbound.flatMap(([, facts]) => facts.notBoundBy ?? []))].join(', ');
    messages.push(EDXML_MESSAGES.EDXML_METADATA_NOT_BOUND({ ids, fields: unbound.map(([name]) => name).join(', ') }));
  }

  return {
    format: 'edxml',
    readable: true,
    ...(uncheckedSignatures > 0 ? { uncheckedSignatures } : {}),
    ...(unchecked > 0 ? { uncheckedAttachments: unchecked } : {}),
    signatures,
    attachments,
    details: {
      kind: 'edxml',
      edxml: model,
      packageSignature: { state: states[0]?.state ?? 'absent', signatures: states, ...(rebuilt ? { rebuild: rebuilt } : {}) },
      metadata: fields,
      ...(missingAttachments ? { missingAttachments } : {}),
    },
    messages,
  };
}
