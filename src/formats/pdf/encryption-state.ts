/**
 * What each revision's trailer says its objects are encrypted with. A viewer decrypts every
 * object with the key the last trailer gives (ISO 32000-2, 7.6.1), kyso too; a signer saw
 * its revision decrypted with that revision's key. An update that changes the key (another
 * /Encrypt dictionary, the same object number redefined, another first /ID string, which
 * revisions 2 to 4 make the key from) or the crypt filters makes every object written
 * before decrypt to something other than what was signed, without rewriting any of them.
 */
import type { ObjectStore } from './objects.js';
import type { PdfValue } from './syntax.js';
import { bytesEqual } from '../../io/hash.js';
import { dictGet, integerOf, valuesEqual } from './syntax.js';

export interface EncryptionState {
  /** The /Encrypt dictionary the revision's trailer names (resolved in that revision); null: unreadable. */
  readonly dict: PdfValue | null;
  /** The first /ID string, when the key is made from it (revisions 2 to 4 of the standard handler, or a revision not known). */
  readonly firstId: Uint8Array | undefined;
}

/** The encryption revision `revision` is read with; undefined: not encrypted. */
export async function encryptionOf(store: ObjectStore, revision: number): Promise<EncryptionState | undefined> {
  const trailer = store.revisions[revision - 1]!.trailer;
  const encrypt = trailer.entries.get('Encrypt');
  if (encrypt === undefined) return undefined;
  const dict = encrypt.kind === 'ref' ? ((await store.resolve(encrypt.num, revision).catch(() => null))?.value ?? null) : encrypt;
  const r = dict ? integerOf(dictGet(dict, 'R')) : undefined;
  const ids = trailer.entries.get('ID');
  const first = ids?.kind === 'array' && ids.items[0]?.kind === 'string' ? ids.items[0].bytes : undefined;
  return { dict, firstId: r !== undefined && r >= 5 ? undefined : first };
}

export function sameEncryption(a: EncryptionState | undefined, b: EncryptionState | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.dict === null || b.dict === null || !valuesEqual(a.dict, b.dict)) return false;
  if (a.firstId === undefined || b.firstId === undefined) return a.firstId === b.firstId;
  return bytesEqual(a.firstId, b.firstId);
}
