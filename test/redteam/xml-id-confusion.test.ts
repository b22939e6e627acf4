/**
 * Red team: XML Signature Wrapping through ID attribute confusion, on
 * samples/xml/reference-by-id.xml (xmlsec1, Reference URI="#vb-208" to VanBan Id="vb-208").
 * A forged VanBan carrying the same identifier under another ID-like attribute is placed
 * before the signed one: a consumer whose resolver honours that attribute reads the
 * forged element. Id, ID, id and xml:id were already treated as identifiers (a
 * duplicate is a format failure); WS-Security's wsu:Id, which WSS4J/Santuario register as
 * an ID, was not.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { AT, sample } from '../helpers.js';

const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const signed = new TextDecoder().decode(sample('xml/reference-by-id.xml'));
const vanBan = signed.slice(signed.indexOf('<VanBan'), signed.indexOf('</VanBan>') + '</VanBan>'.length);
const forged = (attribute: string, declaration = ''): string =>
  signed.replace(vanBan, vanBan.replace(' Id="vb-208"', ` ${attribute}="vb-208"${declaration}`).replace('208/UBND-VP', '999/GIA-MAO') + vanBan);

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verdict(text: string): Promise<string> {
  const report = await verify(new TextEncoder().encode(text), { trust, at: AT });
  return `${report.indication}/${report.subIndication ?? ''}`;
}

describe('a forged element under the signed element’s identifier, in another ID attribute', () => {
  it('control: the signed document passes', async () => {
    expect(await verdict(signed)).toBe('TOTAL_PASSED/');
  });

  it.each([['ID'], ['id'], ['xml:id']])('%s → TOTAL_FAILED/FORMAT_FAILURE', async (attribute) => {
    expect(await verdict(forged(attribute))).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });

  it('wsu:Id → TOTAL_FAILED/FORMAT_FAILURE (passed before)', async () => {
    expect(await verdict(forged('wsu:Id', ` xmlns:wsu="${WSU}"`))).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });

  it('an element in the WS-Security utility namespace but without wsu:Id changes nothing', async () => {
    expect(await verdict(signed.replace('<HoSo>', `<HoSo xmlns:wsu="${WSU}">`))).toBe('TOTAL_PASSED/');
  });
});
