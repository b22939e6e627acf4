/**
 * Whether a signature's certificate is the party its DSCKS role names. Where a signature
 * sits (`DSCKS/NBan`, `NMua`, `CQT`) is only a claim: anyone can move or copy a Signature
 * element there. The certificate says who signed:
 * - the seller (buyer) is the one whose tax code is `NBan/MST` (`NMua/MST`) in the signed
 *   DLHDon. Decree 123/2020 Art. 10: an organisation signs with its own certificate, an
 *   individual with theirs. Tax codes appear as `MST:0101234567` in UID, bare in UID or
 *   serialNumber, or with an ETSI EN 319 412-1 prefix in organizationIdentifier
 *   (`VATVN-0101234567`); a branch writes its own code with a suffix (`0101234567-001`)
 *   and may sign with the enterprise's certificate (one legal person), so the ten-digit base is
 *   compared. An individual's tax code may be their citizen ID number (CCCD) since 2025.
 * - the tax authority is the Ministry of Finance's tax administration: real certificates read
 *   `CN=CỤC THUẾ, O=BỘ TÀI CHÍNH` (no UID), issued by "CA phục vụ các cơ quan Nhà nước G2".
 *   A name is only as good as the CA that vouches for it: here the name is only what can be
 *   read from the certificate; the role is confirmed when its validated path ends at a
 *   Government PKI root kyso bundles (ParsedSignature.governmentSigner,
 *   validation/signer-confirmation.ts), since any CA can write that name.
 * - in the seller's place, the authorised issuer the signed invoice names (ủy nhiệm lập hóa đơn,
 *   Circular 78/2021 Art. 3: a seller may authorise a third party to issue its invoices; the
 *   invoice then shows the issuer's tax code, name and address, `TTChung/MSTDVNUNLHDon`,
 *   `TDVNUNLHDon`, `DCDVNUNLHDon` in the tax authority's format, and the issuer signs with its own
 *   certificate). Whether the seller did authorise it the certificate cannot say: `delegated`.
 *   The buyer is never the seller's issuer here: a certificate with the buyer's tax code in the
 *   seller's place is proved misplaced, whatever the invoice names.
 * The outcome is `confirmed`, `delegated` (the named authorised issuer), `contradicted` (the
 * certificate names another party: proved wrong) or `unknown` (the certificate names no party
 * kyso can compare, e.g. a personal certificate with no tax code for a company's invoice).
 */
import { describeCertificate } from '../../pki/describe.js';
import type { CertificateInfo } from '../../report/types.js';
import type { EinvoiceRole } from './types.js';

export type RoleIdentity =
  | { readonly status: 'confirmed' }
  | { readonly status: 'delegated' | 'contradicted' | 'unknown'; readonly found: string };

/** What else the signed invoice says about the parties, for a seller's signature. */
export interface OtherParties {
  /** NMua/MST: the buyer's tax code. */
  readonly buyer?: readonly string[];
  /** TTChung/MSTDVNUNLHDon, only when the signature signs it: the authorised issuer's tax code. */
  readonly issuer?: string;
}

/** A tax code's enterprise part: ten digits, or twelve for an individual's citizen ID number used as tax code. */
const TAX_CODE = /^(\d{10}|\d{12})(?:-\d{3})?$/;

/** organizationIdentifier prefixes (ETSI EN 319 412-1 §5.1.4) a Vietnamese tax code may carry. */
const SEMANTIC_PREFIX = /^(?:VAT|NTR|TIN)VN-/i;

function normalise(value: string): string {
  return value.replace(/\s+/g, '').replace(SEMANTIC_PREFIX, '');
}

/** The enterprise part of a tax code as written, or undefined when it is not one. */
export function taxCodeBase(value: string): string | undefined {
  return TAX_CODE.exec(normalise(value))?.[1];
}

function upper(value: string | undefined): string {
  return (value ?? '').normalize('NFC').toLocaleUpperCase('vi');
}

/** Tax codes the certificate names: MST identifiers, and bare or prefixed tax-code-shaped values. */
function certificateTaxCodes(info: CertificateInfo): string[] {
  const out: string[] = [];
  for (const id of info.identifiers) {
    if (id.type !== 'MST' && id.type !== 'OTHER') continue;
    const base = taxCodeBase(id.value);
    if (base) out.push(base);
  }
  return out;
}

/** Personal ID numbers (CCCD, CMND, passport) the certificate names. */
function personalIds(info: CertificateInfo): string[] {
  return info.identifiers.filter((id) => id.type === 'CCCD' || id.type === 'CMND' || id.type === 'HC').map((id) => normalise(id.value));
}

function describeFound(info: CertificateInfo): string {
  const ids = info.identifiers.map((id) => (id.type === 'OTHER' ? id.value : `${id.type}:${id.value}`));
  return ids.length > 0 ? ids.join(', ') : info.commonName ?? info.subject;
}

/** The Ministry of Finance's tax administration: O names the ministry, and CN, OU or O the tax office. */
export function isTaxAuthorityCertificate(info: CertificateInfo): boolean {
  const organization = upper(info.organization);
  if (!organization.includes('BỘ TÀI CHÍNH')) return false;
  return [info.commonName, info.organizationalUnit, info.organization].some((name) => upper(name).includes('THUẾ'));
}

/**
 * Whether `certificate` is the `role`'s: `expected` holds the tax codes (and personal IDs) the
 * signed data gives that party (seller or buyer); unused for the tax authority.
 */
export function roleIdentity(role: EinvoiceRole, certificate: Uint8Array | undefined, expected: readonly string[], others: OtherParties = {}): RoleIdentity | undefined {
  if (role === 'other') return undefined;
  if (!certificate) return undefined; // no certificate: the signature itself is INDETERMINATE already
  let info: CertificateInfo;
  try {
    info = describeCertificate(certificate);
  } catch {
    return undefined; // an unreadable certificate fails path validation on its own
  }
  const found = describeFound(info);
  const taxCodes = certificateTaxCodes(info);
  if (role === 'tax-authority') {
    if (isTaxAuthorityCertificate(info)) return { status: 'confirmed' };
    // A certificate that names a person or another organisation is proved not the tax authority's.
    return { status: taxCodes.length > 0 || personalIds(info).length > 0 ? 'contradicted' : 'unknown', found };
  }
  const wanted = new Set(expected.map((value) => taxCodeBase(value) ?? normalise(value)));
  if (wanted.size === 0) return { status: 'unknown', found };
  if (taxCodes.some((code) => wanted.has(code)) || personalIds(info).some((id) => wanted.has(id))) return { status: 'confirmed' };
  const issuer = role === 'seller' && others.issuer !== undefined ? taxCodeBase(others.issuer) : undefined;
  if (issuer !== undefined && taxCodes.includes(issuer)) {
    const buyer = new Set((others.buyer ?? []).map((value) => taxCodeBase(value) ?? normalise(value)));
    if (!taxCodes.some((code) => buyer.has(code))) return { status: 'delegated', found };
  }
  // Another tax code is another party; a personal certificate for a tax code it does not carry cannot be told apart
  // from an authorised employee's (người được ủy quyền) without data kyso does not have.
  return { status: taxCodes.length > 0 ? 'contradicted' : 'unknown', found };
}
