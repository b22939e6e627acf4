/**
 * X.509 CRL decoding (RFC 5280 §5): the CRL's scope (issuing distribution point,
 * delta indicator, CRL number), its entries (with indirect-CRL certificate issuers,
 * reason codes) and what makes it unusable (unknown critical extensions, malformed
 * known ones).
 */
import {
  booleanValue,
  children,
  DerError,
  integerContentToBigInt,
  isContext,
  isTime,
  isUniversal,
  parseDer,
  sequence,
  serialNumberValue,
  smallInteger,
  time,
  UNIVERSAL,
  type DerDefect,
  type Tlv,
  octetBitString,
  algorithmIdentifier,
  type AlgorithmIdentifier,
} from '../../asn1/der.js';
import { toHex } from '../encoding.js';
import { RememberedDecodings } from './remembered.js';
import {
  decodeAuthorityKeyIdentifier,
  decodeDistributionPointName,
  decodeExtensions,
  decodeReasonFlags,
  OID,
  type DistributionPointName,
} from '../extensions.js';
import { decodeGeneralNamesDer, type GeneralName } from '../general-names.js';
import { decodeName, formatName, type DistinguishedName } from '../names.js';

/** RFC 5280 §5.3.1 CRLReason names, by code. */
export const REASON_NAMES: Readonly<Record<number, string>> = {
  0: 'unspecified',
  1: 'keyCompromise',
  2: 'cACompromise',
  3: 'affiliationChanged',
  4: 'superseded',
  5: 'cessationOfOperation',
  6: 'certificateHold',
  8: 'removeFromCRL',
  9: 'privilegeWithdrawn',
  10: 'aACompromise',
};

/** The ReasonFlags bit (RFC 5280 §4.2.1.13) of a CRLReason code; undefined for codes that are not reasons (0, 8). */
export function reasonFlagBit(code: number): number | undefined {
  if (code >= 1 && code <= 6) return code;
  if (code === 9) return 7;
  if (code === 10) return 8;
  return undefined;
}

/** Every reason a revocation may have, as ReasonFlags bits 1–8. */
export const ALL_REASONS: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8]);

export interface IssuingDistributionPoint {
  readonly name?: DistributionPointName;
  readonly onlyContainsUserCerts: boolean;
  readonly onlyContainsCACerts: boolean;
  readonly onlySomeReasons?: ReadonlySet<number>;
  readonly indirectCRL: boolean;
  readonly onlyContainsAttributeCerts: boolean;
  /** DER of the extension value, to compare a delta's scope with its base. */
  readonly der: Uint8Array;
}

export interface CrlEntry {
  /** The serial number as an integer, in hex (`serialKey`): one number, one key, whatever the encoding; OVER_LONG_SERIAL_KEY past MAX_SERIAL_OCTETS. */
  readonly serialHex: string;
  readonly revocationDate: Date;
  readonly reason?: number;
  readonly invalidityDate?: Date;
  /** The certificate issuer this entry is about (indirect CRLs), as names. */
  readonly certificateIssuer: readonly GeneralName[];
}

export interface ParsedCrl {
  readonly der: Uint8Array;
  readonly sha256: string;
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: AlgorithmIdentifier;
  readonly signatureAlgorithmConsistent: boolean;
  readonly signatureValue: Uint8Array;
  readonly issuer: DistinguishedName;
  readonly issuerText: string;
  readonly thisUpdate: Date;
  readonly nextUpdate?: Date;
  readonly crlNumber?: bigint;
  /** Set on a delta CRL: the BaseCRLNumber. */
  readonly deltaBase?: bigint;
  readonly authorityKeyIdentifier?: string;
  readonly issuingDistributionPoint?: IssuingDistributionPoint;
  /** Entries by serial (lower-case hex of the INTEGER content). */
  readonly entries: ReadonlyMap<string, readonly CrlEntry[]>;
  /** Why the CRL cannot be used at all (unknown critical CRL or entry extension, malformed extension). */
  readonly unusable?: string;
  /** ExpiredCertsOnCRL (X.509 §9.6.2.10): the CRL still lists certificates that expired at or after this time. */
  readonly expiredCertsOnCrl?: Date;
}

/** id-ce-expiredCertsOnCRL. */
const OID_EXPIRED_CERTS_ON_CRL = '2.5.29.60';

export class CrlDecodeError extends Error {
  override readonly name = 'CrlDecodeError';
  constructor(
    message: string,
    readonly defect: DerDefect = 'structure',
  ) {
    super(message);
  }
}

/** The key serial numbers are compared by: the integer, in hex (RFC 5280 serials are integers, not octet strings). */
export function serialKey(serial: bigint): string {
  return serial.toString(16);
}

/**
 * The key of entries whose serial is longer than any certificate kyso decodes may carry
 * (serialNumberValue): not hex, so no certificate's serialKey finds them. The entry is still
 * read in full (dates, reason, a critical extension making the CRL unusable, the
 * certificateIssuer later entries inherit); it only cannot revoke a certificate kyso reads.
 */
const OVER_LONG_SERIAL_KEY = 'over-long';

/** CRL entries decoded at most; a larger CRL is refused (national CRLs hold tens of thousands). */
export const MAX_CRL_ENTRIES = 1_000_000;


function decodeIdp(value: Uint8Array): IssuingDistributionPoint {
  let name: DistributionPointName | undefined;
  let onlySomeReasons: ReadonlySet<number> | undefined;
  const flags = { user: false, ca: false, indirect: false, attribute: false };
  for (const field of sequence(parseDer(value), 'IssuingDistributionPoint')) {
    const boolOf = (): boolean => booleanValue(field);
    if (isContext(field, 0)) name = decodeDistributionPointName(field);
    else if (isContext(field, 1)) flags.user = boolOf();
    else if (isContext(field, 2)) flags.ca = boolOf();
    else if (isContext(field, 3)) onlySomeReasons = decodeReasonFlags(field);
    else if (isContext(field, 4)) flags.indirect = boolOf();
    else if (isContext(field, 5)) flags.attribute = boolOf();
    else throw new DerError('bad IssuingDistributionPoint');
  }
  return {
    ...(name ? { name } : {}),
    ...(onlySomeReasons ? { onlySomeReasons } : {}),
    onlyContainsUserCerts: flags.user,
    onlyContainsCACerts: flags.ca,
    indirectCRL: flags.indirect,
    onlyContainsAttributeCerts: flags.attribute,
    der: value,
  };
}

function entrySerialKey(content: Uint8Array): string {
  const serial = serialNumberValue(content);
  return serial === undefined ? OVER_LONG_SERIAL_KEY : serialKey(serial);
}

function crlNumber(value: Uint8Array): bigint {
  const node = parseDer(value);
  if (!isUniversal(node, UNIVERSAL.INTEGER)) throw new DerError('bad CRL number');
  return integerContentToBigInt(node.content);
}

/**
 * CRLs decoded across documents (remembered.ts). National CRLs run to a few MiB and their
 * decoded entries take several times that: at most 4 MiB of DER is held (two of the
 * largest kept, or many small ones), so a folder run's memory stays well under its peak.
 */
const CRLS = new RememberedDecodings<ParsedCrl>(256, 4 * 1024 * 1024, 2 * 1024 * 1024);

/** Decodes a DER CRL. Throws CrlDecodeError when it is not one. */
export function decodeCrl(der: Uint8Array): Promise<ParsedCrl> {
  return CRLS.decode(der, decodeCrlBytes);
}

function decodeCrlBytes(der: Uint8Array, sha256: string): ParsedCrl {
  try {
    const [tbsNode, sigAlgNode, sigNode, extra] = sequence(parseDer(der), 'CertificateList');
    if (extra !== undefined) throw new DerError('extra fields in CertificateList');
    const tbs = sequence(tbsNode, 'TBSCertList');
    let index = 0;
    let version = 1;
    if (isUniversal(tbs[index], UNIVERSAL.INTEGER)) version = smallInteger(tbs[index++] as Tlv, 10) + 1;
    const tbsSignature = algorithmIdentifier(tbs[index++]);
    const issuer = decodeName(tbs[index++] as Tlv);
    const thisUpdate = time(tbs[index++]);
    let nextUpdate: Date | undefined;
    if (isTime(tbs[index])) nextUpdate = time(tbs[index++]);
    let unusable: string | undefined;

    const entries = new Map<string, CrlEntry[]>();
    let currentIssuer: readonly GeneralName[] = [{ kind: 'directory', name: issuer }];
    if (isUniversal(tbs[index], UNIVERSAL.SEQUENCE)) {
      let count = 0;
      for (const item of children(tbs[index++] as Tlv)) {
        if (++count > MAX_CRL_ENTRIES) throw new DerError(`more than ${MAX_CRL_ENTRIES} entries`);
        const [serialNode, dateNode, extNode] = sequence(item, 'revokedCertificate');
        if (!isUniversal(serialNode, UNIVERSAL.INTEGER)) throw new DerError('bad userCertificate');
        const entry: { serialHex: string; revocationDate: Date; reason?: number; invalidityDate?: Date; certificateIssuer: readonly GeneralName[] } = {
          serialHex: entrySerialKey(serialNode.content),
          revocationDate: time(dateNode),
          certificateIssuer: currentIssuer,
        };
        if (extNode !== undefined) {
          if (version !== 2) throw new DerError('entry extensions in a v1 CRL');
          for (const ext of decodeExtensions(extNode)) {
            if (ext.oid === OID.reasonCode) {
              const reason = parseDer(ext.value);
              if (!isUniversal(reason, UNIVERSAL.ENUMERATED)) throw new DerError('bad reasonCode');
              entry.reason = smallInteger(reason, 255);
            } else if (ext.oid === OID.invalidityDate) {
              entry.invalidityDate = time(parseDer(ext.value));
            } else if (ext.oid === OID.certificateIssuer) {
              currentIssuer = decodeGeneralNamesDer(ext.value);
              entry.certificateIssuer = currentIssuer;
            } else if (ext.critical) {
              unusable ??= `unknown critical CRL entry extension ${ext.oid}`;
            }
          }
        }
        const list = entries.get(entry.serialHex);
        if (list) list.push(entry);
        else entries.set(entry.serialHex, [entry]);
      }
    }

    let number: bigint | undefined;
    let deltaBase: bigint | undefined;
    let aki: string | undefined;
    let idp: IssuingDistributionPoint | undefined;
    let expiredCertsOnCrl: Date | undefined;
    if (isContext(tbs[index], 0)) {
      if (version !== 2) throw new DerError('CRL extensions in a v1 CRL');
      const [extNode] = children(tbs[index++] as Tlv);
      for (const ext of decodeExtensions(extNode as Tlv)) {
        switch (ext.oid) {
          case OID.cRLNumber:
            number = crlNumber(ext.value);
            break;
          case OID.deltaCRLIndicator:
            deltaBase = crlNumber(ext.value);
            break;
          case OID.authorityKeyIdentifier:
            aki = decodeAuthorityKeyIdentifier(ext.value).keyIdentifier;
            break;
          case OID.issuingDistributionPoint:
            idp = decodeIdp(ext.value);
            break;
          case OID_EXPIRED_CERTS_ON_CRL:
            expiredCertsOnCrl = time(parseDer(ext.value));
            break;
          case OID.freshestCRL:
          case OID.authorityInfoAccess:
          case OID.issuerAltName:
            break;
          default:
            if (ext.critical) unusable ??= `unknown critical CRL extension ${ext.oid}`;
        }
      }
    }
    if (index !== tbs.length) throw new DerError('unexpected field in TBSCertList');
    const signatureAlgorithm = algorithmIdentifier(sigAlgNode);
    if (sigNode === undefined || !isUniversal(sigNode, UNIVERSAL.BIT_STRING)) throw new DerError('bad signatureValue');
    const signatureValue = octetBitString(sigNode, 'signatureValue');
    return {
      der,
      sha256,
      tbs: (tbsNode as Tlv).der,
      signatureAlgorithm,
      signatureAlgorithmConsistent: toHex(tbsSignature.der) === toHex(signatureAlgorithm.der),
      signatureValue,
      issuer,
      issuerText: formatName(issuer),
      thisUpdate,
      ...(nextUpdate ? { nextUpdate } : {}),
      ...(number !== undefined ? { crlNumber: number } : {}),
      ...(deltaBase !== undefined ? { deltaBase } : {}),
      ...(aki !== undefined ? { authorityKeyIdentifier: aki } : {}),
      ...(idp ? { issuingDistributionPoint: idp } : {}),
      entries,
      ...(unusable ? { unusable } : {}),
      ...(expiredCertsOnCrl ? { expiredCertsOnCrl } : {}),
    };
  } catch (error) {
    if (error instanceof DerError) throw new CrlDecodeError(`not a valid CRL: ${error.message}`, error.defect);
    throw error;
  }
}
