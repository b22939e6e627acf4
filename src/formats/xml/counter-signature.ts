/**
 * XAdES counter-signatures (ETSI EN 319 132-1 §5.4.2, XAdES 1.3.2 §7.2.4): a ds:Signature
 * inside `UnsignedSignatureProperties/CounterSignature` of another signature's
 * QualifyingProperties. Its meaning is "I sign that signature's value", so it counts as
 * a counter-signature only when one of its own SignedInfo References is typed
 * `http://uri.etsi.org/01903#CountersignedSignature`, resolves (by Id) to the very
 * SignatureValue element of the signature that carries it, and digest-matches it. One
 * that signs anything else is a structure defect (FORMAT_FAILURE), never passed as an
 * independent signature: whoever reads it as a counter-signature would be misled.
 * A counter-signature of a counter-signature works the same way, one level at a time.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { isElement, NS } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import type { XmlSignatureVerification } from './xmldsig.js';

/** The Reference Type of a counter-signature's reference to its parent's SignatureValue. */
export const COUNTERSIGNED_SIGNATURE_TYPE = 'http://uri.etsi.org/01903#CountersignedSignature';

/**
 * The Signature element whose XAdES CounterSignature holds `signature`, or undefined when
 * it is not placed as a counter-signature. The whole path is checked (CounterSignature ←
 * UnsignedSignatureProperties ← UnsignedProperties ← QualifyingProperties ← Object ←
 * Signature), so a Signature that merely sits somewhere inside another is not one.
 */
export function counterSignatureParent(signature: Element): Element | undefined {
  const path: [string | null, string][] = [
    [NS.xades, 'CounterSignature'],
    [NS.xades, 'UnsignedSignatureProperties'],
    [NS.xades, 'UnsignedProperties'],
    [NS.xades, 'QualifyingProperties'],
    [signature.namespaceURI, 'Object'],
    [signature.namespaceURI, 'Signature'],
  ];
  let node: Element = signature;
  for (const [namespace, name] of path) {
    const parent = node.parentNode;
    if (!isElement(parent) || parent.localName !== name || parent.namespaceURI !== namespace) return undefined;
    node = parent;
  }
  return node;
}

/** The SignatureValue element of a Signature (its second child element, by XMLDSig's schema). */
function signatureValueOf(signature: Element): Element | undefined {
  for (let child = signature.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.localName === 'SignatureValue' && child.namespaceURI === signature.namespaceURI) return child;
  }
  return undefined;
}

export interface CounterSignatureBinding {
  /** Id of the parent signature, as the report names it. */
  readonly parentId: string;
  /** The counter-signature has an intact typed Reference to its parent's SignatureValue. */
  readonly bound: boolean;
  /** The typed Reference reached the parent's SignatureValue but its digest did not match (a changed or transplanted value). */
  readonly digestFailed: boolean;
  readonly messages: readonly Message[];
}

/**
 * How `counter` is bound to the parent that carries it. `verifications` are every
 * verified Signature of the document, to name the parent.
 */
export function bindCounterSignature(
  counter: XmlSignatureVerification,
  parentElement: Element,
  verifications: readonly XmlSignatureVerification[],
  parentOrdinal: number,
): CounterSignatureBinding {
  const parentId = verifications.find((verification) => verification.element === parentElement)?.signature.id ?? `signature-${parentOrdinal}`;
  const value = signatureValueOf(parentElement);
  const typed = counter.references.filter((reference) => reference.type === COUNTERSIGNED_SIGNATURE_TYPE);
  const onValue = typed.filter((reference) => value !== undefined && reference.node === value);
  if (onValue.some((reference) => reference.intact === 'passed')) {
    return { parentId, bound: true, digestFailed: false, messages: [XML_MESSAGES.XML_COUNTERSIGNATURE_BOUND({ parent: parentId })] };
  }
  if (onValue.some((reference) => reference.intact === 'failed')) {
    // The reference is where it belongs; the value it signed is not this one: the digest
    // failure already says "changed", a second, structural reason would only blur it.
    return { parentId, bound: false, digestFailed: true, messages: [XML_MESSAGES.XML_COUNTERSIGNATURE_VALUE_CHANGED({ parent: parentId })] };
  }
  if (onValue.length > 0) {
    // Unknown (a transform or algorithm kyso does not run): the reference is in place, nothing is proven either way.
    return { parentId, bound: false, digestFailed: false, messages: [] };
  }
  return {
    parentId,
    bound: false,
    digestFailed: false,
    messages: [XML_MESSAGES.XML_COUNTERSIGNATURE_NOT_BOUND({ parent: parentId, typed: typed.length })],
  };
}
