/**
 * The e-invoice profile (hóa đơn điện tử: Decree 123/2020/NĐ-CP, Circular 78/2021/TT-BTC)
 * on top of XMLDSig: which message this is, which invoice or notice it carries, and for
 * each signature its role and claimed signing time, and whether it covers what its role
 * must sign.
 *
 * Roles are claimed by where a signature sits: `DSCKS/NBan` seller, `NMua` buyer, `CQT` tax
 * authority, any other DSCKS child reported by name. The claim holds only when the
 * certificate is that party's (identity.ts): another party's certificate is a format failure,
 * one kyso cannot compare leaves the signature INDETERMINATE (SIG_CONSTRAINTS_FAILURE). A
 * certificate that bears the tax authority's name is the tax authority's only if its path ends
 * at a Government PKI root (judged by validation: ParsedSignature.governmentSigner). In the
 * seller's place, the certificate of the authorised issuer the signed invoice names
 * (MSTDVNUNLHDon: ủy nhiệm lập hóa đơn) is no contradiction: kyso cannot see whether the seller
 * registered that authorisation, so it holds when the tax authority's signature over the same
 * invoice passes (the tax authority codes an invoice against the seller's registration, which
 * lists its authorised issuers) and is INDETERMINATE otherwise (ParsedSignature.signerVouchedBy). One
 * SignatureValue found twice is a copy (a signature moved into a second role keeps verifying
 * when its Reference resolves to the original's data): every later one is a format failure.
 * What a role must cover:
 * - in an invoice (`HDon`), every role signs `DLHDon`; the tax authority also signs
 *   `MCCQT`, the code it gave (when the invoice carries one);
 * - elsewhere (notices, registrations, minutes), the signature signs the data element(s)
 *   beside `DSCKS` whose name starts with `DL` (DLTBao, DLTKhai …).
 * "Signs" means a Reference resolves to that element or an ancestor of it and no transform
 * removes it or anything inside it (an XPath transform that leaves out `TToan` leaves the
 * invoice unsigned, whatever else it keeps). Whether that Reference's digest matches is judged by XMLDSig as
 * usual, so a changed invoice stays a HASH_FAILURE; a signature that does not reference
 * what its role must sign is a format failure of the profile, never silently passed.
 *
 * SigningTime (`ds:Object/SignatureProperties/SignatureProperty/SigningTime`) is a claim,
 * read only when a Reference of the signature covers it; written without a zone, it is
 * Vietnam time (UTC+7), as the tax authority's and the signing tools' clocks are.
 */
import type { Element, Node } from '@xmldom/xmldom';
import type { Message } from '../../report/messages.js';
import type { ParsedSignature } from '../types.js';
import { childElements, isElement } from '../xml/dom.js';
import type { SafeXml } from '../xml/parse.js';
import { signsWhole } from '../xml/references.js';
import { copiedFrom } from '../xml/signatures.js';
import type { XmlSignatureVerification } from '../xml/xmldsig.js';
import { roleIdentity, type OtherParties } from './identity.js';
import { EINVOICE_MESSAGES } from './messages.js';
import type { EinvoiceDocumentDetails, EinvoiceIdentity, EinvoiceMessageKind, EinvoiceNotice, EinvoiceRole, EinvoiceSignatureDetails } from './types.js';

export type * from './types.js';

/** Invoices and notices reported per message: a batch message (MLTDiep 200) may carry many. */
export const MAX_INVOICES = 1000;

/** Longest field value reported; real ones are under 400 characters (addresses). */
const MAX_FIELD = 512;

const KINDS: ReadonlySet<string> = new Set(['HDon', 'TDiep', 'BBan', 'DLHDon']);

const ROLES: Readonly<Record<string, EinvoiceRole>> = { NBan: 'seller', NMua: 'buyer', CQT: 'tax-authority' };
/** The places in a notice's DSCKS whose signer is checked: the tax authority, and the taxpayer (held to DLTBao/MST). */
const NOTICE_PLACES: ReadonlySet<string> = new Set(['CQT', 'NNT']);
const TAXPAYER_TEXT = { vi: 'người nộp thuế', en: 'taxpayer' } as const;

const ROLE_TEXT: Readonly<Record<EinvoiceRole, { vi: string; en: string }>> = {
  seller: { vi: 'người bán', en: 'seller' },
  buyer: { vi: 'người mua', en: 'buyer' },
  'tax-authority': { vi: 'cơ quan thuế', en: 'tax authority' },
  other: { vi: 'bên ký khác', en: 'other signer' },
};

/** An e-invoice message: its root is one of the message elements, in no namespace. */
export function isEinvoiceRoot(root: Element): boolean {
  return KINDS.has(root.localName ?? '') && !root.namespaceURI;
}

/** E-invoice data: the message elements, and a notice (DLTBao), in no namespace. */
const DATA: ReadonlySet<string> = new Set([...KINDS, 'DLTBao']);

function isData(node: Node): boolean {
  return isElement(node) && !node.namespaceURI && DATA.has(node.localName ?? '');
}

/** The elements a Reference URI of the `#id` or `#xpointer(id('id'))` form names, all of them when the Id is not unique. */
function namedBy(uri: string, xml: SafeXml): readonly Element[] {
  const match = /^#(?:xpointer\(id\((['"])([^'"]+)\1\)\)|([^\s#()'"]+))$/.exec(uri);
  const id = match ? (match[2] ?? match[3]) : undefined;
  return id !== undefined ? (xml.ids.get(id) ?? []) : [];
}

/**
 * Whether the profile applies: an e-invoice root; or another root (a dossier) holding an invoice
 * (HDon) or a notice (DLTBao) and a signature list (DSCKS) outside Signature elements; or one in
 * which a signature's Reference targets e-invoice data without signing the whole document: the
 * target is an HDon, DLHDon, DLTBao (any KINDS element), lies inside one or holds one. Gated on
 * the root alone, a signed invoice wrapped in another element (`<HoSo><HDon>…`) escaped the
 * profile, and the signed DLHDon moved aside with a forged one in its place passed as plain
 * XMLDSig over "some DLHDon"; gated on DSCKS, the same attack passed again once DSCKS was
 * renamed (the signature does not cover its parent's name). What a signature references is
 * what it claims to sign, so that decides. A dossier signed whole (URI="" or the root by Id,
 * nothing but Signature elements left out) stays plain XMLDSig: its reference covers whatever
 * invoice it holds, wherever that sits. Fail closed: a reference that resolved to nothing
 * (ambiguous Id, base64 text) is judged by every element its Id names.
 */
export function isEinvoiceDocument(xml: SafeXml, verified: readonly XmlSignatureVerification[]): boolean {
  const root = xml.root;
  if (isEinvoiceRoot(root)) return true;
  let data = false;
  let places = false;
  // Data elements anywhere (Signature content too) and every ancestor of one: "holds data".
  const holdsData = new Set<Node>();
  const stack: Array<readonly [Element, boolean]> = [[root, false]];
  while (stack.length > 0) {
    const [element, inSignature] = stack.pop()!;
    if (isData(element)) {
      for (let node: Node | null = element; node && !holdsData.has(node); node = node.parentNode) holdsData.add(node);
    }
    const signatureOrInside = inSignature || element.localName === 'Signature';
    if (!signatureOrInside && !element.namespaceURI) {
      if (element.localName === 'HDon' || element.localName === 'DLTBao') data = true;
      else if (element.localName === 'DSCKS') places = true;
    }
    for (let node = element.lastChild; node; node = node.previousSibling) if (isElement(node)) stack.push([node, signatureOrInside]);
  }
  if (data && places) return true;
  if (holdsData.size === 0) return false;
  for (const { references } of verified) {
    for (const reference of references) {
      const targets = reference.node !== undefined ? [reference.node] : namedBy(reference.uri, xml);
      for (const target of targets) {
        const apex: Node = isElement(target) ? target : root;
        if (apex === root && signsWhole(reference, root)) continue;
        if (holdsData.has(apex)) return true;
        for (let node: Node | null = apex.parentNode; node; node = node.parentNode) if (isData(node)) return true;
      }
    }
  }
  return false;
}

function child(parent: Element | undefined, name: string): Element | undefined {
  if (!parent) return undefined;
  return childElements(parent).find((element) => element.localName === name);
}

function text(element: Element | undefined): string | undefined {
  if (!element) return undefined;
  const value = (element.textContent ?? '').trim();
  return value === '' ? undefined : value.slice(0, MAX_FIELD);
}

function fields<K extends string>(parent: Element | undefined, names: Readonly<Record<K, string>>): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [key, name] of Object.entries(names) as [K, string][]) {
    const value = text(child(parent, name));
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function invoiceIdentity(invoice: Element, data: Element | undefined): EinvoiceIdentity {
  const general = child(data, 'TTChung');
  const content = child(data, 'NDHDon');
  const seller = child(content, 'NBan');
  const buyer = child(content, 'NMua');
  const dataId = data?.getAttribute('Id') || undefined;
  return {
    ...fields(general, { form: 'KHMSHDon', series: 'KHHDon', number: 'SHDon', date: 'NLap' }),
    ...fields(seller, { sellerTaxCode: 'MST', sellerName: 'Ten' }),
    ...fields(buyer, { buyerTaxCode: 'MST' }),
    ...fields(invoice, { taxAuthorityCode: 'MCCQT' }),
    ...(dataId ? { dataId } : {}),
  };
}

function noticeIdentity(data: Element): EinvoiceNotice {
  return fields(data, { form: 'MSo', number: 'So', date: 'NTBao', taxCode: 'MST', taxpayerName: 'TNNT' });
}

/** HDon and DLTBao elements in document order, at most MAX_INVOICES of each. */
function collect(root: Element): { invoices: Element[]; notices: Element[]; truncated: boolean } {
  const invoices: Element[] = [];
  const notices: Element[] = [];
  let truncated = false;
  const stack: Element[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    const name = element.localName;
    if (name === 'HDon' || (name === 'DLHDon' && element === root)) {
      if (invoices.length < MAX_INVOICES) invoices.push(element);
      else truncated = true;
    } else if (name === 'DLTBao') {
      if (notices.length < MAX_INVOICES) notices.push(element);
      else truncated = true;
    }
    if (name === 'Signature') continue;
    for (let node = element.lastChild; node; node = node.previousSibling) if (isElement(node)) stack.push(node);
  }
  return { invoices, notices, truncated };
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:\d{2})?$/;
/**
 * What .NET's DateTime.ToString() writes under a culture, as software that formats SigningTime
 * with the machine's culture does: vi-VN `01/03/2025 4:00:00 CH` (day first; SA/CH are a.m./p.m.,
 * or 24-hour without them) and en-US `3/1/2025 4:00:00 PM` (month first, always AM/PM).
 */
const CULTURE_DATE_TIME = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: (SA|CH|AM|PM))?$/i;

/** A SigningTime as written; without a zone it is Vietnam time. */
export function readSigningTime(value: string): Date | undefined {
  const text = value.trim();
  const iso = LOCAL_DATE_TIME.exec(text);
  if (iso) {
    const [year, month, day] = iso[1]!.split('-').map(Number) as [number, number, number];
    return isCalendarDay(year, month, day) ? validDate(`${iso[1]}T${iso[2]}${iso[3] ?? '+07:00'}`) : undefined;
  }
  const culture = CULTURE_DATE_TIME.exec(text);
  if (!culture) return undefined;
  const [, first, second, year, hourText, minute, secondText = '00', marker] = culture;
  const meridiem = marker?.toUpperCase();
  const monthFirst = meridiem === 'AM' || meridiem === 'PM';
  const day = Number(monthFirst ? second : first);
  const month = Number(monthFirst ? first : second);
  let hour = Number(hourText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'PM' || meridiem === 'CH' ? 12 : 0);
  }
  if (!isCalendarDay(Number(year), month, day) || hour > 23 || Number(minute) > 59 || Number(secondText) > 59) return undefined;
  return new Date(Date.UTC(Number(year), month - 1, day) + ((hour - 7) * 3600 + Number(minute) * 60 + Number(secondText)) * 1000);
}

/** Date rolls 30/02 over into March: only a day that reads back as written counts. */
function isCalendarDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function validDate(text: string): Date | undefined {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function signingTimeElement(signature: Element): Element | undefined {
  for (const object of childElements(signature)) {
    if (object.localName !== 'Object') continue;
    for (const properties of childElements(object)) {
      if (properties.localName !== 'SignatureProperties') continue;
      for (const property of childElements(properties)) {
        if (property.localName !== 'SignatureProperty') continue;
        const time = child(property, 'SigningTime');
        if (time) return time;
      }
    }
  }
  return undefined;
}

function covers(result: XmlSignatureVerification, target: Node): boolean {
  return result.references.some((reference) => signsWhole(reference, target));
}

function coversIntact(result: XmlSignatureVerification, target: Node): boolean {
  return result.references.some((reference) => reference.intact === 'passed' && signsWhole(reference, target));
}

/** What a signature under DSCKS must cover, by role and by the message around it. */
function requiredElements(signatures: Element, role: EinvoiceRole): Element[] {
  const holder = signatures.parentNode;
  if (!holder || !isElement(holder)) return [];
  if (holder.localName === 'HDon') {
    const required = [child(holder, 'DLHDon')];
    if (role === 'tax-authority') required.push(child(holder, 'MCCQT'));
    return required.filter((element): element is Element => element !== undefined);
  }
  return childElements(holder).filter((element) => element !== signatures && /^DL/.test(element.localName ?? '') && element.localName !== 'DLieu');
}

export interface EinvoiceProfile {
  readonly details: EinvoiceDocumentDetails;
  readonly signatures: readonly ParsedSignature[];
  readonly messages: readonly Message[];
}

/**
 * The tax codes (and, for a buyer, the citizen ID) the signed invoice gives the party a seller's
 * or buyer's signature must be; undefined when the role is checked by its certificate alone (the
 * tax authority) or not at all (a DSCKS outside an invoice, another role).
 */
function expectedParty(signatures: Element, role: EinvoiceRole): string[] | undefined {
  if (role === 'tax-authority') return [];
  if (role !== 'seller' && role !== 'buyer') return undefined;
  const holder = signatures.parentNode;
  if (!holder || !isElement(holder) || holder.localName !== 'HDon') return undefined;
  return partyCodes(child(holder, 'DLHDon'), role);
}

/** The tax codes (and a buyer's citizen ID) that an invoice's data (DLHDon) gives its seller or buyer. */
function partyCodes(data: Element | undefined, role: 'seller' | 'buyer'): string[] {
  const party = child(child(data, 'NDHDon'), role === 'seller' ? 'NBan' : 'NMua');
  return [text(child(party, 'MST')), ...(role === 'buyer' ? [text(child(party, 'CCCDan'))] : [])].filter((value): value is string => value !== undefined);
}

/**
 * For a seller's signature: the buyer's tax code, and the authorised issuer the invoice names
 * (TTChung/MSTDVNUNLHDon, TDVNUNLHDon) when this signature signs that element whole — a value a
 * transform leaves out names nobody.
 */
function otherParties(signatures: Element, result: XmlSignatureVerification): OtherParties & { readonly issuerName?: string } {
  const holder = signatures.parentNode;
  return otherPartiesOf(holder && isElement(holder) ? child(holder, 'DLHDon') : undefined, result);
}

function otherPartiesOf(data: Element | undefined, result: XmlSignatureVerification): OtherParties & { readonly issuerName?: string } {
  const general = child(data, 'TTChung');
  const issuerElement = child(general, 'MSTDVNUNLHDon');
  const issuer = issuerElement && covers(result, issuerElement) ? text(issuerElement) : undefined;
  const issuerName = issuer !== undefined ? text(child(general, 'TDVNUNLHDon')) : undefined;
  return { buyer: data ? partyCodes(data, 'buyer') : [], ...(issuer !== undefined ? { issuer } : {}), ...(issuerName !== undefined ? { issuerName } : {}) };
}

/**
 * What comparing a signer with the party whose data it signs says, outside a DSCKS place (a
 * taxpayer on its notice, the seller of a root DLHDon): the signer is the party, is another
 * one (a format failure), or cannot be told (unconfirmed; an authorised issuer too, since no
 * tax-authority signature can vouch for the authorisation there).
 */
function judgeParty(
  identity: ReturnType<typeof roleIdentity>,
  id: string,
  who: { readonly vi: string; readonly en: string },
  expected: readonly string[],
  others: OtherParties & { readonly issuerName?: string },
): { readonly message?: Message; readonly formatFailure?: true; readonly unconfirmed?: true } {
  if (!identity) return {};
  if (identity.status === 'confirmed') return { message: EINVOICE_MESSAGES.EINVOICE_SIGNER_IS_ROLE({ id, role_vi: who.vi, role_en: who.en }) };
  const codes = expected.join(', ');
  if (identity.status === 'contradicted') {
    return { formatFailure: true, message: EINVOICE_MESSAGES.EINVOICE_SIGNER_NOT_ROLE({ id, role_vi: who.vi, role_en: who.en, found: identity.found, expected: codes }) };
  }
  if (identity.status === 'delegated') {
    return { unconfirmed: true, message: EINVOICE_MESSAGES.EINVOICE_SIGNER_DELEGATED_UNCONFIRMED({ id, seller: codes || '—', issuer: others.issuer ?? '—', issuerName: others.issuerName ?? '—' }) };
  }
  return { unconfirmed: true, message: EINVOICE_MESSAGES.EINVOICE_SIGNER_ROLE_UNCONFIRMED({ id, role_vi: who.vi, role_en: who.en, found: identity.found, expected: codes || '—' }) };
}

/**
 * `taxAuthority(list)`: the positions (in the message's signature list) of the signatures under `list`'s CQT,
 * the tax authority's place in the same DSCKS.
 */
function profileSignature(result: XmlSignatureVerification, copyOf: string | undefined, taxAuthority: (list: Element) => number[], rootData?: Element): ParsedSignature {
  const { signature, element } = result;
  const messages: Message[] = [...signature.messages];
  let formatFailure = signature.formatFailure;
  let signerUnconfirmed = false;
  let governmentSigner: { vi: string; en: string } | undefined;
  let signerVouchedBy: ParsedSignature['signerVouchedBy'];
  if (copyOf !== undefined) {
    formatFailure = true;
    messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNATURE_COPIED({ id: signature.id, original: copyOf }));
  }
  const holder = element.parentNode && isElement(element.parentNode) ? element.parentNode : undefined;
  const list = holder?.parentNode && isElement(holder.parentNode) && holder.parentNode.localName === 'DSCKS' ? holder.parentNode : undefined;
  const roleElement = list ? holder!.localName ?? undefined : undefined;
  const role = roleElement !== undefined ? ROLES[roleElement] ?? 'other' : undefined;

  const requiredCoverage: { element: string; covered: boolean }[] = [];
  if (role && list && roleElement) {
    const text = ROLE_TEXT[role];
    messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNATURE_ROLE({ id: signature.id, role_vi: text.vi, role_en: text.en, element: roleElement }));
    const expected = expectedParty(list, role);
    if (expected === undefined && (role === 'seller' || role === 'buyer')) {
      // A seller's or buyer's place whose DSCKS is not an invoice's own (nested in another element,
      // under TDiep, beside a root DLHDon): there is no invoice to compare the signer with, so the
      // role is not confirmed (it was claimed with no check at all).
      signerUnconfirmed = true;
      messages.push(EINVOICE_MESSAGES.EINVOICE_ROLE_OUTSIDE_INVOICE({ id: signature.id, role_vi: text.vi, role_en: text.en, element: roleElement }));
    }
    const others = role === 'seller' && expected ? otherParties(list, result) : {};
    const identity = expected ? roleIdentity(role, signature.integrity.signerCertificate, expected, others) : undefined;
    if (identity?.status === 'confirmed' && role === 'tax-authority') {
      // The name is the tax authority's; whether the certificate is, its path's anchor says (validation).
      governmentSigner = ROLE_TEXT['tax-authority'];
    } else if (identity?.status === 'confirmed') {
      messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNER_IS_ROLE({ id: signature.id, role_vi: text.vi, role_en: text.en }));
    } else if (identity && role === 'tax-authority') {
      if (identity.status === 'contradicted') formatFailure = true;
      else signerUnconfirmed = true;
      const notTaxAuthority = identity.status === 'contradicted' ? EINVOICE_MESSAGES.EINVOICE_SIGNER_NOT_TAX_AUTHORITY : EINVOICE_MESSAGES.EINVOICE_SIGNER_TAX_AUTHORITY_UNCONFIRMED;
      messages.push(notTaxAuthority({ id: signature.id, found: identity.found }));
    } else if (identity?.status === 'delegated') {
      // kyso cannot see the authorisation (registered with the tax authority, Circular 78/2021 Art. 3.1.c):
      // the tax authority's own signature over the invoice vouches for it, or nothing does.
      signerUnconfirmed = true;
      const names = { id: signature.id, seller: expected!.join(', ') || '—', issuer: others.issuer ?? '—', issuerName: others.issuerName ?? '—' };
      signerVouchedBy = {
        by: taxAuthority(list),
        confirmed: EINVOICE_MESSAGES.EINVOICE_SIGNER_DELEGATED_CONFIRMED(names),
        unconfirmed: EINVOICE_MESSAGES.EINVOICE_SIGNER_DELEGATED_UNCONFIRMED(names),
      };
    } else if (identity?.status === 'contradicted') {
      formatFailure = true;
      messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNER_NOT_ROLE({ id: signature.id, role_vi: text.vi, role_en: text.en, found: identity.found, expected: expected!.join(', ') }));
    } else if (identity?.status === 'unknown') {
      signerUnconfirmed = true;
      messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNER_ROLE_UNCONFIRMED({ id: signature.id, role_vi: text.vi, role_en: text.en, found: identity.found, expected: expected!.join(', ') || '—' }));
    }
    for (const required of requiredElements(list, role)) {
      const covered = covers(result, required);
      requiredCoverage.push({ element: required.localName ?? '', covered });
      if (!covered) {
        formatFailure = true;
        messages.push(EINVOICE_MESSAGES.EINVOICE_ROLE_NOT_COVERED({ id: signature.id, role_vi: text.vi, role_en: text.en, element: required.localName ?? '' }));
      }
    }
  }

  const notice = roleElement === 'NNT' && list ? child(list.parentNode && isElement(list.parentNode) ? list.parentNode : undefined, 'DLTBao') : undefined;
  // A taxpayer's signature on its notice: its certificate must carry the notice's tax code.
  const party = notice
    ? { who: TAXPAYER_TEXT, expected: [text(child(notice, 'MST'))].filter((value): value is string => value !== undefined), others: {} }
    : // An invoice sent as its DLHDon alone has no DSCKS: a signature over it speaks for the seller
      // and is held to the seller's tax code as one in DSCKS/NBan is (another company's certificate
      // over seller 0309888888's DLHDon passed, the seller's data reported).
      !(role && list && roleElement) && rootData && covers(result, rootData)
      ? { who: ROLE_TEXT.seller, expected: partyCodes(rootData, 'seller'), others: otherPartiesOf(rootData, result) }
      : undefined;
  if (party) {
    const judged = judgeParty(roleIdentity('seller', signature.integrity.signerCertificate, party.expected, party.others), signature.id, party.who, party.expected, party.others);
    if (judged.message) messages.push(judged.message);
    if (judged.formatFailure) formatFailure = true;
    if (judged.unconfirmed) signerUnconfirmed = true;
  }

  let claimedSigningTime: Date | undefined;
  let signingTimeText: string | undefined;
  const timeElement = signingTimeElement(element);
  if (timeElement) {
    signingTimeText = (timeElement.textContent ?? '').trim().slice(0, 64);
    if (!coversIntact(result, timeElement)) {
      messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNING_TIME_UNSIGNED({ id: signature.id }));
    } else {
      claimedSigningTime = readSigningTime(signingTimeText);
      if (claimedSigningTime) messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNING_TIME({ text: signingTimeText }));
      else messages.push(EINVOICE_MESSAGES.EINVOICE_SIGNING_TIME_INVALID({ value: signingTimeText }));
    }
  }
  const xmlFacts = signature.details?.kind === 'xml' ? signature.details : undefined;
  const { kind: xmlKind, ...facts } = xmlFacts ?? { kind: 'xml' as const };
  void xmlKind;
  const details: EinvoiceSignatureDetails | undefined =
    role && roleElement
      ? {
          ...facts,
          kind: 'einvoice',
          role,
          roleElement,
          ...(signingTimeText !== undefined ? { signingTimeText } : {}),
          ...(claimedSigningTime ? { signingTime: claimedSigningTime.toISOString() } : {}),
          requiredCoverage,
        }
      : undefined;
  return {
    ...signature,
    formatFailure,
    ...(signerUnconfirmed ? { signerUnconfirmed } : {}),
    ...(governmentSigner ? { governmentSigner } : {}),
    ...(signerVouchedBy ? { signerVouchedBy } : {}),
    ...(claimedSigningTime && !signature.integrity.claimedSigningTime ? { claimedSigningTime } : {}),
    ...(details ? { details } : {}),
    messages,
  };
}

/**
 * Applies the e-invoice profile to a message whose signatures XMLDSig has verified. `complete`
 * is false when some Signature elements were left unchecked (a limit): data that no checked
 * signature signs may then be signed by an unchecked one, so it is not called unsigned (the
 * document is INDETERMINATE for the unchecked signatures anyway).
 */
export function applyEinvoiceProfile(xml: SafeXml, results: readonly XmlSignatureVerification[], complete = true): EinvoiceProfile {
  const messages: Message[] = [];
  const root = xml.root;
  const message: EinvoiceMessageKind = isEinvoiceRoot(root) ? (root.localName as EinvoiceMessageKind) : 'container';
  const general = message === 'TDiep' ? child(root, 'TTChung') : undefined;
  const header = fields(general, { messageType: 'MLTDiep', messageId: 'MTDiep', sender: 'MNGui', receiver: 'MNNhan', taxCode: 'MST' });
  const found = collect(root);
  if (found.truncated) messages.push(EINVOICE_MESSAGES.EINVOICE_TOO_MANY_INVOICES({ limit: MAX_INVOICES }));
  const invoices = found.invoices.map((invoice) => invoiceIdentity(invoice, invoice.localName === 'DLHDon' ? invoice : child(invoice, 'DLHDon')));
  const notices = found.notices.map(noticeIdentity);
  messages.push(EINVOICE_MESSAGES.EINVOICE_MESSAGE({ message: message === 'container' ? root.tagName : message, type: header.messageType ? ` (MLTDiep ${header.messageType})` : '' }));
  const details: EinvoiceDocumentDetails = { kind: 'einvoice', message, ...header, ...(invoices[0] ? { invoice: invoices[0] } : {}), invoices, notices };
  // Positions, not ids: two Signature elements may carry one Id, and only the one under this CQT vouches.
  const taxAuthority = (list: Element): number[] => {
    const out: number[] = [];
    results.forEach((result, index) => {
      const place = result.element.parentNode;
      if (place !== null && isElement(place) && place.localName === 'CQT' && place.parentNode === list) out.push(index);
    });
    return out;
  };
  const copies = copiedFrom(results);
  let signatures = results.map((result, index) => profileSignature(result, copies[index], taxAuthority, root.localName === 'DLHDon' ? root : undefined));
  // Invoice and notice identities are reported (and counted by the metrics) from the
  // message as a whole: one that no signature signs, slipped in beside a signed one,
  // would be reported under the signed one's verdict (signature wrapping).
  const unsigned: Message[] = [];
  // A second DLHDon in one invoice is ambiguous too: readers differ on which one counts. A tax
  // authority code (MCCQT) is the tax authority's word only when signed (its signature covers it).
  // In an invoice (HDon), its data (DLHDon) is the seller's word and its code (MCCQT) the tax
  // authority's: each counts as signed only when the signature in that invoice's own DSCKS place
  // for the role signs it. Another company's certificate over DLHDon, placed directly under HDon
  // or in a DSCKS nested elsewhere, or the seller's signature over MCCQT, vouches for nothing.
  // A notice (DLTBao) is vouched for by a signature in the signature list beside it (its
  // holder's DSCKS) in a place whose signer is checked there: the tax authority's (CQT) or the
  // taxpayer's (NNT, held to the notice's tax code). Another place checks nobody.
  type Vouching = { readonly place: 'NBan' | 'CQT' | 'notice'; readonly invoice: Element };
  const data: [Element, string, Vouching | undefined][] = [
    ...found.invoices.flatMap((invoice): [Element, string, Vouching | undefined][] => {
      if (invoice.localName === 'DLHDon') return [[invoice, 'DLHDon', undefined]];
      const codes = childElements(invoice).filter((element) => element.localName === 'MCCQT');
      return [
        ...childElements(invoice)
          .filter((element) => element.localName === 'DLHDon')
          .map((element): [Element, string, Vouching] => [element, 'DLHDon', { place: 'NBan', invoice }]),
        ...codes.map((element): [Element, string, Vouching] => [element, 'MCCQT', { place: 'CQT', invoice }]),
      ];
    }),
    ...found.notices.map((notice): [Element, string, Vouching | undefined] => {
      const holder = notice.parentNode;
      return [notice, 'DLTBao', holder && isElement(holder) ? { place: 'notice', invoice: holder } : undefined];
    }),
  ];
  const placedFor = (result: XmlSignatureVerification, vouching: Vouching): boolean => {
    const place = result.element.parentNode;
    const list = place?.parentNode;
    return (
      place !== null &&
      isElement(place) &&
      (vouching.place === 'notice' ? NOTICE_PLACES.has(place.localName ?? '') : place.localName === vouching.place) &&
      list !== null &&
      list !== undefined &&
      isElement(list) &&
      list.localName === 'DSCKS' &&
      list.parentNode === vouching.invoice
    );
  };
  const counts = new Map<string, number>();
  for (const [element, name, vouching] of data) {
    const index = (counts.get(name) ?? 0) + 1;
    counts.set(name, index);
    if (!complete || results.length === 0) continue;
    if (!results.some((result) => covers(result, element))) {
      unsigned.push(EINVOICE_MESSAGES.EINVOICE_DATA_NOT_SIGNED({ element: name, index: String(index) }));
    } else if (vouching && !results.some((result) => placedFor(result, vouching) && covers(result, element))) {
      if (vouching.place === 'notice') {
        unsigned.push(EINVOICE_MESSAGES.EINVOICE_DATA_NOT_SIGNED_IN_LIST({ element: name, index: String(index) }));
      } else {
        const role = ROLE_TEXT[vouching.place === 'NBan' ? 'seller' : 'tax-authority'];
        unsigned.push(EINVOICE_MESSAGES.EINVOICE_DATA_NOT_SIGNED_BY_ROLE({ element: name, index: String(index), role_vi: role.vi, role_en: role.en, place: vouching.place }));
      }
    }
  }
  if (unsigned.length > 0) {
    messages.push(...unsigned);
    signatures = signatures.map((signature) => ({ ...signature, formatFailure: true, messages: [...signature.messages, ...unsigned] }));
  }
  return { details, signatures, messages };
}
