/**
 * XML documents: safe parsing, then every XMLDSig/XAdES Signature verified for
 * integrity (never for trust). An edXML envelope (root `edXML` in the QCVN 102:2016
 * namespace) is handed to formats/edxml, which reports the package signature as its
 * own layer and returns the attachments.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { parseEdxml } from '../edxml/index.js';
import type { ParsedDocument, ParsedSignature, ParseContext } from '../types.js';
import { isElement, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { parseXmlSafely, type SafeXml } from './parse.js';
import { verifyXmlSignature, type XmlSignatureVerification } from './xmldsig.js';

export { canonicalize, C14N_URI } from './c14n.js';
export type { SafeXml } from './parse.js';
export { parseXmlSafely } from './parse.js';
export { verifyXmlSignature } from './xmldsig.js';
export type { XmlSignatureVerification } from './xmldsig.js';

/** Signatures verified per document; the rest are reported, not checked. */
export const MAX_SIGNATURES = 64;

/** Signature elements in document order: ds:Signature, plus edXML-namespace ones when asked. */
export function findSignatureElements(xml: SafeXml, namespaces: readonly string[] = [NS.ds]): Element[] {
  const found: Element[] = [];
  const stack: Element[] = [xml.root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.localName === 'Signature' && namespaces.includes(element.namespaceURI ?? '')) found.push(element);
    for (let child = element.lastChild; child; child = child.previousSibling) if (isElement(child)) stack.push(child);
  }
  return found;
}

export async function verifySignatureElements(
  elements: readonly Element[],
  xml: SafeXml,
  ctx: ParseContext,
  messages: Message[],
): Promise<XmlSignatureVerification[]> {
  if (elements.length > MAX_SIGNATURES) messages.push(XML_MESSAGES.XML_TOO_MANY_SIGNATURES({ count: elements.length, limit: MAX_SIGNATURES }));
  const out: XmlSignatureVerification[] = [];
  for (const [index, element] of elements.slice(0, MAX_SIGNATURES).entries()) out.push(await verifyXmlSignature(element, xml, ctx, index + 1));
  return out;
}

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
  const verified = await verifySignatureElements(findSignatureElements(xml), xml, ctx, messages);
  const signatures: ParsedSignature[] = verified.map((result) => result.signature);
  if (signatures.length === 0) messages.push(XML_MESSAGES.XML_NO_SIGNATURE());
  return {
    format: 'xml',
    readable: true,
    signatures,
    attachments: [],
    details: { rootElement: xml.root.tagName, rootNamespace: xml.root.namespaceURI ?? null },
    messages,
  };
}
