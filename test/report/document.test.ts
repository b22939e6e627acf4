/**
 * Decree 30/2020 roles of a document, from its signatures in document order: a passing
 * person's signature, a passing organisation's signature, and the pair complete only
 * when the organisation signed after a person. Document timestamps are nobody's signature.
 */
import { describe, expect, it } from 'vitest';
import { decree30Roles } from '../../src/report/document.js';
import type { SignatureReport } from '../../src/report/types.js';

type Sig = Pick<SignatureReport, 'indication' | 'format'> & { signer?: { role?: string } };

const person = (indication: SignatureReport['indication'] = 'TOTAL_PASSED'): Sig => ({ indication, format: 'pdf-pkcs7', signer: { role: 'person' } });
const organization = (indication: SignatureReport['indication'] = 'TOTAL_PASSED'): Sig => ({ indication, format: 'pdf-pkcs7', signer: { role: 'organization' } });
const timestampOf = (role: string): Sig => ({ indication: 'TOTAL_PASSED', format: 'document-timestamp', signer: { role } });
const unknownSigner: Sig = { indication: 'TOTAL_PASSED', format: 'pdf-pkcs7' };

const roles = (...signatures: Sig[]) => decree30Roles(signatures as unknown as SignatureReport[]);

describe('decree30Roles', () => {
  it.each([
    ['no signature', [], { person: false, organization: false, complete: false }],
    ['a person alone', [person()], { person: true, organization: false, complete: false }],
    ['an organisation alone', [organization()], { person: false, organization: true, complete: false }],
    ['a person, then the organisation: complete', [person(), organization()], { person: true, organization: true, complete: true }],
    ['the organisation before the person is not complete', [organization(), person()], { person: true, organization: true, complete: false }],
    ['an organisation before and another after a person completes', [organization(), person(), organization()], { person: true, organization: true, complete: true }],
    ['a failed person signature does not count', [person('TOTAL_FAILED'), organization()], { person: false, organization: true, complete: false }],
    ['an indeterminate organisation signature does not count', [person(), organization('INDETERMINATE')], { person: true, organization: false, complete: false }],
    ['a later passing person counts from where it stands', [person('TOTAL_FAILED'), organization(), person(), organization()], { person: true, organization: true, complete: true }],
    ['document timestamps are nobody', [timestampOf('person'), organization()], { person: false, organization: true, complete: false }],
    ['a signer without a role is neither', [unknownSigner, organization()], { person: false, organization: true, complete: false }],
  ] as const)('%s', (_name, signatures, expected) => {
    expect(roles(...signatures)).toStrictEqual(expected);
  });
});
