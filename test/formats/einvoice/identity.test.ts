/** Whether an e-invoice role's certificate is that party's (src/formats/einvoice/identity.ts). */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { roleIdentity, taxCodeBase } from '../../../src/formats/einvoice/identity.js';
import { SAMPLES } from '../../helpers.js';

const der = (name: string) => new Uint8Array(new X509Certificate(readFileSync(`${SAMPLES}ca/${name}.pem`)).raw);

describe('tax codes as written', () => {
  it.each([
    ['0101234567', '0101234567'],
    ['0101234567-001', '0101234567'],
    [' 0101234567 ', '0101234567'],
    ['VATVN-0101234567', '0101234567'],
    ['001090012345', '001090012345'],
    ['MST:0101234567', undefined],
    ['010123456', undefined],
    ['0101234567-01', undefined],
  ])('%s → %s', (value, base) => {
    expect(taxCodeBase(value)).toBe(base);
  });
});

describe('role identity from the certificate', () => {
  it('the seller: the certificate’s MST against NBan/MST (a branch’s suffix is the same enterprise)', () => {
    expect(roleIdentity('seller', der('organization'), ['0101234567'])).toEqual({ status: 'confirmed' });
    expect(roleIdentity('seller', der('organization'), ['0101234567-002'])).toEqual({ status: 'confirmed' });
    expect(roleIdentity('seller', der('organization'), ['0309888888'])).toEqual({ status: 'contradicted', found: 'MST:0101234567' });
    expect(roleIdentity('seller', der('organization'), [])).toEqual({ status: 'unknown', found: 'MST:0101234567' });
  });

  it('in the seller’s place, the authorised issuer the invoice names (MSTDVNUNLHDon) is delegated, never the buyer', () => {
    expect(roleIdentity('seller', der('issuer'), ['0101234567'], { issuer: '0309777777', buyer: ['0309999999'] })).toEqual({ status: 'delegated', found: 'MST:0309777777' });
    expect(roleIdentity('seller', der('issuer'), ['0101234567'], { issuer: '0309777777-001' })).toMatchObject({ status: 'delegated' });
    expect(roleIdentity('seller', der('issuer'), ['0101234567'], { issuer: '0309777777', buyer: ['0309777777'] })).toMatchObject({ status: 'contradicted' });
    expect(roleIdentity('seller', der('issuer'), ['0101234567'], { issuer: '0309888888' })).toMatchObject({ status: 'contradicted' });
    expect(roleIdentity('seller', der('issuer'), ['0101234567'])).toMatchObject({ status: 'contradicted' });
    expect(roleIdentity('buyer', der('issuer'), ['0309999999'], { issuer: '0309777777' })).toMatchObject({ status: 'contradicted' });
  });

  it('a personal certificate: confirmed only when its citizen ID is the tax code, otherwise unknown', () => {
    expect(roleIdentity('buyer', der('person'), ['001090012345'])).toEqual({ status: 'confirmed' });
    expect(roleIdentity('seller', der('person'), ['0101234567'])).toEqual({ status: 'unknown', found: 'CCCD:001090012345' });
  });

  it('the tax authority: a person or another organisation is proved not it', () => {
    expect(roleIdentity('tax-authority', der('person'), [])).toMatchObject({ status: 'contradicted' });
    expect(roleIdentity('tax-authority', der('organization'), [])).toMatchObject({ status: 'contradicted' });
    expect(roleIdentity('other', der('person'), [])).toBeUndefined();
    expect(roleIdentity('seller', undefined, ['0101234567'])).toBeUndefined();
  });
});
