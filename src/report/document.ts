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
  const passed = signatures.map((s, index) => ({ s, index })).filter(({ s }) => s.indication === 'TOTAL_PASSED' && s.format !== 'document-timestamp');
  const persons = passed.filter(({ s }) => s.signer?.role === 'person').map(({ index }) => index);
  const organizations = passed.filter(({ s }) => s.signer?.role === 'organization').map(({ index }) => index);
  const firstPerson = persons.length > 0 ? Math.min(...persons) : undefined;
  return {
    person: persons.length > 0,
    organization: organizations.length > 0,
    complete: firstPerson !== undefined && organizations.some((index) => index > firstPerson),
  };
}
