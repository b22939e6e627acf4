/**
 * Rebuilding what an edXML package signature signed after the national axis
 * re-serialised the package. In transit the package `Signature` loses its XMLDSig
 * namespace (its elements fall into the edXML default namespace) and the package is
 * re-indented. Neither changes what the sender meant, but both change the bytes the
 * signature value and the enveloped digest are over.
 *
 * kyso rebuilds the two plausible originals and verifies each as an ordinary XMLDSig
 * signature: the Signature back in the XMLDSig namespace (as `ds:`-prefixed elements,
 * or with XMLDSig as the default namespace), with the whitespace-only text nodes of
 * SignedInfo removed (as a compactly signed SignedInfo had) or kept; and, when the
 * signature value verifies but the enveloped digest does not, the same with every
 * whitespace-only text node of the document removed (a compactly signed package,
 * pretty-printed in transit). Nothing else is tried: an appended TraceHeader, a changed
 * field or a forged value still fails, and the report says which rebuild was needed.
 *
 * Only a Signature in the edXML namespace (the transit quirk) is ever rebuilt, at most
 * REBUILD_ATTEMPTS re-parses of the package in all, each drawing on the package's one work
 * budget (references canonicalised, XPath), as does the rebuilt package's verification.
 */
import type { Document, Element, Node } from '@xmldom/xmldom';
import { XMLSerializer } from '@xmldom/xmldom';
import type { ParseContext } from '../types.js';
import { attributesOf, isElement, NS, NodeType } from '../xml/dom.js';
import { parseXmlSafely, type SafeXml } from '../xml/parse.js';
import { recordSignatureNamespaces } from '../xml/references.js';
import { verifyXmlSignature, type XmlSignatureVerification } from '../xml/xmldsig.js';

/** How the Signature was put back in the XMLDSig namespace. */
export type RebuildNamespace = 'ds-prefix' | 'default';
/** Which whitespace-only text nodes were removed: none, SignedInfo's, or the whole document's. */
export type RebuildWhitespace = 'none' | 'signed-info' | 'document';

/**
 * Which plausible original of a package signature re-serialised in transit verified: how its
 * namespace and whitespace were restored. Only these two transit changes are ever undone.
 */
export interface SignatureRebuild {
  /** How the Signature was put back in the XMLDSig namespace. */
  readonly namespace: RebuildNamespace;
  /** Which whitespace-only text nodes were removed to recover the signed bytes. */
  readonly whitespace: RebuildWhitespace;
}

/** Re-parses of a package while looking for the original: four SignedInfo forms, one document compaction. */
export const REBUILD_ATTEMPTS = 5;

const SIGNED_INFO_FORMS: readonly SignatureRebuild[] = [
  { namespace: 'ds-prefix', whitespace: 'signed-info' },
  { namespace: 'default', whitespace: 'signed-info' },
  { namespace: 'ds-prefix', whitespace: 'none' },
  { namespace: 'default', whitespace: 'none' },
];

function indexPath(element: Element): number[] {
  const path: number[] = [];
  for (let node: Element = element; node.parentNode && isElement(node.parentNode); node = node.parentNode) {
    let index = 0;
    for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) if (isElement(sibling)) index++;
    path.push(index);
  }
  return path.reverse();
}

function follow(root: Element, path: readonly number[]): Element | undefined {
  let node: Element | undefined = root;
  for (const index of path) {
    let seen = -1;
    let found: Element | undefined;
    for (let child = node.firstChild; child && !found; child = child.nextSibling) {
      if (isElement(child) && ++seen === index) found = child;
    }
    node = found;
    if (!node) return undefined;
  }
  return node;
}

/** A copy of `element` with its edXML-namespace elements moved into the XMLDSig namespace. */
function intoXmldsig(document: Document, element: Element, namespace: RebuildNamespace, isRoot: boolean): Node {
  if (element.namespaceURI !== NS.edxml) return element.cloneNode(true);
  const copy = document.createElementNS(NS.ds, namespace === 'ds-prefix' ? `ds:${element.localName}` : element.localName ?? '');
  if (isRoot) copy.setAttributeNS(NS.xmlns, namespace === 'ds-prefix' ? 'xmlns:ds' : 'xmlns', NS.ds);
  for (const attribute of attributesOf(element)) {
    if (attribute.namespaceURI === NS.xmlns) {
      // The edXML default namespace the element fell into is what is being undone.
      if (attribute.name === 'xmlns' || attribute.name === 'xmlns:ds') continue;
      copy.setAttributeNS(NS.xmlns, attribute.name, attribute.value);
    } else if (attribute.namespaceURI) {
      copy.setAttributeNS(attribute.namespaceURI, attribute.name, attribute.value);
    } else {
      copy.setAttribute(attribute.name, attribute.value);
    }
  }
  for (let child = element.firstChild; child; child = child.nextSibling) {
    copy.appendChild(isElement(child) ? intoXmldsig(document, child, namespace, false) : child.cloneNode(true));
  }
  return copy;
}

/** Removes the whitespace-only text nodes under `root`; returns how many. */
function removeWhitespaceText(root: Node): number {
  let removed = 0;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (let child = node.firstChild; child; ) {
      const next = child.nextSibling;
      if (child.nodeType === NodeType.text && /^[ \t\r\n]*$/.test(child.nodeValue ?? '')) {
        node.removeChild(child);
        removed++;
      } else if (isElement(child)) stack.push(child);
      child = next;
    }
  }
  return removed;
}

function rebuiltBytes(xml: SafeXml, path: readonly number[], rebuild: SignatureRebuild): Uint8Array | undefined {
  const document = xml.document.cloneNode(true) as Document;
  const root = document.documentElement;
  const original = root ? follow(root, path) : undefined;
  if (!root || !original?.parentNode) return undefined;
  const replacement = intoXmldsig(document, original, rebuild.namespace, true);
  original.parentNode.replaceChild(replacement, original);
  // A form that removes nothing is the same as the one that keeps whitespace: not tried twice.
  if (rebuild.whitespace === 'document' && removeWhitespaceText(root) === 0) return undefined;
  if (rebuild.whitespace === 'signed-info') {
    const signedInfo = [...childNodes(replacement)].find((child) => isElement(child) && child.localName === 'SignedInfo');
    if (!signedInfo || removeWhitespaceText(signedInfo) === 0) return undefined;
  }
  return new TextEncoder().encode(new XMLSerializer().serializeToString(document));
}

function* childNodes(node: Node): Generator<Node> {
  for (let child = node.firstChild; child; child = child.nextSibling) yield child;
}

export interface RebuiltPackage {
  readonly xml: SafeXml;
  readonly rebuild: SignatureRebuild;
  readonly result: XmlSignatureVerification;
}

async function attempt(xml: SafeXml, path: readonly number[], rebuild: SignatureRebuild, ctx: ParseContext): Promise<RebuiltPackage | undefined> {
  const bytes = rebuiltBytes(xml, path, rebuild);
  if (!bytes) return undefined;
  // One work budget for the package however many times it is rebuilt and verified again.
  const parsed = parseXmlSafely(bytes, ctx.limits, xml.budget);
  if (!parsed.ok) return undefined;
  // The rebuilt package is still an edXML package: its Signature elements count in both namespaces.
  recordSignatureNamespaces(parsed.xml, [NS.ds, NS.edxml]);
  const signature = follow(parsed.xml.root, path);
  if (!signature || signature.namespaceURI !== NS.ds || signature.localName !== 'Signature') return undefined;
  return { xml: parsed.xml, rebuild, result: await verifyXmlSignature(signature, parsed.xml, ctx, 1) };
}

/**
 * The rebuilt package whose signature value verifies (preferring one whose references
 * are intact too), or undefined when no rebuild makes the value verify.
 */
export async function rebuildPackageSignature(xml: SafeXml, signature: Element, ctx: ParseContext): Promise<RebuiltPackage | undefined> {
  const path = indexPath(signature);
  for (const form of SIGNED_INFO_FORMS) {
    const found = await attempt(xml, path, form, ctx);
    if (!found || found.result.signature.integrity.valid !== 'passed') continue;
    if (found.result.signature.integrity.intact === 'passed') return found;
    const compact = await attempt(xml, path, { namespace: form.namespace, whitespace: 'document' }, ctx);
    if (compact && compact.result.signature.integrity.valid === 'passed' && compact.result.signature.integrity.intact === 'passed') return compact;
    return found;
  }
  return undefined;
}
