/**
 * A linear pass over the decoded text before any DOM is built. It refuses what the
 * DOM parser must never see (a DOCTYPE, entity declarations, references to entities
 * that are not predefined) and enforces the depth and node-count bounds, so a hostile
 * document is turned away in O(n) time without allocating a tree.
 *
 * Counted as nodes: elements, attributes (namespace declarations included), runs of
 * character data inside the root, comments, processing instructions and CDATA
 * sections. The XML declaration and whitespace outside the root are not counted.
 * Depth: the root element is at depth 1.
 */
import type { Message } from '../../report/messages.js';
import { XML_MESSAGES } from './messages.js';

export interface PrescanLimits {
  readonly maxXmlDepth: number;
  readonly maxXmlNodes: number;
}

export type PrescanResult =
  | { readonly ok: true; readonly nodes: number; readonly depth: number }
  | { readonly ok: false; readonly message: Message };

// XML 1.0 §2.2 Char: everything else in the BMP below U+0020 and U+FFFE/U+FFFF.
const ILLEGAL_CHARACTER = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const REFERENCE = /&(?:#([0-9]+)|#x([0-9a-fA-F]+)|([A-Za-z_:][-A-Za-z0-9._:]*));/y;
const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;

class Refusal {
  constructor(readonly message: Message) {}
}

function malformed(detail: string): Refusal {
  return new Refusal(XML_MESSAGES.XML_MALFORMED({ detail }));
}

function isLegalCodePoint(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/**
 * Every `&` in text[start, end) must start a predefined entity or a legal character
 * reference. `cursor` remembers the next `&` found, so that calls with increasing
 * `start` scan the text once in all (a fresh indexOf per text run would be quadratic).
 */
function checkReferences(text: string, start: number, end: number, cursor: { next: number }): void {
  if (cursor.next !== -1 && cursor.next < start) cursor.next = text.indexOf('&', start);
  for (let at = cursor.next; at >= 0 && at < end; at = cursor.next) {
    cursor.next = text.indexOf('&', at + 1);
    REFERENCE.lastIndex = at;
    const match = REFERENCE.exec(text);
    if (!match || match.index + match[0].length > end) throw malformed(`a bare "&" at offset ${at}`);
    const [, decimal, hex, name] = match;
    if (name !== undefined) {
      if (!PREDEFINED.has(name)) throw new Refusal(XML_MESSAGES.XML_ENTITY_REFUSED({ name }));
    } else {
      const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
      if (!isLegalCodePoint(code)) throw malformed(`a reference to an illegal character at offset ${at}`);
    }
  }
}

function indexOrRefuse(text: string, needle: string, from: number, what: string): number {
  const at = text.indexOf(needle, from);
  if (at < 0) throw malformed(`an unterminated ${what}`);
  return at;
}

export function prescanXml(text: string, limits: PrescanLimits): PrescanResult {
  try {
    return { ok: true, ...scan(text, limits) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, message: error.message };
    throw error;
  }
}

function scan(text: string, limits: PrescanLimits): { nodes: number; depth: number } {
  const illegal = ILLEGAL_CHARACTER.exec(text);
  if (illegal) {
    throw new Refusal(
      XML_MESSAGES.XML_ILLEGAL_CHARACTER({ code: illegal[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0'), offset: illegal.index }),
    );
  }
  const ampersand = { next: text.indexOf('&') };
  let nodes = 0;
  let depth = 0;
  let maxDepth = 0;
  let roots = 0;
  const countNode = (): void => {
    nodes++;
    if (nodes > limits.maxXmlNodes) throw new Refusal(XML_MESSAGES.XML_TOO_MANY_NODES({ limit: limits.maxXmlNodes }));
  };
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (position < text.length) {
    const open = text.indexOf('<', position);
    const textEnd = open < 0 ? text.length : open;
    if (textEnd > position) {
      if (depth === 0) {
        if (!WHITESPACE_ONLY.test(text.slice(position, textEnd))) throw new Refusal(XML_MESSAGES.XML_CONTENT_OUTSIDE_ROOT());
      } else {
        checkReferences(text, position, textEnd, ampersand);
        countNode();
      }
    }
    if (open < 0) break;
    if (text.startsWith('<?', open)) {
      const end = indexOrRefuse(text, '?>', open + 2, 'processing instruction');
      const isDeclaration = open <= 1 && /^<\?xml[ \t\r\n?]/.test(text.slice(open, open + 6));
      if (!isDeclaration) countNode();
      position = end + 2;
    } else if (text.startsWith('<!--', open)) {
      position = indexOrRefuse(text, '-->', open + 4, 'comment') + 3;
      countNode();
    } else if (text.startsWith('<![CDATA[', open)) {
      if (depth === 0) throw new Refusal(XML_MESSAGES.XML_CONTENT_OUTSIDE_ROOT());
      position = indexOrRefuse(text, ']]>', open + 9, 'CDATA section') + 3;
      countNode();
    } else if (text.startsWith('<!', open)) {
      const name = /^[A-Za-z]*/.exec(text.slice(open + 2, open + 20))![0];
      if (name.toUpperCase() === 'DOCTYPE') throw new Refusal(XML_MESSAGES.XML_DOCTYPE_REFUSED());
      throw new Refusal(XML_MESSAGES.XML_DECLARATION_REFUSED({ name: name || '?' }));
    } else if (text.startsWith('</', open)) {
      position = indexOrRefuse(text, '>', open + 2, 'end tag') + 1;
      depth--;
      if (depth < 0) throw malformed(`an end tag without a start tag at offset ${open}`);
    } else {
      if (depth === 0) {
        roots++;
        if (roots > 1) throw new Refusal(XML_MESSAGES.XML_NOT_ONE_ROOT({ count: roots }));
      }
      countNode();
      depth++;
      if (depth > limits.maxXmlDepth) throw new Refusal(XML_MESSAGES.XML_TOO_DEEP({ limit: limits.maxXmlDepth }));
      if (depth > maxDepth) maxDepth = depth;
      position = scanStartTag(text, open + 1, ampersand, () => countNode());
      if (text.charCodeAt(position - 2) === 0x2f /* '/' */) depth--;
    }
  }
  if (roots === 0) throw new Refusal(XML_MESSAGES.XML_NOT_ONE_ROOT({ count: 0 }));
  if (depth !== 0) throw malformed('the root element is not closed');
  return { nodes, depth: maxDepth };
}

/** Skips a start tag from just after `<`; returns the index after its `>`. */
function scanStartTag(text: string, from: number, ampersand: { next: number }, onAttribute: () => void): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code === 0x22 || code === 0x27) {
      const close = text.indexOf(code === 0x22 ? '"' : "'", at + 1);
      if (close < 0) throw malformed('an unterminated attribute value');
      checkReferences(text, at + 1, close, ampersand);
      onAttribute();
      at = close + 1;
    } else if (code === 0x3e /* '>' */) {
      return at + 1;
    } else if (code === 0x3c /* '<' */) {
      throw malformed(`a "<" inside a start tag at offset ${at}`);
    } else {
      at++;
    }
  }
  throw malformed('an unterminated start tag');
}
