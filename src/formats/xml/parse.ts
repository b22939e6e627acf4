/**
 * Safe XML parsing: bytes → a DOM, or a refusal with the reason. What is checked:
 * the byte size bound; the encoding (UTF-8, or UTF-16 with a byte-order mark; the
 * bytes must decode without error); no DOCTYPE, no entity other than the five
 * predefined ones; depth and node-count bounds (prescan.ts); exactly one root
 * element; and every error or warning the DOM parser raises is a refusal, never
 * ignored. No DTD is ever read, no entity expanded, nothing fetched.
 */
import { DOMParser } from '@xmldom/xmldom';
import type { Document, Element } from '@xmldom/xmldom';
import type { ParseLimits } from '../types.js';
import type { Message } from '../../report/messages.js';
import { attributesOf, childElements, isElement, NS, NodeType } from './dom.js';
import { XML_MESSAGES } from './messages.js';
import { prescanXml } from './prescan.js';

/** A parsed document and its Id index (Id, ID, id and xml:id attributes). */
export interface SafeXml {
  readonly document: Document;
  readonly root: Element;
  /** Every element carrying each identifier value; more than one means the value is ambiguous. */
  readonly ids: ReadonlyMap<string, readonly Element[]>;
  readonly nodes: number;
  readonly depth: number;
  /**
   * Work left for this document: bytes that reference processing may still
   * canonicalise (shared by all its signatures). Each reference of each signature may
   * cover the whole document, so without a budget 64 signatures × 64 references would
   * canonicalise a large document thousands of times.
   */
  readonly budget: { canonicalBytes: number };
}

/** Canonicalisation budget: every real document fits several whole-document references. */
export function canonicalBudget(documentBytes: number): number {
  return 16 * documentBytes + 16 * 1024 * 1024;
}

export type SafeParseResult = { readonly ok: true; readonly xml: SafeXml } | { readonly ok: false; readonly messages: readonly Message[] };

/**
 * Namespace declarations in scope at any element (summed along its ancestor chain).
 * Canonicalisation copies the in-scope set per element; real documents stay under 20,
 * and this bound keeps that work linear in the document size.
 */
export const MAX_IN_SCOPE_NAMESPACES = 256;

/** Attribute names (without namespace) that XMLDSig same-document references resolve. */
export const ID_ATTRIBUTES: readonly string[] = ['Id', 'ID', 'id'];

type Decoded = { ok: true; text: string } | { ok: false; message: Message };

function decode(bytes: Uint8Array): Decoded {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let offset = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) offset = 3;
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset] = ['utf-16le', 2];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset] = ['utf-16be', 2];
  else if ((bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) {
    return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: 'UTF-16 without byte-order mark' }) };
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(offset));
  } catch {
    return { ok: false, message: XML_MESSAGES.XML_ENCODING_INVALID({ encoding: encoding.toUpperCase() }) };
  }
  const declared = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text.slice(0, 200))?.[1];
  if (declared !== undefined) {
    const name = declared.toLowerCase();
    const compatible = encoding === 'utf-8' ? ['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(name) : ['utf-16', 'utf-16le', 'utf-16be'].includes(name);
    if (!compatible) return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: declared }) };
  }
  return { ok: true, text };
}

export function parseXmlSafely(bytes: Uint8Array, limits: Pick<ParseLimits, 'maxXmlBytes' | 'maxXmlDepth' | 'maxXmlNodes'>): SafeParseResult {
  if (bytes.length > limits.maxXmlBytes) {
    return { ok: false, messages: [XML_MESSAGES.XML_TOO_LARGE({ size: bytes.length, limit: limits.maxXmlBytes })] };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { ok: false, messages: [decoded.message] };
  const scanned = prescanXml(decoded.text, limits);
  if (!scanned.ok) return { ok: false, messages: [scanned.message] };

  const problems: string[] = [];
  let document: Document;
  try {
    document = new DOMParser({
      onError: (level, message) => {
        problems.push(`${level}: ${message}`);
      },
    }).parseFromString(decoded.text, 'application/xml');
  } catch (error) {
    return { ok: false, messages: [XML_MESSAGES.XML_MALFORMED({ detail: error instanceof Error ? error.message : String(error) })] };
  }
  if (problems.length > 0) return { ok: false, messages: [XML_MESSAGES.XML_MALFORMED({ detail: problems[0]! })] };
  if (document.doctype) return { ok: false, messages: [XML_MESSAGES.XML_DOCTYPE_REFUSED()] };
  const roots = childElements(document);
  if (roots.length !== 1) return { ok: false, messages: [XML_MESSAGES.XML_NOT_ONE_ROOT({ count: roots.length })] };
  for (let child = document.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === NodeType.text && (child.nodeValue ?? '').trim() !== '') {
      return { ok: false, messages: [XML_MESSAGES.XML_CONTENT_OUTSIDE_ROOT()] };
    }
  }
  const root = roots[0]!;
  const ids = indexIds(root);
  if (!ids) return { ok: false, messages: [XML_MESSAGES.XML_TOO_MANY_NAMESPACES({ limit: MAX_IN_SCOPE_NAMESPACES })] };
  return { ok: true, xml: { document, root, ids, nodes: scanned.nodes, depth: scanned.depth, budget: { canonicalBytes: canonicalBudget(bytes.length) } } };
}

/** The Id index, or undefined when an element has too many namespace declarations in scope. */
function indexIds(root: Element): Map<string, Element[]> | undefined {
  const ids = new Map<string, Element[]>();
  const stack: [Element, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [element, inheritedDeclarations] = stack.pop()!;
    const values = new Set<string>();
    let declarations = inheritedDeclarations;
    for (const attribute of attributesOf(element)) {
      if (attribute.namespaceURI === NS.xmlns) declarations++;
      const isId = attribute.namespaceURI ? attribute.namespaceURI === NS.xml && attribute.localName === 'id' : ID_ATTRIBUTES.includes(attribute.localName ?? '');
      if (isId) values.add(attribute.value);
    }
    for (const value of values) {
      const list = ids.get(value);
      if (list) list.push(element);
      else ids.set(value, [element]);
    }
    if (declarations > MAX_IN_SCOPE_NAMESPACES) return undefined;
    for (let child = element.lastChild; child; child = child.previousSibling) {
      if (isElement(child)) stack.push([child, declarations]);
    }
  }
  return ids;
}

/** Identifier values carried by more than one element. */
export function duplicateIds(xml: SafeXml): { id: string; count: number }[] {
  const out: { id: string; count: number }[] = [];
  for (const [id, elements] of xml.ids) if (elements.length > 1) out.push({ id, count: elements.length });
  return out;
}
