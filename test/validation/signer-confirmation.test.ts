/**
 * Signers whose role needs more than their own certificate (src/validation/signer-confirmation.ts):
 * a tax authority confirmed by its path's Government PKI root, and an authorised issuer in the
 * seller's place confirmed by the tax authority's passing signature over the same invoice.
 *
 * No private key of the Government PKI is at hand, so the passing tax authority is simulated here:
 * the path of the test CA's tax-authority-named certificate is reported as ending at the bundled G2
 * root (the path-validation seam, ValidationContext.validatePath). Everything else is the real
 * fixture (test/fixtures/attacks/einvoice/delegated-issuer-coded-by-test-ca.xml, signed by xmlsec1).
 */
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseXmlDocument } from '../../src/formats/xml/index.js';
import { resolveOptions } from '../../src/options.js';
import { TrustStore } from '../../src/pki/trust-store.js';
import type { ValidatePathInput } from '../../src/pki/types.js';
import type { SignatureReport } from '../../src/report/types.js';
import type { ValidationContext } from '../../src/validation/context.js';
import { evaluateSignatures } from '../../src/validation/signature.js';
import { buildValidationContext } from '../../src/verify.js';
import { AT, REPO, SAMPLES, sample } from '../helpers.js';

const der = (path: string) => new Uint8Array(new X509Certificate(readFileSync(path)).raw);
const TAX_AUTHORITY = der(join(SAMPLES, 'ca/tax-authority.pem'));
const G2_ROOT = der(join(REPO, 'certs/vgca/rootca-chuyen-dung-chinh-phu-g2.pem'));
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const verdict = (s: SignatureReport) => `${s.indication}/${s.subIndication ?? ''}`;
const codes = (s: SignatureReport) => s.messages.map((m) => m.code).filter((code) => /^EINVOICE_SIGNER_|^VALIDATION_GOVERNMENT_/.test(code));

async function judge(name: string, governmentPath: boolean): Promise<SignatureReport[]> {
  const options = resolveOptions({ trust: TrustStore.from(sample('pki/kyso-test-root.pem')), at: AT });
  const base = await buildValidationContext(options);
  const context: ValidationContext = {
    ...base,
    validatePath: async (input: ValidatePathInput) => {
      const result = await base.validatePath(input);
      if (!governmentPath || !same(input.leaf, TAX_AUTHORITY) || result.status !== 'valid') return result;
      const path = [...result.path];
      path[path.length - 1] = { der: G2_ROOT, role: 'anchor', source: 'anchor' };
      return { ...result, path };
    },
  };
  const bytes = new Uint8Array(readFileSync(join(REPO, 'test/fixtures/attacks/einvoice', name)));
  const parsed = await parseXmlDocument(bytes, { hashFactory: options.hashFactory, limits: options.limits });
  return evaluateSignatures(parsed.signatures, context);
}

describe('an authorised issuer is confirmed by the tax authority’s passing signature over the invoice', () => {
  it('the tax authority’s path ends at a Government PKI root: its signature passes and vouches for the issuer', async () => {
    const [seller, taxAuthority] = await judge('delegated-issuer-coded-by-test-ca.xml', true);
    expect([verdict(seller!), verdict(taxAuthority!)]).toEqual(['TOTAL_PASSED/', 'TOTAL_PASSED/']);
    expect(codes(seller!)).toEqual(['EINVOICE_SIGNER_DELEGATED_CONFIRMED']);
    expect(codes(taxAuthority!)).toEqual(['VALIDATION_GOVERNMENT_SIGNER_CONFIRMED']);
    expect(taxAuthority!.messages.find((m) => m.code === 'VALIDATION_GOVERNMENT_SIGNER_CONFIRMED')!.vi).toContain('RootCA chuyên dùng Chính phủ G2');
  });

  it('the same invoice when the tax authority’s path ends elsewhere: neither is confirmed', async () => {
    const [seller, taxAuthority] = await judge('delegated-issuer-coded-by-test-ca.xml', false);
    expect([verdict(seller!), verdict(taxAuthority!)]).toEqual(['INDETERMINATE/SIG_CONSTRAINTS_FAILURE', 'INDETERMINATE/SIG_CONSTRAINTS_FAILURE']);
    expect(codes(seller!)).toEqual(['EINVOICE_SIGNER_DELEGATED_UNCONFIRMED']);
  });

  it('a tax authority that passes does not make another party the issuer', async () => {
    // The seller's own certificate and a third tax code are judged by their certificates alone.
    const [seller] = await judge('delegated-issuer-other-named.xml', true);
    expect(verdict(seller!)).toBe('TOTAL_FAILED/FORMAT_FAILURE');
  });
});
