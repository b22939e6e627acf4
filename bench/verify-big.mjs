// One big PDF through kyso/node in a fresh process, with the document-size limit raised
// (the default refuses documents over 512 MiB; the CLI has no option for it). Used by
// bench/run.mjs for the 1 GB file. Usage: node bench/verify-big.mjs FILE; exit 0 when it passes.
import { readFileSync } from 'node:fs';
import { TrustStore } from '../dist/index.js';
import { verifyFile } from '../dist/node.js';

const trust = TrustStore.from(readFileSync(new URL('../samples/pki/kyso-test-root.pem', import.meta.url), 'utf8'));
const report = await verifyFile(process.argv[2], { trust, at: new Date('2026-06-01T00:00:00Z'), policy: { limits: { maxDocumentBytes: 4 * 2 ** 30 } } });
console.log(`${report.indication} ${report.sha256}`);
process.exitCode = report.indication === 'TOTAL_PASSED' ? 0 : 1;
