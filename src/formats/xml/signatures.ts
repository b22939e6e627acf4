/** Finding and verifying the Signature elements of a parsed document. */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { DEFAULT_LIMITS } from '../limits.js';
import type { ParseContext, ParseLimits } from '../types.js';
import { childElements, isElement, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import type { SafeXml } from './parse.js';
import { bindCounterSignature, counterSignatureParent } from './counter-signature.js';
import { recordSignatureCopy, recordSignatureNamespaces } from './references.js';
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
  // Copies are known before any reference is judged: what a reference leaves out as "a
  // Signature" must not be one (references.ts isSignatureElement). Which of two equal ones is
  // the original cannot be told (an attacker's copy may come first), so neither is.
  const byValue = new Map<string, Element[]>();
  for (const element of found) {
    const value = signatureValueText(element);
    if (value === undefined) continue;
    const group = byValue.get(value);
    if (group) group.push(element);
    else byValue.set(value, [element]);
  }
  for (const group of byValue.values()) if (group.length > 1) group.forEach(recordSignatureCopy);
  return found;
}

/** The SignatureValue text of a Signature element without whitespace, or undefined when empty or absent. */
function signatureValueText(element: Element): string | undefined {
  const valueElement = childElements(element).find((child) => child.localName === 'SignatureValue' && child.namespaceURI === element.namespaceURI);
  const value = (valueElement?.textContent ?? '').replace(/\s+/g, '');
  return value === '' ? undefined : value;
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


/**
 * For each verified signature, the id of an earlier one with the same SignatureValue (a copy),
 * or undefined. A signature whose reference leaves every Signature out (the XPath idiom
 * `not(ancestor-or-self::ds:Signature)`) verifies again when copied anywhere in the document,
 * and the copy's ds:Object may carry anything: slipped into a signed field, its text was read
 * as part of that field, and it counted as a second signature over the entire file. The
 * e-invoice profile uses it too (einvoice/index.ts).
 */
export function copiedFrom(verified: readonly XmlSignatureVerification[]): (string | undefined)[] {
  const first = new Map<string, string>();
  return verified.map(({ signature, element }) => {
    const value = signatureValueText(element);
    if (value === undefined) return undefined;
    const original = first.get(value);
    if (original === undefined) first.set(value, signature.id);
    return original;
  });
}

/** `verification` marked as a copy of `original`: a format failure, never verified. */
export function asCopy(verification: XmlSignatureVerification, original: string): XmlSignatureVerification {
  const { signature } = verification;
  const message = XML_MESSAGES.XML_SIGNATURE_COPIED({ id: signature.id, original });
  return {
    ...verification,
    verified: false,
    signature: { ...signature, formatFailure: true, integrity: { ...signature.integrity, messages: [...signature.integrity.messages, message] } },
  };
}
