/**
 * Reads the edXML envelope into the typed model, tolerantly: children are found by
 * local name in any order, in the edXML namespace or in none (senders differ), and a
 * missing field is just absent. Quirks that matter for metrics (a malformed OrganId,
 * an unreadable date) are reported as warnings, never as refusals.
 */
import type { Element } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import { childElements, NS } from '../xml/dom.js';
import { EDXML_MESSAGES } from './messages.js';
import type {
  EdxmlBusiness,
  EdxmlDate,
  EdxmlHeader,
  EdxmlManifestEntry,
  EdxmlOrgan,
  EdxmlResponseFor,
  EdxmlTraceHeader,
} from './model.js';

/** The header elements the metrics read, kept to ask whether a signature covers them. */
export interface MetadataElements {
  readonly senderOrganId?: Element;
  readonly promulgationDate?: Element;
  readonly documentType?: Element;
  readonly codeNumber?: Element;
  readonly codeNotation?: Element;
  readonly subject?: Element;
}

export function isEdxmlElement(element: Element): boolean {
  return element.namespaceURI === NS.edxml || !element.namespaceURI;
}

export function edxmlChildren(parent: Element | undefined, name: string): Element[] {
  if (!parent) return [];
  return childElements(parent).filter((child) => child.localName === name && isEdxmlElement(child));
}

export function edxmlChild(parent: Element | undefined, name: string): Element | undefined {
  return edxmlChildren(parent, name)[0];
}

function value(element: Element | undefined): string | undefined {
  const text = element?.textContent?.trim();
  return text ? text : undefined;
}

function field(parent: Element | undefined, name: string): string | undefined {
  return value(edxmlChild(parent, name));
}

/** `yyyy-MM-dd` if (y, m, d) is a real calendar date. */
function isoDate(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Reads `yyyy/MM/dd`, `dd/MM/yyyy` (or with `-`), optionally followed by a time. */
export function readEdxmlDate(raw: string): EdxmlDate {
  const yearFirst = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$/.exec(raw);
  const dayFirst = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T].*)?$/.exec(raw);
  let iso: string | undefined;
  if (yearFirst) iso = isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  else if (dayFirst) iso = isoDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return iso ? { raw, iso } : { raw };
}

const ORGAN_ID = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;

class HeaderReader {
  readonly messages: Message[] = [];

  date(parent: Element | undefined, name: string, label: string): EdxmlDate | undefined {
    const raw = field(parent, name);
    if (raw === undefined) return undefined;
    const date = readEdxmlDate(raw);
    if (!date.iso) this.messages.push(EDXML_MESSAGES.EDXML_DATE_UNREADABLE({ field: label, value: raw }));
    return date;
  }

  organ(element: Element, label: string): EdxmlOrgan {
    const organId = field(element, 'OrganId');
    const organIdWellFormed = organId !== undefined && ORGAN_ID.test(organId);
    if (organId !== undefined && !organIdWellFormed) this.messages.push(EDXML_MESSAGES.EDXML_ORGAN_ID_MALFORMED({ field: label, value: organId }));
    return compact({
      organId,
      organIdWellFormed,
      organName: field(element, 'OrganName'),
      organizationInCharge: field(element, 'OrganizationInCharge'),
      organAdd: field(element, 'OrganAdd'),
      email: field(element, 'Email'),
      telephone: field(element, 'Telephone'),
      fax: field(element, 'Fax'),
      website: field(element, 'Website'),
    });
  }

  responseFor(element: Element): EdxmlResponseFor {
    return compact({
      organId: field(element, 'OrganId'),
      code: field(element, 'Code'),
      promulgationDate: this.date(element, 'PromulgationDate', 'ResponseFor/PromulgationDate'),
      documentId: field(element, 'DocumentId'),
    });
  }
}

/** Drops undefined properties so that the model compares and serialises cleanly. */
function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as T;
}

export interface ReadHeader {
  readonly header: EdxmlHeader;
  readonly elements: MetadataElements;
  readonly messages: readonly Message[];
}

export function readHeader(messageHeader: Element, traceHeaderList: Element | undefined): ReadHeader {
  const reader = new HeaderReader();
  const from = edxmlChild(messageHeader, 'From');
  const code = edxmlChild(messageHeader, 'Code');
  const promulgation = edxmlChild(messageHeader, 'PromulgationInfo');
  const documentType = edxmlChild(messageHeader, 'DocumentType');
  const signerInfo = edxmlChild(messageHeader, 'SignerInfo');
  const responseFor = edxmlChild(messageHeader, 'ResponseFor');
  const toPlaces = edxmlChild(messageHeader, 'ToPlaces');
  const traceHeaders: EdxmlTraceHeader[] = edxmlChildren(traceHeaderList, 'TraceHeader').map((trace) =>
    compact({ organId: field(trace, 'OrganId'), timestamp: field(trace, 'Timestamp') }),
  );
  const businessElement = edxmlChild(traceHeaderList, 'Bussiness') ?? edxmlChild(messageHeader, 'Bussiness');
  const business: EdxmlBusiness | undefined = businessElement
    ? compact({
        bussinessDocType: field(businessElement, 'BussinessDocType'),
        bussinessDocReason: field(businessElement, 'BussinessDocReason'),
        documentId: field(businessElement, 'DocumentId'),
        paper: field(businessElement, 'Paper'),
      })
    : undefined;
  const header: EdxmlHeader = compact({
    from: from ? reader.organ(from, 'From') : undefined,
    to: edxmlChildren(messageHeader, 'To').map((to) => reader.organ(to, 'To')),
    documentId: field(messageHeader, 'DocumentId'),
    code: code ? compact({ codeNumber: field(code, 'CodeNumber'), codeNotation: field(code, 'CodeNotation') }) : undefined,
    promulgationInfo: promulgation
      ? compact({ place: field(promulgation, 'Place'), promulgationDate: reader.date(promulgation, 'PromulgationDate', 'PromulgationInfo/PromulgationDate') })
      : undefined,
    documentType: documentType
      ? compact({ type: field(documentType, 'Type'), typeDetail: field(documentType, 'TypeDetail'), typeName: field(documentType, 'TypeName') })
      : undefined,
    subject: field(messageHeader, 'Subject'),
    content: field(messageHeader, 'Content'),
    signerInfo: signerInfo
      ? compact({ competence: field(signerInfo, 'Competence'), position: field(signerInfo, 'Position'), fullName: field(signerInfo, 'FullName') })
      : undefined,
    dueDate: reader.date(messageHeader, 'DueDate', 'DueDate'),
    steeringType: field(messageHeader, 'SteeringType'),
    toPlaces: edxmlChildren(toPlaces, 'Place')
      .map((place) => value(place))
      .filter((place): place is string => place !== undefined),
    responseFor: responseFor ? reader.responseFor(responseFor) : undefined,
    statusCode: field(messageHeader, 'StatusCode'),
    description: field(messageHeader, 'Description'),
    timestamp: field(messageHeader, 'Timestamp'),
    traceHeaders,
    business,
  });
  const elements: MetadataElements = compact({
    senderOrganId: edxmlChild(from, 'OrganId'),
    promulgationDate: edxmlChild(promulgation, 'PromulgationDate'),
    documentType,
    codeNumber: edxmlChild(code, 'CodeNumber'),
    codeNotation: edxmlChild(code, 'CodeNotation'),
    subject: edxmlChild(messageHeader, 'Subject'),
  });
  return { header, elements, messages: reader.messages };
}

export function readManifest(manifest: Element | undefined): EdxmlManifestEntry[] {
  return edxmlChildren(manifest, 'Reference').map((reference) =>
    compact({
      contentId: normaliseContentId(field(reference, 'ContentId') ?? ''),
      contentType: field(reference, 'ContentType'),
      description: field(reference, 'Description'),
      attachmentName: field(reference, 'AttachmentName'),
    }),
  );
}

/** `cid:209`, `<209>` and `209` all name the same attachment. */
export function normaliseContentId(contentId: string): string {
  return contentId.trim().replace(/^cid:/i, '').replace(/^<(.*)>$/, '$1');
}
