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
import { childElements, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { parseXmlSafely } from './parse.js';
import { findSignatureElements, uncheckedSignatureCount, verifySignatureElements } from './signatures.js';
import type { XmlSignatureVerification } from './xmldsig.js';

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
 * One SignatureValue found twice is a copy, every later one a format failure (the e-invoice
 * profile has the same rule). A signature whose reference leaves every ds:Signature out (the
 * XPath idiom `not(ancestor-or-self::ds:Signature)`) verifies again when copied anywhere in the
 * document, and the copy's ds:Object may carry anything: a forged amount inside it read as a
 * second passing signature over the entire file.
 */
function markCopies(verified: readonly XmlSignatureVerification[]): ParsedSignature[] {
  const first = new Map<string, string>();
  return verified.map(({ signature, element }) => {
    const valueElement = childElements(element).find((child) => child.localName === 'SignatureValue' && child.namespaceURI === element.namespaceURI);
    const value = (valueElement?.textContent ?? '').replace(/\s+/g, '');
    if (value === '') return signature;
    const original = first.get(value);
    if (original === undefined) {
      first.set(value, signature.id);
      return signature;
    }
    const message = XML_MESSAGES.XML_SIGNATURE_COPIED({ id: signature.id, original });
    return { ...signature, formatFailure: true, integrity: { ...signature.integrity, messages: [...signature.integrity.messages, message] } };
  });
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
  const einvoice = isEinvoiceDocument(xml.root) ? applyEinvoiceProfile(xml, verified, unchecked === 0) : undefined;
  if (einvoice) messages.push(...einvoice.messages);
  const signatures: ParsedSignature[] = einvoice ? [...einvoice.signatures] : markCopies(verified);
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
