/** RFC 5280 GeneralName decoding (§4.2.1.6). */
import { children, DerError, ia5, parseDer, TagClass, type Tlv } from '../asn1/der.js';
import { decodeName, type DistinguishedName } from './names.js';

export type GeneralName =
  | { readonly kind: 'rfc822'; readonly value: string }
  | { readonly kind: 'dns'; readonly value: string }
  | { readonly kind: 'uri'; readonly value: string }
  | { readonly kind: 'directory'; readonly name: DistinguishedName }
  | { readonly kind: 'ip'; readonly bytes: Uint8Array }
  | { readonly kind: 'other'; readonly tag: number; readonly der: Uint8Array };

export function decodeGeneralName(tlv: Tlv): GeneralName {
  if (tlv.cls !== TagClass.Context) throw new DerError('GeneralName is not context-tagged');
  switch (tlv.tag) {
    case 1:
      return { kind: 'rfc822', value: ia5(tlv) };
    case 2:
      return { kind: 'dns', value: ia5(tlv) };
    case 6:
      return { kind: 'uri', value: ia5(tlv) };
    case 4: {
      const [inner, extra] = children(tlv);
      if (inner === undefined || extra !== undefined) throw new DerError('bad directoryName');
      return { kind: 'directory', name: decodeName(inner) };
    }
    case 7:
      if (tlv.constructed) throw new DerError('bad iPAddress');
      return { kind: 'ip', bytes: tlv.content };
    default:
      return { kind: 'other', tag: tlv.tag, der: tlv.der };
  }
}

/** GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName, given the (possibly implicitly tagged) constructed value. */
export function decodeGeneralNames(tlv: Tlv): GeneralName[] {
  const names = children(tlv).map(decodeGeneralName);
  if (names.length === 0) throw new DerError('empty GeneralNames');
  return names;
}

export function decodeGeneralNamesDer(der: Uint8Array): GeneralName[] {
  return decodeGeneralNames(parseDer(der));
}


export function describeGeneralName(name: GeneralName): string {
  switch (name.kind) {
    case 'rfc822':
      return `email:${name.value}`;
    case 'dns':
      return `DNS:${name.value}`;
    case 'uri':
      return `URI:${name.value}`;
    case 'ip':
      return `IP:${Array.from(name.bytes).join('.')}`;
    case 'directory':
      return 'DirName';
    default:
      return `other[${name.tag}]`;
  }
}

/** Equality key for matching distribution point names and CRL issuers. */
export function generalNameKey(name: GeneralName): string {
  switch (name.kind) {
    case 'directory':
      return `dir:${name.name.key}`;
    case 'dns':
      return `dns:${name.value.toLowerCase()}`;
    case 'rfc822':
    case 'uri':
      return `${name.kind}:${name.value}`;
    case 'ip':
      return `ip:${Array.from(name.bytes).join('.')}`;
    default:
      return `other:${Array.from(name.der).join(',')}`;
  }
}
