/**
 * X.501 distinguished names: decoding, RFC 5280 §7.1 comparison and RFC 4514 display.
 *
 * Comparison follows RFC 5280 §7.1 / RFC 4518 in the form that matters for the
 * Vietnamese root generations (G1 PrintableString ASCII names, G2 UTF8String names
 * with diacritics) and PKITS §4.3: string values are compared after Unicode NFKC,
 * case folding and whitespace collapsing, regardless of the ASN.1 string type; values
 * that are not strings are compared as their DER bytes; a multi-valued RDN is compared
 * as a set. RDN order matters.
 *
 * Not done: the full RFC 4518 prohibit/bidi steps (a name carrying prohibited
 * characters is still compared, just without those checks).
 */
import { children, DerError, encodeTlv, isUniversal, oid, parseDer, sequence, TagClass, UNIVERSAL, type Tlv } from '../asn1/der.js';
import { toHex } from './encoding.js';

export interface AttributeValue {
  /** Dotted OID of the attribute type. */
  readonly type: string;
  /** Decoded text when the value is a string type, else undefined. */
  readonly text?: string;
  /** DER of the whole value (tag, length, content). */
  readonly der: Uint8Array;
  /** Comparison key (RFC 5280 §7.1). */
  readonly key: string;
}

export type RelativeName = readonly AttributeValue[];

export interface DistinguishedName {
  readonly rdns: readonly RelativeName[];
  /** Comparison keys, one per RDN (set of AVA keys, sorted). */
  readonly rdnKeys: readonly string[];
  /** Comparison key of the whole name. */
  readonly key: string;
}

const OID_EMAIL = '1.2.840.113549.1.9.1';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  [OID_EMAIL]: 'emailAddress',
};

const UTF8 = new TextDecoder('utf-8', { fatal: true });

const UNIVERSAL_STRING_TAGS = new Set([12, 18, 19, 20, 22, 26, 27, 28, 30]);

function decodeString(tag: number, content: Uint8Array): string | undefined {
  switch (tag) {
    case 12:
      // Names are compared on their decoded text: bytes that are not UTF-8 have no text, and
      // turning them into U+FFFD would let two different names compare equal.
      try {
        return UTF8.decode(content);
      } catch {
        throw new DerError('invalid UTF-8 in a UTF8String', 'string-encoding');
      }
    case 30: {
      if (content.length % 2 !== 0) throw new DerError('BMPString of odd length', 'string-encoding');
      let s = '';
      for (let i = 0; i + 1 < content.length; i += 2) s += String.fromCharCode(((content[i] ?? 0) << 8) | (content[i + 1] ?? 0));
      return s;
    }
    case 28: {
      if (content.length % 4 !== 0) throw new DerError('UniversalString length not a multiple of 4', 'string-encoding');
      let s = '';
      for (let i = 0; i + 3 < content.length; i += 4) {
        const cp = (((content[i] ?? 0) << 24) | ((content[i + 1] ?? 0) << 16) | ((content[i + 2] ?? 0) << 8) | (content[i + 3] ?? 0)) >>> 0;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new DerError('UniversalString with an invalid code point', 'string-encoding');
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      if (!UNIVERSAL_STRING_TAGS.has(tag)) return undefined;
      // PrintableString, IA5String, VisibleString, NumericString, GeneralString,
      // TeletexString: treated as Latin-1, which is exact for the ASCII they carry.
      // Not String.fromCharCode.apply: a value can be as long as the certificate (unbounded
      // above the cache's size), and an argument list that long overflows the stack.
      return Array.from(content, (b) => String.fromCharCode(b)).join('');
  }
}

/**
 * RFC 4518 §2.2 Map: control and format characters, soft hyphens, variation selectors and
 * U+FFFC are mapped to nothing (the controls that break lines, to a space, below). Kept, an
 * invisible character (a zero-width space in "Bộ Tài chính") made a name that reads the
 * same not equal, and so outside an excluded subtree.
 */
const MAPPED_TO_NOTHING = /(?![\t\n\v\f\r\u0085])[\p{Cc}\p{Cf}\u1806\u034f\u180b-\u180d\ufe00-\ufe0f\ufffc]/gu;

/** RFC 4518-style preparation: map (§2.2), NFKC, case fold, collapse and trim whitespace. */
export function prepareString(text: string): string {
  return text.replace(MAPPED_TO_NOTHING, '').replace(/\u0085/gu, ' ').normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

function attributeValue(type: string, value: Tlv): AttributeValue {
  const text = value.cls === TagClass.Universal && !value.constructed ? decodeString(value.tag, value.content) : undefined;
  const key = `${type}=${text !== undefined ? 's:' + prepareString(text) : 'b:' + toHex(value.der)}`;
  return text !== undefined ? { type, text, der: value.der, key } : { type, der: value.der, key };
}

/** Decodes a Name (SEQUENCE OF RDN); throws DerError on a structure that is not a Name. */
export function decodeName(name: Tlv): DistinguishedName {
  const rdns: RelativeName[] = [];
  for (const set of sequence(name, 'Name')) {
    if (!isUniversal(set, UNIVERSAL.SET)) throw new DerError('RDN is not a SET');
    const avas: AttributeValue[] = [];
    for (const ava of children(set)) {
      const [typeNode, valueNode, extra] = sequence(ava, 'AttributeTypeAndValue');
      if (valueNode === undefined || extra !== undefined) throw new DerError('bad AttributeTypeAndValue');
      avas.push(attributeValue(oid(typeNode, 'attribute type'), valueNode));
    }
    if (avas.length === 0) throw new DerError('empty RDN');
    rdns.push(avas);
  }
  const rdnKeys = rdns.map((rdn) => JSON.stringify(rdn.map((a) => a.key).sort()));
  return { rdns, rdnKeys, key: JSON.stringify(rdnKeys) };
}

/**
 * Names decoded from DER, by their exact bytes: a CMS SignerInfo names its issuer in every
 * document signed under that CA, and preparing the strings for comparison (NFKC, case
 * folding) is the costly part. A pure function of the bytes, decoded from a copy; failures
 * are not kept.
 */
const NAMES = new Map<string, DistinguishedName>();
const MAX_NAMES = 4096;
const MAX_CACHED_NAME_BYTES = 1024;

export function decodeNameDer(der: Uint8Array): DistinguishedName {
  if (der.length > MAX_CACHED_NAME_BYTES) return decodeName(parseDer(der));
  const key = String.fromCharCode.apply(null, der as unknown as number[]);
  let name = NAMES.get(key);
  if (!name) {
    name = decodeName(parseDer(der.slice()));
    if (NAMES.size >= MAX_NAMES) NAMES.clear();
    NAMES.set(key, name);
  }
  return name;
}

/** `base` with one more RDN (the SET content of a nameRelativeToCRLIssuer) appended (RFC 5280 §5.2.5). */
export function appendRdn(base: DistinguishedName, rdnSetContent: Uint8Array): DistinguishedName {
  const extra = decodeName(parseDer(encodeTlv(0x30, encodeTlv(0x31, rdnSetContent))));
  const rdns = [...base.rdns, ...extra.rdns];
  const rdnKeys = [...base.rdnKeys, ...extra.rdnKeys];
  return { rdns, rdnKeys, key: JSON.stringify(rdnKeys) };
}

export function namesEqual(a: DistinguishedName, b: DistinguishedName): boolean {
  return a.key === b.key;
}

/** RFC 5280 §4.2.1.10 directoryName constraint: `base` is a prefix of `name` (RDN by RDN). */
export function nameWithinSubtree(name: DistinguishedName, base: DistinguishedName): boolean {
  if (base.rdnKeys.length > name.rdnKeys.length) return false;
  return base.rdnKeys.every((key, i) => name.rdnKeys[i] === key);
}

export function isEmptyName(name: DistinguishedName): boolean {
  return name.rdns.length === 0;
}

/** emailAddress attributes of the name (for rfc822Name constraints without a SAN). */
export function emailAddresses(name: DistinguishedName): string[] {
  return name.rdns.flatMap((rdn) => rdn.filter((a) => a.type === OID_EMAIL && a.text !== undefined).map((a) => a.text as string));
}

/**
 * Characters that would let a hostile name forge, reorder or hide report text: controls (line
 * breaks, terminal escapes, NUL), format characters (bidirectional overrides, zero-width
 * ones) and the line and paragraph separators.
 */
const UNSAFE_FOR_DISPLAY = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const UTF8_ENCODER = new TextEncoder();

/**
 * `text` with each character of UNSAFE_FOR_DISPLAY written as RFC 4514 escapes its UTF-8
 * octets (`\0a`, `\e2\80\ae`). For what reports show; comparisons use the names' keys.
 */
export function displayText(text: string): string {
  return text.replace(UNSAFE_FOR_DISPLAY, (c) => Array.from(UTF8_ENCODER.encode(c), (b) => '\\' + b.toString(16).padStart(2, '0')).join(''));
}

function escapeValue(text: string): string {
  let out = text.replace(/[\\,+"<>;=]/g, (c) => '\\' + c);
  if (out.startsWith('#') || out.startsWith(' ')) out = '\\' + out;
  if (out.endsWith(' ') && out.length > 1) out = out.slice(0, -1) + '\\ ';
  return displayText(out);
}

/** RFC 4514 string, most specific RDN first (as in the report's `subject`). */
export function formatName(name: DistinguishedName): string {
  return [...name.rdns]
    .reverse()
    .map((rdn) =>
      rdn
        .map((a) => {
          const label = SHORT_NAMES[a.type] ?? a.type;
          const value = a.text !== undefined ? escapeValue(a.text) : '#' + toHex(a.der);
          return `${label}=${value}`;
        })
        .join('+'),
    )
    .join(',');
}

/**
 * The first value of an attribute (e.g. CN = 2.5.4.3), searching most specific first, as
 * reports show it (displayText: a CN with a line break drew a second signature line).
 */
export function attributeText(name: DistinguishedName, type: string): string | undefined {
  for (let i = name.rdns.length - 1; i >= 0; i--) {
    const hit = name.rdns[i]?.find((a) => a.type === type && a.text !== undefined);
    if (hit) return displayText(hit.text as string);
  }
  return undefined;
}
