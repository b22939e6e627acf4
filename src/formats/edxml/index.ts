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
 * signatures have a reference resolving to an element that contains the field, and
 * whether such a signature verified (intact and valid). Trust is not considered here.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParsedDocument, ParsedSignature, ParseContext } from '../types.js';
import { contains, NS } from '../xml/dom.js';
import { findSignatureElements, verifySignatureElements } from '../xml/signatures.js';
import type { XmlSignatureVerification } from '../xml/xmldsig.js';
import type { SafeXml } from '../xml/parse.js';
import { attachmentContainers, readAttachments } from './attachments.js';
import { edxmlChild, readHeader, readManifest, type MetadataElements } from './header.js';
import { EDXML_MESSAGES } from './messages.js';
import type { EdxmlPackage } from './model.js';

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
  /** Ids of the package signatures with a reference resolving to an element that contains the field. */
  readonly insideReferenceOf: readonly string[];
  /** A signature that verified (intact and valid) has an intact reference containing the field. */
  readonly covered: boolean;
}

function fieldCoverage(element: Element | undefined, results: readonly XmlSignatureVerification[]): FieldCoverage {
  const insideReferenceOf: string[] = [];
  let covered = false;
  if (!element) return { insideReferenceOf, covered };
  for (const result of results) {
    for (const reference of result.references) {
      if (!reference.node || !contains(reference.node, element)) continue;
      if ([...reference.excluded].some((excluded) => contains(excluded, element))) continue;
      if (!insideReferenceOf.includes(result.signature.id)) insideReferenceOf.push(result.signature.id);
      if (result.verified && reference.intact === 'passed') covered = true;
    }
  }
  return { insideReferenceOf, covered };
}

function metadata(model: EdxmlPackage, elements: MetadataElements, results: readonly XmlSignatureVerification[]) {
  const { header } = model;
  const entry = <T>(value: T | undefined, element: Element | undefined) => ({
    ...(value !== undefined ? { value } : {}),
    ...fieldCoverage(element, results),
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

export async function parseEdxml(xml: SafeXml, ctx: ParseContext): Promise<ParsedDocument> {
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
  const { attachments, infos } = readAttachments(attachmentContainers(xml.root), manifest, messages);
  const model: EdxmlPackage = {
    kind: read.header.statusCode !== undefined && !body ? 'status' : 'document',
    header: read.header,
    manifest,
    attachments: infos,
  };

  const results = await verifySignatureElements(findSignatureElements(xml, [NS.ds, NS.edxml]), xml, ctx, messages);
  const signatures: ParsedSignature[] = [];
  const states: { id: string; namespace: string; state: PackageSignatureState }[] = [];
  for (const result of results) {
    const state = packageSignatureState(result);
    const namespace = result.element.namespaceURI === NS.ds ? 'xmldsig' : 'edxml';
    states.push({ id: result.signature.id, namespace, state });
    messages.push(EDXML_MESSAGES.EDXML_PACKAGE_SIGNATURE_STATE({ id: result.signature.id, state_vi: STATE_TEXT[state].vi, state_en: STATE_TEXT[state].en }));
    const xmlFacts = result.signature.details?.kind === 'xml' ? result.signature.details : undefined;
    signatures.push({ ...result.signature, details: { ...xmlFacts, kind: 'edxml', layer: 'edxml-package', packageState: state } });
  }
  if (results.length === 0) messages.push(EDXML_MESSAGES.EDXML_PACKAGE_SIGNATURE_ABSENT());

  const fields = metadata(model, read.elements, results);
  const uncovered = Object.entries(fields)
    .filter(([, facts]) => 'value' in facts && !facts.covered)
    .map(([name]) => name);
  if (uncovered.length > 0) messages.push(EDXML_MESSAGES.EDXML_METADATA_UNSIGNED({ fields: uncovered.join(', ') }));

  return {
    format: 'edxml',
    readable: true,
    signatures,
    attachments,
    details: {
      kind: 'edxml',
      edxml: model,
      packageSignature: { state: states[0]?.state ?? 'absent', signatures: states },
      metadata: fields,
    },
    messages,
  };
}
