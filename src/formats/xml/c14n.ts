/**
 * XML canonicalisation: Canonical XML 1.0 and 1.1 (inclusive) and Exclusive XML
 * Canonicalization 1.0 (with an InclusiveNamespaces PrefixList), each with or
 * without comments.
 *
 * Input is a document subset of the shape XMLDSig same-document references produce:
 * an apex (the document, or an element with its whole subtree) minus some excluded
 * subtrees (the enveloped Signature). Arbitrary XPath node-sets are not supported.
 *
 * Deviations, all refused with C14nUnsupportedError rather than guessed: C14N 1.1
 * xml:base fix-up (an omitted ancestor of the apex carries xml:base). Attribute value
 * normalisation and line-end normalisation are the parser's (xmldom performs both).
 */
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';
import { attributesOf, contains, isDocument, isElement, NS, NodeType } from './dom.js';

export type C14nMethod = 'c14n10' | 'c14n11' | 'exc-c14n';

export interface C14nAlgorithm {
  readonly method: C14nMethod;
  readonly withComments: boolean;
}

export const C14N_URI = {
  c14n10: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  c14n10WithComments: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
  c14n11: 'http://www.w3.org/2006/12/xml-c14n11',
  c14n11WithComments: 'http://www.w3.org/2006/12/xml-c14n11#WithComments',
  exc: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  excWithComments: 'http://www.w3.org/2001/10/xml-exc-c14n#WithComments',
} as const;

const ALGORITHMS: ReadonlyMap<string, C14nAlgorithm> = new Map([
  [C14N_URI.c14n10, { method: 'c14n10', withComments: false }],
  [C14N_URI.c14n10WithComments, { method: 'c14n10', withComments: true }],
  [C14N_URI.c14n11, { method: 'c14n11', withComments: false }],
  [C14N_URI.c14n11WithComments, { method: 'c14n11', withComments: true }],
  [C14N_URI.exc, { method: 'exc-c14n', withComments: false }],
  [C14N_URI.excWithComments, { method: 'exc-c14n', withComments: true }],
  // Real edXML packages from the national document axis name exclusive C14N by this
  // mistyped URI (shared/edxml-samples). Reading it as exclusive C14N costs no safety: a
  // signer who meant anything else gets a digest mismatch, never a pass.
  ['http://www.w3.org/TR/xml-exc-c14n#', { method: 'exc-c14n', withComments: false }],
]);

/** The canonicalisation algorithm named by a URI, or undefined when it is not one. */
export function c14nAlgorithm(uri: string): C14nAlgorithm | undefined {
  return ALGORITHMS.get(uri);
}

/** A node-set: the apex with its descendants, minus the subtrees rooted at `excluded` (elements, or single text, comment and PI nodes). */
export interface NodeSubset {
  readonly apex: Document | Element;
  readonly excluded?: ReadonlySet<Node>;
}

export interface C14nOptions extends C14nAlgorithm {
  /** Exclusive c14n only: prefixes handled inclusively (`#default` for the default namespace). */
  readonly inclusivePrefixes?: readonly string[];
  /**
   * The document's work budget, charged as the writing goes (C14nWorkLimit when spent),
   * so that work whose output is later dropped is paid for too. Given only for documents
   * kyso parsed and never mutates (see `remember`).
   */
  readonly work?: C14nWork;
  /**
   * The document is one kyso parsed and never mutates (implied by `work`): the in-scope
   * namespaces and xml:* attributes of an apex's ancestors are remembered per element.
   */
  readonly remember?: boolean;
}

/** Canonicalisation work left, in output bytes; element, attribute and namespace handling is priced in the same unit. */
export interface C14nWork {
  canonicalBytes: number;
}

/**
 * Price of handling one element, attribute or in-scope namespace entry, in output bytes:
 * each costs about as much as writing a few bytes, and an element writes at least its
 * start and end tags anyway.
 */
export const C14N_ITEM_COST = 4;

/** The work budget ran out while canonicalising: the caller reports the reference unchecked. */
export class C14nWorkLimit extends Error {
  override readonly name = 'C14nWorkLimit';
}

/** Takes `units` from the document's budget; C14nWorkLimit once it is spent. */
export function spendWork(work: C14nWork, units: number): void {
  work.canonicalBytes -= units;
  if (work.canonicalBytes < 0) throw new C14nWorkLimit('the document’s canonicalisation budget is spent');
}

/**
 * Distinct prefixes an InclusiveNamespaces PrefixList may name; real lists name a few
 * (`ds xsi xades`). A longer list is refused: it can only make every element pay.
 */
export const MAX_INCLUSIVE_PREFIXES = 64;

export class C14nUnsupportedError extends Error {
  override readonly name = 'C14nUnsupportedError';
}

/**
 * Canonical form of `node` (a document or an element subtree) as UTF-8 bytes.
 * `algorithm` is a canonicalisation URI; throws TypeError for an unknown one.
 */
export function canonicalize(
  node: Document | Element,
  algorithm: string,
  options: { readonly inclusivePrefixes?: readonly string[]; readonly excluded?: ReadonlySet<Node> } = {},
): Uint8Array {
  const known = c14nAlgorithm(algorithm);
  if (!known) throw new TypeError(`unknown canonicalisation algorithm ${algorithm}`);
  const subset: NodeSubset = options.excluded ? { apex: node, excluded: options.excluded } : { apex: node };
  return new TextEncoder().encode(canonicalizeSubset(subset, { ...known, ...(options.inclusivePrefixes ? { inclusivePrefixes: options.inclusivePrefixes } : {}) }));
}

/** Canonical form of a node-set as a string (encode as UTF-8 before hashing). */
export function canonicalizeSubset(subset: NodeSubset, options: C14nOptions): string {
  const excluded = subset.excluded ?? new Set<Node>();
  for (const node of excluded) if (contains(node, subset.apex)) return '';
  const writer = new Writer(options, excluded);
  if (isDocument(subset.apex)) writer.document(subset.apex);
  else writer.apexElement(subset.apex);
  return writer.parts.join('');
}

type Namespaces = ReadonlyMap<string, string>;

function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const ca = ia.next();
    const cb = ib.next();
    if (ca.done || cb.done) return ca.done ? (cb.done ? 0 : -1) : 1;
    const diff = ca.value.codePointAt(0)! - cb.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}

function escapeText(text: string): string {
  if (!/[&<>\r]/.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#xD;');
}

function escapeAttribute(value: string): string {
  if (!/[&<"\t\n\r]/.test(value)) return value;
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#x9;')
    .replace(/\n/g, '&#xA;')
    .replace(/\r/g, '&#xD;');
}

function isNamespaceDeclaration(attribute: Attr): boolean {
  return attribute.namespaceURI === NS.xmlns;
}

/** The namespace declarations an element makes: prefix ('' for default) → URI ('' undeclares the default). */
function declarations(element: Element): [string, string][] {
  const out: [string, string][] = [];
  for (const attribute of attributesOf(element)) {
    if (!isNamespaceDeclaration(attribute)) continue;
    out.push([attribute.prefix === 'xmlns' ? attribute.localName ?? '' : '', attribute.value]);
  }
  return out;
}

/**
 * The scope `own` makes below `parent`. A copy is made only when a binding changes: a
 * document whose every element re-declares what is already in scope shares one map.
 */
function withDeclarations(parent: Namespaces, own: readonly [string, string][], charge: (units: number) => void): Namespaces {
  if (own.every(([prefix, uri]) => parent.get(prefix) === uri)) return parent;
  charge(C14N_ITEM_COST * (parent.size + own.length));
  const scope = new Map(parent);
  for (const [prefix, uri] of own) scope.set(prefix, uri);
  return scope;
}

/**
 * Per element of a document kyso parsed: its in-scope namespaces and the xml:* attributes it
 * has or inherits (nearest first wins). Every reference to an element below an ancestor with
 * thousands of attributes would otherwise walk them again.
 */
const scopes = new WeakMap<Element, { namespaces: Namespaces; xmlAttributes: ReadonlyMap<string, Attr> }>();

function scopeAt(element: Element, remember: boolean, charge: (units: number) => void): { namespaces: Namespaces; xmlAttributes: ReadonlyMap<string, Attr> } {
  const chain: Element[] = [];
  let inherited: { namespaces: Namespaces; xmlAttributes: ReadonlyMap<string, Attr> } = { namespaces: new Map(), xmlAttributes: new Map() };
  for (let current: Node | null = element; current && isElement(current); current = current.parentNode) {
    const known = remember ? scopes.get(current) : undefined;
    if (known) {
      inherited = known;
      break;
    }
    chain.push(current);
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const current = chain[i]!;
    const attributes = attributesOf(current);
    charge(C14N_ITEM_COST * (1 + attributes.length));
    const namespaces = withDeclarations(inherited.namespaces, declarations(current), charge);
    let xmlAttributes = inherited.xmlAttributes;
    const own = attributes.filter((attribute) => attribute.namespaceURI === NS.xml);
    if (own.length > 0) {
      charge(C14N_ITEM_COST * xmlAttributes.size);
      const merged = new Map(xmlAttributes);
      for (const attribute of own) merged.set(attribute.localName ?? '', attribute);
      xmlAttributes = merged;
    }
    inherited = { namespaces, xmlAttributes };
    if (remember) scopes.set(current, inherited);
  }
  return inherited;
}

class Writer {
  readonly parts: string[] = [];
  /** The PrefixList as a set ('' for #default), so each element pays for the smaller of it and its scope. */
  private readonly listed: ReadonlySet<string>;

  private readonly charge: (units: number) => void;

  constructor(
    private readonly options: C14nOptions,
    private readonly excluded: ReadonlySet<Node>,
  ) {
    const work = options.work;
    this.charge = work ? (units) => spendWork(work, units) : () => {};
    const listed = new Set<string>();
    for (const prefix of options.inclusivePrefixes ?? []) listed.add(prefix === '#default' ? '' : prefix);
    if (listed.size > MAX_INCLUSIVE_PREFIXES) {
      throw new C14nUnsupportedError(`the InclusiveNamespaces PrefixList names ${listed.size} prefixes (at most ${MAX_INCLUSIVE_PREFIXES})`);
    }
    this.listed = listed;
  }

  document(document: Document): void {
    let afterRoot = false;
    for (let child = document.firstChild; child; child = child.nextSibling) {
      if (this.excluded.has(child)) continue;
      if (isElement(child)) {
        if (!this.excluded.has(child)) this.element(child, new Map(), new Map(), false);
        afterRoot = true;
        continue;
      }
      this.charge(C14N_ITEM_COST);
      const piece = this.markupOutsideText(child);
      if (piece === undefined) continue;
      this.push(afterRoot ? `\n${piece}` : `${piece}\n`);
    }
  }

  apexElement(element: Element): void {
    const parent = element.parentNode;
    const inherited = parent && isElement(parent) ? scopeAt(parent, this.options.work !== undefined || this.options.remember === true, this.charge) : undefined;
    this.element(element, inherited?.namespaces ?? new Map<string, string>(), new Map(), inherited?.xmlAttributes);
  }

  private push(text: string): void {
    this.charge(text.length);
    this.parts.push(text);
  }

  /** A comment or processing instruction rendered on its own, or undefined when not output. */
  private markupOutsideText(node: Node): string | undefined {
    if (node.nodeType === NodeType.comment) return this.options.withComments ? `<!--${node.nodeValue ?? ''}-->` : undefined;
    if (node.nodeType === NodeType.processingInstruction) {
      const target = node.nodeName;
      if (target === 'xml') return undefined; // the XML declaration, which xmldom keeps as a PI
      const data = node.nodeValue ?? '';
      return data === '' ? `<?${target}?>` : `<?${target} ${data}?>`;
    }
    return undefined;
  }

  /**
   * `parentScope`: namespaces in scope at the parent. `rendered`: for exclusive c14n,
   * the namespaces output by output ancestors. `apexOf`: present when the parent is not in the
   * node-set (the element is the apex), with the xml:* attributes its ancestors carry.
   */
  private element(element: Element, parentScope: Namespaces, rendered: Namespaces, apexOf: ReadonlyMap<string, Attr> | false | undefined): void {
    const isApex = apexOf !== false;
    const all = attributesOf(element);
    this.charge(C14N_ITEM_COST * (1 + all.length));
    const own = declarations(element);
    const scope = withDeclarations(parentScope, own, this.charge);
    const exclusive = this.options.method === 'exc-c14n';
    const output = exclusive ? this.exclusiveNamespaces(element, scope, rendered) : this.inclusiveNamespaces(isApex ? [...scope] : own, parentScope, isApex);
    let childRendered = rendered;
    if (exclusive && output.length > 0) {
      this.charge(C14N_ITEM_COST * rendered.size);
      const next = new Map(rendered);
      for (const [prefix, uri] of output) next.set(prefix, uri);
      childRendered = next;
    }
    output.sort((a, b) => compareCodePoints(a[0], b[0]));

    const attributes = all.filter((attribute) => !isNamespaceDeclaration(attribute));
    if (isApex && !exclusive) this.inheritXmlAttributes(attributes, apexOf ?? new Map());
    attributes.sort((a, b) => compareCodePoints(a.namespaceURI ?? '', b.namespaceURI ?? '') || compareCodePoints(a.localName ?? '', b.localName ?? ''));

    let tag = `<${element.tagName}`;
    for (const [prefix, uri] of output) tag += prefix === '' ? ` xmlns="${escapeAttribute(uri)}"` : ` xmlns:${prefix}="${escapeAttribute(uri)}"`;
    for (const attribute of attributes) tag += ` ${attribute.name}="${escapeAttribute(attribute.value)}"`;
    this.push(`${tag}>`);

    for (let child = element.firstChild; child; child = child.nextSibling) {
      if (this.excluded.has(child)) continue;
      switch (child.nodeType) {
        case NodeType.element:
          if (!this.excluded.has(child)) this.element(child as Element, scope, childRendered, false);
          break;
        case NodeType.text:
        case NodeType.cdata:
          this.push(escapeText(child.nodeValue ?? ''));
          break;
        default: {
          this.charge(C14N_ITEM_COST);
          const piece = this.markupOutsideText(child);
          if (piece !== undefined) this.push(piece);
        }
      }
    }
    this.push(`</${element.tagName}>`);
  }

  /**
   * Canonical XML: a namespace is output unless the parent (in the node-set) has the same
   * one. Below the apex only the element's own declarations can differ from its parent's
   * scope, so `candidates` is the whole scope at the apex and the declarations elsewhere.
   */
  private inclusiveNamespaces(candidates: readonly [string, string][], parentScope: Namespaces, isApex: boolean): [string, string][] {
    this.charge(C14N_ITEM_COST * candidates.length);
    const out: [string, string][] = [];
    for (const [prefix, uri] of candidates) {
      if (prefix === 'xml') continue;
      if (prefix === '' && uri === '') {
        if (!isApex && (parentScope.get('') ?? '') !== '') out.push(['', '']);
        continue;
      }
      if (!isApex && parentScope.get(prefix) === uri) continue;
      out.push([prefix, uri]);
    }
    return out;
  }

  /** Exclusive c14n: visibly utilised prefixes (and the PrefixList) not already output by an output ancestor. */
  private exclusiveNamespaces(element: Element, scope: Namespaces, rendered: Namespaces): [string, string][] {
    const wanted = new Set<string>([element.prefix ?? '']);
    for (const attribute of attributesOf(element)) {
      if (!isNamespaceDeclaration(attribute) && attribute.prefix && attribute.prefix !== 'xml') wanted.add(attribute.prefix);
    }
    const listed = this.listed;
    if (listed.size > 0) {
      if (listed.size <= scope.size) {
        for (const prefix of listed) if (scope.has(prefix)) wanted.add(prefix);
      } else {
        for (const prefix of scope.keys()) if (listed.has(prefix)) wanted.add(prefix);
      }
    }
    const out: [string, string][] = [];
    for (const prefix of wanted) {
      if (prefix === 'xml') continue;
      const uri = scope.get(prefix) ?? '';
      if ((rendered.get(prefix) ?? '') === uri) continue;
      if (prefix !== '' && uri === '') continue;
      out.push([prefix, uri]);
    }
    return out;
  }

  /**
   * Canonical XML on an apex whose parent is omitted: xml:* attributes of the
   * ancestors are carried down (C14N 1.0 §2.4: all of them; C14N 1.1: xml:lang and
   * xml:space only, xml:id dropped, xml:base fixed up — refused here).
   */
  private inheritXmlAttributes(attributes: Attr[], inherited: ReadonlyMap<string, Attr>): void {
    const present = new Set(attributes.filter((a) => a.namespaceURI === NS.xml).map((a) => a.localName ?? ''));
    for (const [name, attribute] of inherited) {
      if (this.options.method === 'c14n11') {
        if (name === 'base') throw new C14nUnsupportedError('C14N 1.1 xml:base fix-up for an omitted ancestor is not supported');
        if (name !== 'lang' && name !== 'space') continue;
      }
      if (present.has(name)) continue;
      present.add(name);
      attributes.push(attribute);
    }
  }
}
