/**
 * The document security store (ISO 32000-2 §12.8.4.3, ETSI EN 319 142-1 §5.4.2):
 * certificates, CRLs and OCSP responses kept for long-term validation, globally
 * (/Certs, /CRLs, /OCSPs) and per signature (/VRI). They are sources for path
 * validation, not proof of anything by themselves. Each entry is bounded by the CMS
 * size limit (maxCmsBytes: a CRL larger than that is refused, not inflated), and the
 * entries together by maxInflatedBytes (as is everything the document inflates).
 */
import type { Message } from '../../report/messages.js';
import { PDF_MESSAGES } from './messages.js';
import type { ObjectStore } from './objects.js';
import type { RevisionModel } from './document.js';
import { messageOf, safeDeref } from './document.js';
import type { PdfValue } from './syntax.js';

const KIND_ENTRY = { cert: '/Certs', crl: '/CRLs', ocsp: '/OCSPs' } as const;

export interface DssContent {
  readonly certificates: readonly Uint8Array[];
  readonly crls: readonly Uint8Array[];
  readonly ocspResponses: readonly Uint8Array[];
  readonly vriEntries: number;
  readonly messages: readonly Message[];
}

/**
 * Entries of each kind (certificates, CRLs, OCSP responses, /VRI's included) read at most.
 * A real store holds a chain or a few per signature; every certificate kept is a candidate
 * in every signature's path validation, so 32,000 junk entries made a 50-signature document
 * cost 8 s. The first ones are kept and one message says the rest were left out: a path that
 * needed one of them is then not found (INDETERMINATE), never wrongly built.
 */
export const MAX_DSS_ENTRIES = 1000;

export async function readDss(store: ObjectStore, model: RevisionModel, maxEntryBytes: number): Promise<DssContent | undefined> {
  const dss = model.dss;
  if (!dss) return undefined;
  const messages: Message[] = [];
  const seen = new Map<number, 'cert' | 'crl' | 'ocsp'>();
  const out = { cert: [] as Uint8Array[], crl: [] as Uint8Array[], ocsp: [] as Uint8Array[] };
  let total = 0;
  let exhausted = false;
  const maxTotal = store.options.maxInflatedBytes;
  const considered = { cert: 0, crl: 0, ocsp: 0 };
  const capped = { cert: false, crl: false, ocsp: false };
  const collect = async (list: PdfValue | undefined, kind: 'cert' | 'crl' | 'ocsp', entry: string): Promise<void> => {
    if (exhausted || capped[kind]) return;
    const array = await safeDeref(store, list, model.revision, messages);
    if (array === undefined || exhausted) return;
    if (array.kind !== 'array') {
      messages.push(PDF_MESSAGES.PDF_DSS_ENTRY_UNREADABLE({ entry, detail: 'not an array' }));
      return;
    }
    for (const item of array.items) {
      if (item.kind !== 'ref') {
        messages.push(PDF_MESSAGES.PDF_DSS_ENTRY_UNREADABLE({ entry, detail: 'an entry is not a stream reference' }));
        continue;
      }
      if (seen.has(item.num)) continue;
      if (considered[kind]++ === MAX_DSS_ENTRIES) {
        capped[kind] = true;
        messages.push(PDF_MESSAGES.PDF_DSS_ENTRIES_LIMIT({ entry: KIND_ENTRY[kind], limit: MAX_DSS_ENTRIES }));
        return;
      }
      seen.set(item.num, kind);
      // Each entry is a certificate, CRL or OCSP response: no larger than a CMS may be.
      const limit = Math.min(maxEntryBytes, maxTotal - total);
      let object;
      try {
        object = await store.resolve(item.num, model.revision);
      } catch (error) {
        messages.push(messageOf(error));
        continue;
      }
      if (!object?.stream) {
        messages.push(PDF_MESSAGES.PDF_DSS_ENTRY_UNREADABLE({ entry, detail: `${item.num} 0 R is not a stream` }));
        continue;
      }
      try {
        const bytes = await store.decoded(object, limit);
        total += bytes.length;
        out[kind].push(bytes);
      } catch (error) {
        const message = messageOf(error);
        const overTotal = message.code === 'PDF_INFLATE_TOTAL_LIMIT' || message.code === 'PDF_INFLATE_NESTED_TOTAL_LIMIT' || message.code === 'PDF_INFLATE_WORK_LIMIT';
        const byTotal = overTotal || (message.code === 'PDF_INFLATE_LIMIT' && limit < maxEntryBytes);
        if (byTotal) {
          messages.push(overTotal ? message : PDF_MESSAGES.PDF_INFLATE_TOTAL_LIMIT({ object: `${item.num} 0 R`, limit: maxTotal }));
          exhausted = true;
          return;
        }
        messages.push(message.code === 'PDF_INFLATE_LIMIT' ? PDF_MESSAGES.PDF_DSS_ENTRY_TOO_LARGE({ entry, object: `${item.num} 0 R`, limit }) : message);
      }
    }
  };
  await collect(dss.entries.get('Certs'), 'cert', '/Certs');
  await collect(dss.entries.get('CRLs'), 'crl', '/CRLs');
  await collect(dss.entries.get('OCSPs'), 'ocsp', '/OCSPs');
  const vri = await safeDeref(store, dss.entries.get('VRI'), model.revision, messages);
  let vriEntries = 0;
  if (vri?.kind === 'dict') {
    for (const value of vri.entries.values()) {
      if (exhausted || (capped.cert && capped.crl && capped.ocsp)) break;
      const entry = await safeDeref(store, value, model.revision, messages);
      if (entry?.kind !== 'dict') continue;
      vriEntries++;
      await collect(entry.entries.get('Cert'), 'cert', '/VRI /Cert');
      await collect(entry.entries.get('CRL'), 'crl', '/VRI /CRL');
      await collect(entry.entries.get('OCSP'), 'ocsp', '/VRI /OCSP');
    }
  }
  messages.push(PDF_MESSAGES.PDF_DSS_FOUND({ certificates: out.cert.length, crls: out.crl.length, ocsps: out.ocsp.length }));
  return { certificates: out.cert, crls: out.crl, ocspResponses: out.ocsp, vriEntries, messages };
}
