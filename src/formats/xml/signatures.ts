/** Finding and verifying the Signature elements of a parsed document. */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { ParseContext, ParseLimits } from '../types.js';
import { isElement, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import type { SafeXml } from './parse.js';
import { bindCounterSignature, counterSignatureParent } from './counter-signature.js';
import { recordSignatureNamespaces } from './references.js';
import { verifyXmlSignature, type XmlSignatureVerification } from './xmldsig.js';

/**
 * Signatures verified per document by default (ParseLimits.maxXmlSignatures). Past the limit the
 * rest are left unchecked and the document is INDETERMINATE (ParsedDocument.uncheckedSignatures):
 * an unchecked signature is neither passed nor absent. A batch message (TDiep MLTDiep 200)
 * carries one seller signature per invoice, as many as the e-invoice profile reports (einvoice
 * MAX_INVOICES); the work per signature beyond its SignedInfo is bounded by the document's
 * canonicalisation budget (parse.ts).
 */
export const MAX_SIGNATURES = DEFAULT_LIMITS.maxXmlSignatures;

/** How many of `elements` verifySignatureElements leaves unchecked. */
export function uncheckedSignatureCount(elements: readonly Element[], limits: ParseLimits): number {
  return Math.max(0, elements.length - limits.maxXmlSignatures);
}

/** Signature elements in document order: ds:Signature, plus edXML-namespace ones when asked. */
export function findSignatureElements(xml: SafeXml, namespaces: readonly string[] = [NS.ds]): Element[] {
  // What a reference may leave out as "a Signature" is what is verified here (references.ts).
  recordSignatureNamespaces(xml, namespaces);
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
  const limit = ctx.limits.maxXmlSignatures;
  if (elements.length > limit) messages.push(XML_MESSAGES.XML_TOO_MANY_SIGNATURES({ count: elements.length, limit }));
  const out: XmlSignatureVerification[] = [];
  const checked = elements.slice(0, limit);
  for (const [index, element] of checked.entries()) out.push(await verifyXmlSignature(element, xml, ctx, index + 1));
  return out.map((verification) => asCounterSignature(verification, out, checked));
}

/**
 * A Signature placed as a XAdES counter-signature is judged as one: named under its
 * parent (`counterSignatureOf`), and a structure defect when it does not sign the
 * parent's SignatureValue (counter-signature.ts).
 */
function asCounterSignature(
  verification: XmlSignatureVerification,
  all: readonly XmlSignatureVerification[],
  elements: readonly Element[],
): XmlSignatureVerification {
  const parent = counterSignatureParent(verification.element);
  if (!parent) return verification;
  const binding = bindCounterSignature(verification, parent, all, elements.indexOf(parent) + 1);
  const unbound = !binding.bound && !binding.digestFailed && binding.messages.length > 0;
  const { signature } = verification;
  return {
    ...verification,
    verified: verification.verified && binding.bound,
    signature: {
      ...signature,
      counterSignatureOf: binding.parentId,
      formatFailure: signature.formatFailure || unbound,
      integrity: { ...signature.integrity, messages: [...signature.integrity.messages, ...binding.messages] },
    },
  };
}

