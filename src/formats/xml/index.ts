/**
 * XML documents: safe parsing, then every XMLDSig/XAdES Signature verified for
 * integrity (never for trust). An edXML envelope (root `edXML` in the QCVN 102:2016
 * namespace) is handed to formats/edxml, which reports the package signature as its
 * own layer and returns the attachments.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { parseEdxml } from '../edxml/index.js';
import { applyEinvoiceProfile, isEinvoiceDocument } from '../einvoice/index.js';
import type { ParsedDocument, ParsedSignature, ParseContext } from '../types.js';
import { NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { parseXmlSafely } from './parse.js';
import { asCopy, copiedFrom, findSignatureElements, uncheckedSignatureCount, verifySignatureElements } from './signatures.js';

export { canonicalize, C14N_URI } from './c14n.js';
export type { SafeXml } from './parse.js';
export { parseXmlSafely } from './parse.js';
export { verifyXmlSignature } from './xmldsig.js';
export { findSignatureElements, MAX_SIGNATURES, verifySignatureElements } from './signatures.js';
export type { XmlSignatureVerification } from './xmldsig.js';

function isEdxmlRoot(root: Element): boolean {
  return root.localName === 'edXML' && (root.namespaceURI === NS.edxml || !root.namespaceURI);
}

/**
 * Parses an XML document and verifies its signatures. Never throws for a bad
 * document: a refused one comes back `readable: false` with the reason.
 */
export async function parseXmlDocument(bytes: Uint8Array, ctx: ParseContext): Promise<ParsedDocument> {
  const parsed = parseXmlSafely(bytes, ctx.limits);
  if (!parsed.ok) return { format: 'xml', readable: false, signatures: [], attachments: [], messages: parsed.messages };
  const { xml } = parsed;
  if (isEdxmlRoot(xml.root)) return parseEdxml(xml, ctx);
  const messages: Message[] = [];
  const elements = findSignatureElements(xml);
  const verified = await verifySignatureElements(elements, xml, ctx, messages);
  const unchecked = uncheckedSignatureCount(elements, ctx.limits);
  const einvoice = isEinvoiceDocument(xml, verified) ? applyEinvoiceProfile(xml, verified, unchecked === 0) : undefined;
  if (einvoice) messages.push(...einvoice.messages);
  // One SignatureValue twice is a copy, every later one a format failure (signatures.ts copiedFrom).
  const copies = einvoice ? [] : copiedFrom(verified);
  const signatures: ParsedSignature[] = einvoice
    ? [...einvoice.signatures]
    : verified.map((result, index) => (copies[index] !== undefined ? asCopy(result, copies[index]!).signature : result.signature));
  if (signatures.length === 0) messages.push(XML_MESSAGES.XML_NO_SIGNATURE());
  return {
    format: 'xml',
    readable: true,
    ...(unchecked > 0 ? { uncheckedSignatures: unchecked } : {}),
    signatures,
    attachments: [],
    details: einvoice ? einvoice.details : { kind: 'xml', rootElement: xml.root.tagName, rootNamespace: xml.root.namespaceURI ?? null },
    messages,
  };
}
