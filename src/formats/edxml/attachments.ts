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
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParsedAttachment } from '../types.js';
import { decodeBase64Strict } from '../xml/base64.js';
import { isElement, NodeType } from '../xml/dom.js';
import { edxmlChild, edxmlChildren, isEdxmlElement, normaliseContentId } from './header.js';
import { EDXML_MESSAGES } from './messages.js';
import type { EdxmlAttachmentInfo, EdxmlManifestEntry } from './model.js';

/** The base64 text: a ContentTransferEncoded child, else the Attachment's own text. */
function encodedText(attachment: Element): string {
  const encoded = edxmlChild(attachment, 'ContentTransferEncoded');
  if (encoded) return encoded.textContent ?? '';
  let text = '';
  for (let child = attachment.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === NodeType.text || child.nodeType === NodeType.cdata) text += child.nodeValue ?? '';
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
): { attachments: ParsedAttachment[]; infos: EdxmlAttachmentInfo[]; unchecked: number; missing: string[] } {
  const attachments: ParsedAttachment[] = [];
  const infos: EdxmlAttachmentInfo[] = [];
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
  return { attachments, infos, unchecked, missing: [...missing] };
}
