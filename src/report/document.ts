/**
 * Document-level roll-up: the worst signature indication, and the Decree 30/2020
 * Art. 5 roles (a valid person signature and a valid organisation signature, the
 * organisation's later — Art. 32).
 */
import type { DocumentIndication, SubIndication } from './indications.js';
import { worseIndication } from './indications.js';
import type { RolesReport, SignatureReport } from './types.js';

export interface Judged {
  readonly indication: DocumentIndication;
  readonly subIndication?: SubIndication;
}

/** The worst verdict, with the sub-indication of the first item that has it; nothing judged → NO_SIGNATURE. */
export function rollUp(items: readonly Judged[]): Judged {
  if (items.length === 0) return { indication: 'NO_SIGNATURE' };
  const indication = items.reduce<DocumentIndication>((worst, next) => worseIndication(worst, next.indication), 'TOTAL_PASSED');
  const first = items.find((item) => item.indication === indication && item.subIndication !== undefined);
  return first?.subIndication ? { indication, subIndication: first.subIndication } : { indication };
}

/** Signatures in document order (PDF revision order); the organisation's must come after a person's. */
export function decree30Roles(signatures: readonly SignatureReport[]): RolesReport {
  // One loop, no map/filter chain (V8's optimised `map` returns another elements kind than
  // the unoptimised one, which threw this function's and its callers' compiled code away).
  // An organisation's signature completes the pair when a person's came before it.
  let person = false;
  let organization = false;
  let complete = false;
  for (const s of signatures) {
    if (s.indication !== 'TOTAL_PASSED' || s.format === 'document-timestamp') continue;
    const role = s.signer?.role;
    if (role === 'person') person = true;
    else if (role === 'organization') {
      organization = true;
      if (person) complete = true;
    }
  }
  return { person, organization, complete };
}
