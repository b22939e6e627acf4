/**
 * The XPath transform (XMLDSig §6.6.3) and XPath Filter 2.0 (W3C xmldsig-filter2),
 * evaluated by the `xpath` library on the @xmldom tree. What is signed stays decided
 * here: the node-set an expression selects must be one element (or the document) with
 * whole subtrees removed, the shape kyso's canonicaliser writes; any other shape (an
 * element left out while its children stay, two disjoint subtrees, a lone text node)
 * is refused as unsupported, so the reference is INDETERMINATE, never guessed.
 *
 * Work is bounded without a clock, by measuring it inside the library while one of
 * kyso's evaluations runs (`metered`): every node an axis step looks at, every node
 * whose string-value is read, and every node added to a node-set (the library's
 * node-set drops duplicates by a linear scan, so an add costs the set's size) is one
 * unit, on top of XPATH_EVALUATION_COST units per evaluation; `id()`, whose lookup the library does by a
 * tree walk it does not show, costs the document's node count per evaluation. The
 * text of an expression therefore cannot hide its cost (absolute paths, `..`, `count()`
 * all pay for what they visit). The document's budget is shared by all its references;
 * when it is spent the reference is unchecked (XML_XPATH_WORK_LIMIT), never guessed.
 * Expressions are at most MAX_XPATH_LENGTH characters, Filter 2.0 lists at most
 * MAX_FILTER_EXPRESSIONS. `here()` is provided; no variables, no other extension
 * functions.
 */
import type { Attr, Document, Element, Node } from '@xmldom/xmldom';
import xpath from 'xpath';
import { attributesOf, childElements, isDocument, isElement, NS, NodeType } from './dom.js';

export const XPATH_TRANSFORM = 'http://www.w3.org/TR/1999/REC-xpath-19991116';
export const XPATH_FILTER2 = 'http://www.w3.org/2002/06/xmldsig-filter2';

/** Longest expression evaluated; real ones are under 200 characters. */
export const MAX_XPATH_LENGTH = 1024;
/** XPath elements in one Filter 2.0 transform; real ones use one to three. */
export const MAX_FILTER_EXPRESSIONS = 16;

/**
 * XPath work per document. The enveloped-signature idiom
 * (`not(ancestor-or-self::ds:Signature)`) costs about (depth + 18) units per node, so a
 * document of any size with an average depth up to ~14 fits (a small one, any depth); an expression that walks
 * the tree from every node (n² units) stops after about a million units, well under a
 * second.
 */
export function xpathBudget(nodes: number): number {
  return 1_000_000 + 32 * nodes;
}

/**
 * Units one evaluation of an XPath transform's expression costs before any step: the
 * library sets up a context and walks its parse tree, about 1.5 µs for `1` against
 * 0.05-0.1 µs per step unit (measured on the red team's documents). Priced at one unit, a
 * deep 1 MB document let 60 references evaluate `1` at every node for 15 s.
 */
export const XPATH_EVALUATION_COST = 16;

interface ParsedXPath {
  evaluateBoolean(options: object): boolean;
  select(options: object): Node[];
}

interface XPathModule {
  parse(expression: string): ParsedXPath;
  XNodeSet: new () => { addArray(nodes: readonly unknown[]): void };
}

const library = xpath as unknown as XPathModule;

/** The library's internals that do the work metered below (xpath 0.0.34). */
interface XPathInternals {
  PathExpr: { applyStep(step: LibraryStep, context: unknown, node: Node): Node[] };
  Step: { NAMESPACE: number };
  XNodeSet: {
    prototype: { nodes: Node[]; add(node: unknown): void; stringForNode(node: Node): string; toArray(): Node[]; first(): Node | null };
  };
}
interface LibraryStep {
  axis: number;
  nodeTest: { matches(node: Node, context: unknown): boolean };
}

/** The budget of the evaluation running now (evaluation is synchronous), or none outside kyso's own calls. */
let meter: XPathWork | undefined;

/** Document order of every node and attribute of a document, numbered once per document. */
const documentOrders = new WeakMap<Document, Map<Node, number>>();

function documentOrder(document: Document, work: XPathWork): Map<Node, number> {
  let order = documentOrders.get(document);
  if (order) return order;
  order = new Map();
  const stack: Node[] = [document];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.set(node, order.size);
    if (isElement(node)) for (const attribute of attributesOf(node)) order.set(attribute, order.size);
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
  }
  charge(work, order.size);
  documentOrders.set(document, order);
  return order;
}

/** The nodes' positions in document order, or undefined when one is not a node of the tree (a namespace node). */
function positions(nodes: readonly Node[], work: XPathWork): Map<Node, number> | undefined {
  const first = nodes[0];
  if (!first) return new Map();
  const document = isDocument(first) ? first : first.ownerDocument;
  if (!document) return undefined;
  const order = documentOrder(document, work);
  const out = new Map<Node, number>();
  for (const node of nodes) {
    const position = order.get(node);
    if (position === undefined) return undefined;
    out.set(node, position);
  }
  return out;
}

/**
 * Hooks the places where the library's work grows with the document, once per module
 * instance; outside `metered` they only forward. Sorting into document order is done
 * here by numbered position: the library's own sort compares nodes through the DOM,
 * each comparison walking both ancestor chains and a parent's children, unmetered.
 */
function installMeter(): void {
  const internals = xpath as unknown as XPathInternals;
  const { PathExpr, Step, XNodeSet } = internals;
  const applyStep = PathExpr.applyStep;
  PathExpr.applyStep = function (step, context, node) {
    const work = meter;
    if (!work) return applyStep.call(this, step, context, node);
    charge(work, 1);
    if (step.axis === Step.NAMESPACE) {
      // The namespace axis reads every attribute of every ancestor before its node test.
      for (let current: Node | null = node; current && isElement(current); current = current.parentNode) charge(work, 1 + current.attributes.length);
    }
    const test = step.nodeTest;
    const counted = Object.create(test) as LibraryStep['nodeTest'];
    counted.matches = (candidate, matchContext) => {
      charge(work, 1);
      return test.matches(candidate, matchContext);
    };
    step.nodeTest = counted;
    try {
      return applyStep.call(this, step, context, node);
    } finally {
      step.nodeTest = test;
    }
  };
  const add = XNodeSet.prototype.add;
  XNodeSet.prototype.add = function (node) {
    if (meter) charge(meter, 1 + this.nodes.length);
    add.call(this, node);
  };
  const toArray = XNodeSet.prototype.toArray;
  XNodeSet.prototype.toArray = function () {
    const work = meter;
    if (!work) return toArray.call(this);
    const nodes = this.nodes;
    const known = positions(nodes, work);
    // Namespace nodes (made afresh by the namespace axis) take the library's sort, paid as all pairs.
    if (!known) {
      charge(work, nodes.length * nodes.length);
      return toArray.call(this);
    }
    charge(work, nodes.length * Math.ceil(Math.log2(nodes.length + 1)));
    return nodes.slice().sort((a, b) => known.get(a)! - known.get(b)!);
  };
  const first = XNodeSet.prototype.first;
  XNodeSet.prototype.first = function () {
    const work = meter;
    if (!work) return first.call(this);
    const nodes = this.nodes;
    const known = positions(nodes, work);
    if (!known) {
      charge(work, nodes.length * nodes.length);
      return first.call(this);
    }
    charge(work, nodes.length);
    let earliest: Node | null = null;
    for (const node of nodes) if (earliest === null || known.get(node)! < known.get(earliest)!) earliest = node;
    return earliest;
  };
  const stringForNode = XNodeSet.prototype.stringForNode;
  XNodeSet.prototype.stringForNode = function (node) {
    if (meter) charge(meter, 1);
    return stringForNode.call(this, node);
  };
}
installMeter();

/** Runs one library evaluation with its work charged to `work`. */
function metered<T>(work: XPathWork, evaluate: () => T): T {
  const outer = meter;
  meter = work;
  try {
    return run(evaluate);
  } finally {
    meter = outer;
  }
}

/** Why an XPath transform could not be run: reported, the reference left unchecked. */
export class XPathUnsupported extends Error {
  constructor(
    readonly detail: string,
    readonly workLimit = false,
  ) {
    super(detail);
  }
}

export interface XPathWork {
  /** Units left for the document (see the module comment). */
  xpath: number;
}

export interface NodeSubsetResult {
  readonly apex: Document | Element;
  readonly excluded: Set<Node>;
}

/** `id()`: the library's lookup walks the whole tree without passing through the metered hooks. */
const ID_CALL = /\bid\s*\(/;

function charge(work: XPathWork, units: number): void {
  work.xpath -= units;
  if (work.xpath < 0) throw new XPathUnsupported('the document’s XPath work budget is spent', true);
}

/** Namespace prefixes in scope at `element`, for resolving the expression's prefixes. */
function namespacesInScope(element: Element): Record<string, string> {
  const scope: Record<string, string> = {};
  const chain: Element[] = [];
  for (let node: Node | null = element; node && isElement(node); node = node.parentNode) chain.push(node);
  for (const ancestor of chain.reverse()) {
    for (const attribute of attributesOf(ancestor)) {
      if (attribute.namespaceURI === NS.xmlns && attribute.prefix === 'xmlns' && attribute.localName) scope[attribute.localName] = attribute.value;
    }
  }
  return scope;
}

function compile(expressionElement: Element): { parsed: ParsedXPath; options: (node: Node) => object; callsId: boolean } {
  let text = '';
  for (let child = expressionElement.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== NodeType.text && child.nodeType !== NodeType.cdata) throw new XPathUnsupported('the XPath element holds something other than text');
    text += child.nodeValue ?? '';
  }
  if (text.length > MAX_XPATH_LENGTH) throw new XPathUnsupported(`the XPath expression is longer than ${MAX_XPATH_LENGTH} characters`);
  let parsed: ParsedXPath;
  try {
    parsed = library.parse(text);
  } catch (error) {
    throw new XPathUnsupported(`the XPath expression cannot be parsed (${error instanceof Error ? error.message : String(error)})`);
  }
  const namespaces = namespacesInScope(expressionElement);
  const here = () => {
    const set = new library.XNodeSet();
    set.addArray([expressionElement]);
    return set;
  };
  return { parsed, options: (node) => ({ node, namespaces, functions: { here } }), callsId: ID_CALL.test(text) };
}

function run<T>(evaluate: () => T): T {
  try {
    return evaluate();
  } catch (error) {
    if (error instanceof XPathUnsupported) throw error;
    throw new XPathUnsupported(`the XPath expression cannot be evaluated (${error instanceof Error ? error.message : String(error)})`);
  }
}

/** Attributes other than namespace declarations (XPath has them as namespace nodes, which canonicalisation derives itself). */
function plainAttributes(element: Element): Attr[] {
  return attributesOf(element).filter((attribute) => attribute.namespaceURI !== NS.xmlns);
}

/**
 * The node-set `member` describes, as one apex minus whole subtrees, or a refusal.
 * Comments are ignored unless `withComments` (canonicalisation drops them anyway).
 */
function toSubset(root: Document | Element, member: (node: Node) => boolean, withComments: boolean, outside: ReadonlySet<Node>, work: XPathWork): NodeSubsetResult {
  let apex: Document | Element | undefined;
  const excluded = new Set<Node>(outside);
  const counts = (node: Node) => withComments || node.nodeType !== NodeType.comment;
  const attributesFollow = (element: Element, included: boolean) => {
    const attributes = plainAttributes(element);
    charge(work, attributes.length);
    for (const attribute of attributes) {
      if (member(attribute) !== included) throw new XPathUnsupported('the selected node-set keeps an element but not all its attributes (or the reverse)');
    }
  };
  const expectOutside = (top: Node) => {
    const stack: Node[] = [top];
    while (stack.length > 0) {
      const node = stack.pop()!;
      charge(work, 1);
      if (node !== top && outside.has(node)) continue;
      if (node !== top && counts(node) && member(node)) throw new XPathUnsupported('the selected node-set leaves out an element but keeps some of its content');
      if (isElement(node)) attributesFollow(node, false);
      for (let child = node.lastChild; child; child = child.previousSibling) stack.push(child);
    }
  };
  const stack: [Node, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [node, inside] = stack.pop()!;
    charge(work, 1);
    // Outside the transform's input (the enveloped Signature): none of it can be selected.
    if (outside.has(node) || !counts(node)) continue;
    const included = member(node);
    if (inside) {
      if (!included) {
        excluded.add(node);
        expectOutside(node);
        continue;
      }
    } else if (included) {
      if (!isElement(node) && !isDocument(node)) throw new XPathUnsupported('the selected node-set holds content outside any selected element');
      if (apex) throw new XPathUnsupported('the selected node-set is made of several separate subtrees');
      apex = node;
    }
    if (isElement(node)) attributesFollow(node, included);
    for (let child = node.lastChild; child; child = child.previousSibling) stack.push([child, inside || included]);
  }
  if (!apex) throw new XPathUnsupported('the XPath transform selects nothing');
  return { apex, excluded };
}

/** Nodes and attributes of each document, counted once per document (the price of an `id()` call). */
const nodeCounts = new WeakMap<Document, number>();

function nodeCount(root: Document, work: XPathWork): number {
  const known = nodeCounts.get(root);
  if (known !== undefined) return known;
  let count = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    if (isElement(node)) count += attributesOf(node).length;
    for (let child = node.firstChild; child; child = child.nextSibling) stack.push(child);
  }
  charge(work, count);
  nodeCounts.set(root, count);
  return count;
}

/** XMLDSig XPath transform: keeps each input node for which the expression is true. */
export function xpathTransform(
  transform: Element,
  input: { apex: Document | Element; excluded: ReadonlySet<Node>; withComments: boolean },
  work: XPathWork,
): NodeSubsetResult {
  const expressions = childElements(transform).filter((element) => element.localName === 'XPath' && element.namespaceURI === NS.ds);
  if (expressions.length !== 1 || childElements(transform).length !== 1) throw new XPathUnsupported('the XPath transform must hold exactly one ds:XPath element');
  const { parsed, options, callsId } = compile(expressions[0]!);
  const document = isDocument(input.apex) ? input.apex : input.apex.ownerDocument!;
  const cost = XPATH_EVALUATION_COST + (callsId ? nodeCount(document, work) : 0);
  // toSubset asks only about nodes of the input (it skips the excluded subtrees), each once.
  const member = (node: Node): boolean => {
    charge(work, cost);
    return metered(work, () => parsed.evaluateBoolean(options(node)));
  };
  return toSubset(input.apex, member, input.withComments, input.excluded, work);
}

/** XPath Filter 2.0: intersect / subtract / union of the subtrees each expression selects, applied to the input. */
export function xpathFilter2(
  transform: Element,
  input: { apex: Document | Element; excluded: ReadonlySet<Node>; withComments: boolean },
  work: XPathWork,
): NodeSubsetResult {
  const elements = childElements(transform);
  if (elements.length === 0 || elements.length > MAX_FILTER_EXPRESSIONS) {
    throw new XPathUnsupported(`an XPath Filter 2.0 transform must hold 1 to ${MAX_FILTER_EXPRESSIONS} XPath elements`);
  }
  const document = isDocument(input.apex) ? input.apex : input.apex.ownerDocument!;
  const size = () => nodeCount(document, work);
  const steps: { filter: 'intersect' | 'subtract' | 'union'; selected: Set<Node> }[] = [];
  for (const element of elements) {
    if (element.localName !== 'XPath' || element.namespaceURI !== XPATH_FILTER2) throw new XPathUnsupported('an XPath Filter 2.0 transform may hold only its XPath elements');
    const filter = element.getAttribute('Filter');
    if (filter !== 'intersect' && filter !== 'subtract' && filter !== 'union') throw new XPathUnsupported(`unknown Filter "${filter ?? ''}"`);
    const { parsed, options, callsId } = compile(element);
    charge(work, 1 + (callsId ? size() : 0));
    const nodes = metered(work, () => parsed.select(options(document)));
    if (!Array.isArray(nodes)) throw new XPathUnsupported('an XPath Filter 2.0 expression must select nodes');
    steps.push({ filter, selected: new Set(nodes) });
  }
  // Each ancestor looked at is a unit: the walk grows with the depth.
  const inSubtree = (node: Node, selected: ReadonlySet<Node>): boolean => {
    for (let current: Node | null = node; current; current = current.parentNode ?? (current as Attr).ownerElement ?? null) {
      charge(work, 1);
      if (selected.has(current)) return true;
    }
    return false;
  };
  // toSubset asks only about nodes of the input (it skips the excluded subtrees).
  const member = (node: Node): boolean => {
    charge(work, steps.length);
    let kept = true;
    for (const { filter, selected } of steps) {
      const inside = inSubtree(node, selected);
      kept = filter === 'intersect' ? kept && inside : filter === 'subtract' ? kept && !inside : kept || inside;
    }
    return kept;
  };
  return toSubset(input.apex, member, input.withComments, input.excluded, work);
}
