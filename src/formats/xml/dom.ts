/**
 * Small typed helpers over the @xmldom/xmldom tree. Every XMLDSig structure check in
 * this folder goes through them, so "which children count" is decided in one place:
 * elements are matched by namespace URI and local name, never by prefix.
 */
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';

export const NS = {
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  dsig11: 'http://www.w3.org/2009/xmldsig11#',
  exc: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  xades: 'http://uri.etsi.org/01903/v1.3.2#',
  xades141: 'http://uri.etsi.org/01903/v1.4.1#',
  edxml: 'http://www.mic.gov.vn/TBT/QCVN_102_2016',
  xml: 'http://www.w3.org/XML/1998/namespace',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

export const NodeType = {
  element: 1,
  attribute: 2,
  text: 3,
  cdata: 4,
  processingInstruction: 7,
  comment: 8,
  document: 9,
} as const;

export function isElement(node: Node | null | undefined): node is Element {
  return !!node && node.nodeType === NodeType.element;
}

export function isDocument(node: Node | null | undefined): node is Document {
  return !!node && node.nodeType === NodeType.document;
}

/** Child elements in document order. */
export function childElements(parent: Node): Element[] {
  const out: Element[] = [];
  for (let child = parent.firstChild; child; child = child.nextSibling) {
    if (isElement(child)) out.push(child);
  }
  return out;
}

export function hasName(element: Element, namespace: string | null, localName: string): boolean {
  return element.localName === localName && (element.namespaceURI ?? null) === namespace;
}

export function childrenNamed(parent: Node, namespace: string | null, localName: string): Element[] {
  return childElements(parent).filter((child) => hasName(child, namespace, localName));
}

export function firstChildNamed(parent: Node, namespace: string | null, localName: string): Element | undefined {
  return childElements(parent).find((child) => hasName(child, namespace, localName));
}

/** Attributes in document order, namespace declarations included. */
export function attributesOf(element: Element): Attr[] {
  const out: Attr[] = [];
  const list = element.attributes;
  for (let i = 0; i < list.length; i++) {
    const attribute = list.item(i);
    if (attribute) out.push(attribute);
  }
  return out;
}

/** An attribute without namespace, or undefined when absent. */
export function plainAttribute(element: Element, name: string): string | undefined {
  for (const attribute of attributesOf(element)) {
    if (!attribute.namespaceURI && attribute.localName === name) return attribute.value;
  }
  return undefined;
}

/**
 * The text of an element that must hold character data only (DigestValue,
 * SignatureValue, X509Certificate...). Undefined when anything but plain text nodes
 * or CDATA is inside: a comment or processing instruction there is how digest values
 * get spliced (xml-crypto CVE-2025-29775), so it is refused rather than skipped.
 */
export function strictText(element: Element): string | undefined {
  let text = '';
  for (let child = element.firstChild; child; child = child.nextSibling) {
    // A CDATA section is ordinary character data (XML 1.0 §2.7; c14n writes it as text).
    if (child.nodeType !== NodeType.text && child.nodeType !== NodeType.cdata) return undefined;
    text += child.nodeValue ?? '';
  }
  return text;
}

/** Concatenated text of all descendants (XPath string-value), for lenient header fields. */
export function textContent(node: Node): string {
  return node.textContent ?? '';
}

/** `prefix:local` as written, for reports. */
export function qualifiedName(element: Element): string {
  return element.tagName;
}

/** True when `ancestor` is `node` or one of its ancestors. */
export function contains(ancestor: Node, node: Node): boolean {
  for (let current: Node | null = node; current; current = current.parentNode) {
    if (current === ancestor) return true;
  }
  return false;
}
