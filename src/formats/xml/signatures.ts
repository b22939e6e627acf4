/** Finding and verifying the Signature elements of a parsed document. */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParseContext } from '../types.js';
import { isElement, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import type { SafeXml } from './parse.js';
import { verifyXmlSignature, type XmlSignatureVerification } from './xmldsig.js';

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

