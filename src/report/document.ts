/**
 * Document-level roll-up: the worst signature indication, and the Decree 30/2020
 * Art. 5 roles (a valid person signature and a valid organisation signature, the
 * organisation's later — Art. 32).
 */
import type { DocumentIndication } from './indications.js';
import { worseIndication } from './indications.js';
import type { RolesReport, SignatureReport } from './types.js';

export function rollUpIndication(indications: readonly DocumentIndication[]): DocumentIndication {
  if (indications.length === 0) return 'NO_SIGNATURE';
  return indications.reduce<DocumentIndication>((worst, next) => worseIndication(worst, next), 'TOTAL_PASSED');
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
