/**
 * Safe XML parsing: bytes → a DOM, or a refusal with the reason. What is checked:
 * the byte size bound; the encoding (UTF-8, UTF-16 with a byte-order mark, or a
 * declared ISO-8859-x; the bytes must decode without error, and invalid UTF-8 is
 * reported with the offending byte and its offset); no DOCTYPE, no entity other than the five
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
import { xpathBudget } from './xpath.js';

/** A parsed document and its Id index (Id, ID, id, xml:id and wsu:Id attributes). */
export interface SafeXml {
  readonly document: Document;
  readonly root: Element;
  /** Every element carrying each identifier value; more than one means the value is ambiguous. */
  readonly ids: ReadonlyMap<string, readonly Element[]>;
  readonly nodes: number;
  readonly depth: number;
  /**
   * Work left for this document: bytes that reference processing may still
   * canonicalise (shared by all its signatures; charged as canonicalisation and the base64
   * transform's walk run, each element, attribute and namespace entry handled at
   * C14N_ITEM_COST bytes, whether or not the reference then completes). Each reference of each signature may
   * cover the whole document, so without a budget 64 signatures × 64 references would
   * canonicalise a large document thousands of times. `xpath`: XPath transform work
   * units left (xpath.ts).
   */
  readonly budget: { canonicalBytes: number; xpath: number };
}

/** Canonicalisation budget: every real document fits several whole-document references. */
export function canonicalBudget(documentBytes: number): number {
  return 16 * documentBytes + 16 * 1024 * 1024;
}

export type SafeParseResult = { readonly ok: true; readonly xml: SafeXml } | { readonly ok: false; readonly messages: readonly Message[] };

/**
 * Namespace declarations in scope at any element (summed along its ancestor chain).
 * Canonicalisation copies the in-scope set where an element changes a binding (and charges
 * the copy to the budget); real documents stay under 20, and this bound keeps each copy small.
 */
export const MAX_IN_SCOPE_NAMESPACES = 256;

/**
 * WS-Security's wsu:Id, which WSS4J and Santuario register as an ID: counted with the
 * others so that a forged element carrying a signed element's identifier there is a
 * duplicate (signature wrapping), not an element some consumers resolve and kyso ignores.
 */
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';

/** Attribute names (without namespace) that XMLDSig same-document references resolve. */
export const ID_ATTRIBUTES: readonly string[] = ['Id', 'ID', 'id'];

type Decoded = { ok: true; text: string; encoding: string } | { ok: false; message: Message };

/** Encodings a declaration may name besides UTF-8/UTF-16: the ISO 8859 family, by their usual labels. */
const ISO_8859 = /^(?:iso[-_ ]?8859[-_ ]?(1[0-6]?|[2-9])|latin-?1|l1)$/;
/**
 * The Windows code pages 1250–1258 (1258 is Vietnamese, 1252 Western European), single-
 * byte like ISO-8859 and decoded by the WHATWG TextDecoder. Legacy Vietnamese software
 * still writes them.
 */
const WINDOWS = /^(?:windows-|x-cp|cp)(125[0-8])$/;

/**
 * Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629:
 * no overlong forms, no surrogates, nothing past U+10FFFF), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let at = from;
  while (at < bytes.length) {
    const lead = bytes[at]!;
    if (lead < 0x80) {
      at++;
      continue;
    }
    const [length, minimum, bits] = lead >= 0xc2 && lead <= 0xdf ? [1, 0x80, 0x1f] : lead >= 0xe0 && lead <= 0xef ? [2, 0x800, 0x0f] : lead >= 0xf0 && lead <= 0xf4 ? [3, 0x10000, 0x07] : [0, 0, 0];
    if (length === 0 || at + length > bytes.length - 1) return at;
    let code = lead & bits;
    for (let k = 1; k <= length; k++) {
      const next = bytes[at + k]!;
      if ((next & 0xc0) !== 0x80) return at;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < minimum || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return at;
    at += length + 1;
  }
  return -1;
}

/** ISO-8859-1 maps each byte to the code point of the same value (WHATWG's "latin1" label means windows-1252, which differs). */
function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += 8192) parts.push(String.fromCharCode(...bytes.subarray(at, at + 8192)));
  return parts.join('');
}

/** WHATWG windows-1252 at 0x80–0x9F (elsewhere it is ISO-8859-1). */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/**
 * windows-1252 by its table: Node 20's TextDecoder decodes this label as ISO-8859-1
 * (0x93 becomes U+0093, not the quotation mark U+201C), which would change every
 * digest over such text.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const text = decodeLatin1(bytes);
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!)) : text;
}

function decode(bytes: Uint8Array): Decoded {
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' = 'utf-8';
  let offset = 0;
  let bom = false;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) [offset, bom] = [3, true];
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) [encoding, offset, bom] = ['utf-16le', 2, true];
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) [encoding, offset, bom] = ['utf-16be', 2, true];
  else if ((bytes[0] === 0x3c && bytes[1] === 0x00) || (bytes[0] === 0x00 && bytes[1] === 0x3c)) {
    return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: 'UTF-16 without byte-order mark' }) };
  }
  // The declaration is ASCII in every encoding read here but UTF-16, whose BOM decided already.
  const head = encoding === 'utf-8' ? decodeLatin1(bytes.subarray(offset, offset + 200)) : '';
  const declaredInHead = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(head)?.[1];
  // A declared single-byte encoding is honoured before any UTF-8 attempt: its text may
  // happen to be valid UTF-8 (plain ASCII) or not, and either way it means that code page.
  const windows = !bom && declaredInHead !== undefined ? WINDOWS.exec(declaredInHead.toLowerCase()) : null;
  if (windows) {
    try {
      const page = windows[1]!;
      const text = page === '1252' ? decodeWindows1252(bytes) : new TextDecoder(`windows-${page}`, { fatal: true }).decode(bytes);
      // windows-1258 writes most toned Vietnamese letters as a letter and a combining tone
      // mark. The code page's table (Windows, Java, .NET, WHATWG) keeps the two characters;
      // glibc's iconv (libxml2, xmlsec1) composes them into one. Signers differ, so the
      // canonical bytes are not decided: cannot check, never a digest failure.
      if (page === '1258' && /[\u0300\u0301\u0303\u0309\u0323]/.test(text)) {
        return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: 'windows-1258 with combining tone marks (decoders disagree on them)' }) };
      }
      return { ok: true, text, encoding: `windows-${page}` };
    } catch {
      return { ok: false, message: XML_MESSAGES.XML_ENCODING_INVALID({ encoding: declaredInHead! }) };
    }
  }
  const iso = !bom && declaredInHead !== undefined ? ISO_8859.exec(declaredInHead.toLowerCase()) : null;
  if (iso) {
    const part = iso[1] ?? '1';
    if (part === '1') return { ok: true, text: decodeLatin1(bytes), encoding: 'ISO-8859-1' };
    try {
      return { ok: true, text: new TextDecoder(`iso-8859-${part}`, { fatal: true }).decode(bytes), encoding: `ISO-8859-${part}` };
    } catch {
      // ISO-8859-11/-12 are not in the WHATWG set; a byte undefined in the part is refused too.
      return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: declaredInHead! }) };
    }
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(offset));
  } catch {
    if (encoding === 'utf-8') {
      const at = firstInvalidUtf8(bytes, offset);
      return {
        ok: false,
        message: XML_MESSAGES.XML_UTF8_INVALID({
          declared: declaredInHead ?? 'UTF-8 (by default)',
          offset: at,
          byte: at >= 0 ? bytes[at]!.toString(16).toUpperCase().padStart(2, '0') : '?',
        }),
      };
    }
    return { ok: false, message: XML_MESSAGES.XML_ENCODING_INVALID({ encoding: encoding.toUpperCase() }) };
  }
  const declared = /^<\?xml[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text.slice(0, 200))?.[1];
  if (declared !== undefined) {
    const name = declared.toLowerCase();
    const compatible = encoding === 'utf-8' ? ['utf-8', 'utf8', 'us-ascii', 'ascii'].includes(name) : ['utf-16', 'utf-16le', 'utf-16be'].includes(name);
    if (!compatible) return { ok: false, message: XML_MESSAGES.XML_ENCODING_UNSUPPORTED({ encoding: declared }) };
  }
  return { ok: true, text, encoding: encoding.toUpperCase() };
}

/**
 * `budget`: the work budget of the top-level document this one was derived from (an edXML
 * package rebuilt after transit), shared so that re-parses and re-verifications draw on one
 * budget, not a fresh one each.
 */
export function parseXmlSafely(bytes: Uint8Array, limits: Pick<ParseLimits, 'maxXmlBytes' | 'maxXmlDepth' | 'maxXmlNodes'>, budget?: SafeXml['budget']): SafeParseResult {
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
  return { ok: true, xml: { document, root, ids, nodes: scanned.nodes, depth: scanned.depth, budget: budget ?? { canonicalBytes: canonicalBudget(bytes.length), xpath: xpathBudget(scanned.nodes) } } };
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
      const isId = attribute.namespaceURI
        ? (attribute.namespaceURI === NS.xml && attribute.localName === 'id') || (attribute.namespaceURI === WSU && attribute.localName === 'Id')
        : ID_ATTRIBUTES.includes(attribute.localName ?? '');
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
