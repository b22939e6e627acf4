/**
 * Red team: data slipped into a signed e-invoice message beside what its signatures sign.
 * The invoice (DLHDon) and notice (DLTBao) identities, and the metrics facts derived from
 * them, are read from the whole message; one that no signature signs must not be
 * reported under a signed one's verdict. Inputs are byte-level edits of an xmlsec1-signed
 * invoice (test/formats/xml/fixtures/signed/invoice-c14n11-sha384.xml, root HDon, seller
 * signature under DSCKS/NBan over DLHDon Id="data").
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TrustStore } from '../../src/pki/trust-store.js';
import { verify } from '../../src/verify.js';
import { fixture, text, utf8 } from '../formats/xml/helpers.js';
import { AT, sample } from '../helpers.js';

const signed = text(fixture('signed', 'invoice-c14n11-sha384.xml'));
const signedData = signed.slice(signed.indexOf('<DLHDon'), signed.indexOf('</DLHDon>') + '</DLHDon>'.length);
const forgedData = signedData.replace(' Id="data"', '').replace('0000123', '0009999');
const hdon = signed.slice(signed.indexOf('<HDon'), signed.indexOf('</HDon>') + '</HDon>'.length);

let trust: TrustStore;
beforeAll(() => {
  trust = TrustStore.from(sample('pki/kyso-test-root.pem'));
});

async function verdict(document: string): Promise<{ indication: string; codes: string[]; numbers: (string | undefined)[] }> {
  const report = await verify(utf8(document), { trust, at: AT });
  const details = report.details as { invoices?: { number?: string }[] } | undefined;
  return {
    indication: `${report.indication}/${report.subIndication ?? ''}`,
    codes: report.signatures.flatMap((s) => s.messages.map((m) => m.code)).filter((code) => code === 'EINVOICE_DATA_NOT_SIGNED'),
    numbers: (details?.invoices ?? []).map((invoice) => invoice.number),
  };
}

describe('e-invoice data that no signature signs', () => {
  it('control: the signed invoice is intact (its signer, a person with no tax code, cannot be confirmed as the seller)', async () => {
    expect(await verdict(signed)).toEqual({ indication: 'INDETERMINATE/SIG_CONSTRAINTS_FAILURE', codes: [], numbers: ['0000123'] });
  });

  it('a forged invoice (HDon) placed before the signed one in the message is a format failure', async () => {
    const wrapped = `<?xml version="1.0" encoding="UTF-8"?>\n<TDiep xmlns:inv="urn:kyso:test:invoice"><DLieu><HDon>${forgedData}</HDon>${hdon}</DLieu></TDiep>`;
    // Before the fix: TOTAL_PASSED, with the forged invoice's number as the message's invoice.
    expect(await verdict(wrapped)).toEqual({ indication: 'TOTAL_FAILED/FORMAT_FAILURE', codes: ['EINVOICE_DATA_NOT_SIGNED'], numbers: ['0009999', '0000123'] });
  });

  it('a second DLHDon after the signed one in the same invoice is a format failure', async () => {
    const doubled = signed.replace('</DLHDon>', `</DLHDon>${forgedData}`);
    expect((await verdict(doubled)).indication).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });

  it('a second MCCQT (tax authority code) nobody signs is a format failure', async () => {
    const codes = signed.replace('</DLHDon>', '</DLHDon><MCCQT Id="m">00AA</MCCQT><MCCQT>00BB</MCCQT>');
    expect((await verdict(codes)).indication).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });

  it('a forged notice (DLTBao) beside a signed invoice is a format failure', async () => {
    const notice = signed.replace('</DLHDon>', '</DLHDon><TBao><DLTBao><So>1</So><MST>0100000000</MST></DLTBao></TBao>');
    expect((await verdict(notice)).codes).toEqual(['EINVOICE_DATA_NOT_SIGNED']);
  });
});
