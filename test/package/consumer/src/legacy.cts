// A CommonJS module (.cts under module node16): kyso is ESM-only, so CommonJS reaches
// it with a dynamic import(); types come through `resolution-mode: import`.
import { readFileSync } from 'node:fs';
import type { DocumentReport } from 'kyso' with { 'resolution-mode': 'import' };

async function indicationOf(bytes: Uint8Array, rootPem: Uint8Array): Promise<DocumentReport['indication']> {
  const { TrustStore, verify } = await import('kyso');
  const report = await verify(bytes, { trust: TrustStore.from(rootPem), at: new Date('2026-06-01T00:00:00Z'), revocation: { mode: 'off' } });
  return report.indication;
}

const samples = process.argv[2] ?? 'samples';
indicationOf(readFileSync(`${samples}/xml/xades-baseline-b.xml`), readFileSync(`${samples}/pki/kyso-test-root.pem`)).then((indication) => console.log(`cjs: ${indication}`));
