/**
 * edXML attachments (AttachmentEncoded/Attachment): decoded from base64 and handed
 * back as bytes for verify() to detect by magic bytes (ContentType is only a claim:
 * "PDF" attachments are often ZIPs). An attachment that cannot be decoded comes back
 * empty, under its name, so the report shows it as unreadable instead of dropping it.
 *
 * Every AttachmentEncoded in the package counts, wherever it sits (the standard puts
 * one under the root; senders also put it in the envelope, and a reader that searches
 * by name finds any): an attachment kyso skipped would be one another tool shows
 * unverified. More than one container, or a ContentId used twice, is reported.
 *
 * Past ParseLimits.maxEdxmlAttachments the rest are not decoded: they come back as a count
 * (`unchecked`), which makes the package INDETERMINATE (an attachment never verified is
 * neither passed nor absent).
 *
 * An Attachment whose payload has more than one reading (see encodedText) is named in
 * `ambiguous` and not decoded: the caller refuses the package, as a ZIP with two entries of
 * one name is refused, since which document it carries cannot be told.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParsedAttachment } from '../types.js';
import { decodeBase64Strict } from '../xml/base64.js';
import { isElement, NodeType } from '../xml/dom.js';
import { edxmlChild, edxmlChildren, isEdxmlElement, normaliseContentId } from './header.js';
import { EDXML_MESSAGES } from './messages.js';
import type { EdxmlAttachmentInfo, EdxmlManifestEntry } from './model.js';

const isText = (node: { nodeType: number }): boolean => node.nodeType === NodeType.text || node.nodeType === NodeType.cdata;
const blank = (node: { nodeValue: string | null }): boolean => (node.nodeValue ?? '').trim() === '';

/**
 * The base64 text of an Attachment, or undefined when it has more than one reading: exactly
 * one ContentTransferEncoded child (matched by local name in any namespace: a reader that
 * searches by name finds a foreign one too) holding text only, beside no text of the
 * Attachment's own; or no such child and the Attachment's own text in one run. Anything else
 * (two payloads, text beside the payload, an element or comment inside it) is read
 * differently by readers that keep the first value, the last, or the first text node: the
 * signed document shown by kyso need not be the one another tool shows.
 */
function encodedText(attachment: Element): string | undefined {
  const payloads: Element[] = [];
  let ownText = '';
  let run: 'before' | 'in' | 'after' = 'before';
  for (let child = attachment.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && child.localName === 'ContentTransferEncoded') payloads.push(child);
    if (isText(child) && !blank(child)) {
      if (run === 'after') return undefined;
      run = 'in';
      ownText += child.nodeValue ?? '';
    } else if (run === 'in' && !isText(child)) run = 'after';
  }
  if (payloads.length === 0) return ownText;
  if (payloads.length > 1 || ownText !== '') return undefined;
  let text = '';
  for (let child = payloads[0]!.firstChild; child; child = child.nextSibling) {
    if (!isText(child)) return undefined;
    text += child.nodeValue ?? '';
  }
  return text;
}

/** Every AttachmentEncoded element of the package, in document order. */
export function attachmentContainers(root: Element): Element[] {
  const found: Element[] = [];
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (element.localName === 'AttachmentEncoded' && isEdxmlElement(element)) found.push(element);
    for (let child = element.lastChild; child; child = child.previousSibling) if (isElement(child)) stack.push(child);
  }
  return found;
}

const contentIdOf = (element: Element): string | undefined => {
  const raw = edxmlChild(element, 'ContentId')?.textContent;
  return raw ? normaliseContentId(raw) : undefined;
};

export function readAttachments(
  containers: readonly Element[],
  manifest: readonly EdxmlManifestEntry[],
  messages: Message[],
  limit: number,
): { attachments: ParsedAttachment[]; infos: EdxmlAttachmentInfo[]; unchecked: number; missing: string[]; ambiguous: string[] } {
  const attachments: ParsedAttachment[] = [];
  const infos: EdxmlAttachmentInfo[] = [];
  const ambiguous: string[] = [];
  if (containers.length > 1) messages.push(EDXML_MESSAGES.EDXML_SEVERAL_ATTACHMENT_CONTAINERS({ count: containers.length }));
  const elements = containers.flatMap((container) => edxmlChildren(container, 'Attachment'));
  const unchecked = Math.max(0, elements.length - limit);
  if (unchecked > 0) messages.push(EDXML_MESSAGES.EDXML_TOO_MANY_ATTACHMENTS({ count: elements.length, limit, unchecked }));
  const seen = new Set<string>();
  for (const [index, element] of elements.slice(0, limit).entries()) {
    const contentId = contentIdOf(element);
    const listed = contentId !== undefined ? manifest.find((entry) => entry.contentId === contentId) : undefined;
    if (contentId !== undefined) {
      if (seen.has(contentId)) messages.push(EDXML_MESSAGES.EDXML_DUPLICATE_CONTENT_ID({ contentId }));
      seen.add(contentId);
      if (!listed) messages.push(EDXML_MESSAGES.EDXML_ATTACHMENT_NOT_IN_MANIFEST({ contentId }));
    }
    const name =
      edxmlChild(element, 'AttachmentName')?.textContent?.trim() || listed?.attachmentName || contentId || `attachment-${index + 1}`;
    const contentType = edxmlChild(element, 'ContentType')?.textContent?.trim() || listed?.contentType;
    const text = encodedText(element);
    if (text === undefined) {
      ambiguous.push(name);
      continue;
    }
    let bytes = text.trim() === '' ? new Uint8Array(0) : decodeBase64Strict(text);
    if (!bytes) {
      messages.push(EDXML_MESSAGES.EDXML_ATTACHMENT_NOT_BASE64({ name }));
      bytes = new Uint8Array(0);
    } else if (bytes.length === 0) {
      messages.push(EDXML_MESSAGES.EDXML_ATTACHMENT_EMPTY({ name }));
    }
    attachments.push({ name, bytes, ...(contentType ? { declaredType: contentType } : {}) });
    infos.push({ ...(contentId !== undefined ? { contentId } : {}), name, ...(contentType ? { contentType } : {}), size: bytes.length });
  }
  // An attachment left unchecked is still carried: its manifest entry is not missing.
  for (const element of elements.slice(limit)) {
    const contentId = contentIdOf(element);
    if (contentId !== undefined) seen.add(contentId);
  }
  // A set, not includes(): a manifest may list hundreds of thousands of ids nothing carries.
  const missing = new Set<string>();
  for (const entry of manifest) {
    if (!entry.contentId || seen.has(entry.contentId) || missing.has(entry.contentId)) continue;
    missing.add(entry.contentId);
    messages.push(EDXML_MESSAGES.EDXML_MANIFEST_ATTACHMENT_MISSING({ contentId: entry.contentId }));
  }
  return { attachments, infos, unchecked, missing: [...missing], ambiguous };
}
