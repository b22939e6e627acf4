// A consumer of the packed kyso: typed details for each format, message codes, the CLI's
// JSONL lines. Compiled under moduleResolution node16 and bundler with skipLibCheck
// false, then run: it prints one line per sample, which the test compares.
import { readFile } from 'node:fs/promises';
import { describe, summarize, TrustStore, verify } from 'kyso';
import type { CliJsonlLine, DocumentReport, MessageCode, SignatureDetails, SignatureReport } from 'kyso';
import { verifyFile } from 'kyso/node';
import { KysoError } from 'kyso/errors';

/** One fact from each format's details, reached through narrowing alone (no casts). */
export function signatureFacts(signature: SignatureReport): string {
  const details: SignatureDetails | undefined = signature.details;
  switch (details?.kind) {
    case 'pdf':
      return `pdf field=${details.fieldName} page=${details.pageIndex ?? '-'} revision=${details.revision}/${details.revisions} reason=${details.reason ?? '-'} level=${details.padesLevel ?? '-'}`;
    case 'cms':
      return `cms detached=${details.detached}`;
    case 'xml':
      return `xml references=${details.references.length} c14n=${details.canonicalizationMethod}`;
    case 'edxml':
      return `edxml package=${details.packageState}`;
    case 'einvoice':
      return `einvoice role=${details.role}`;
    case undefined:
      return 'none';
  }
}

export function documentFacts(report: DocumentReport): string {
  const details = report.details;
  switch (details?.kind) {
    case 'pdf':
      return `pdf revisions=${details.revisions?.length ?? 0} empty=${details.emptySignatureFields?.join(',') ?? ''}`;
    case 'cms':
      return `cms detached=${details.detached}`;
    case 'xml':
      return `xml root=${details.rootElement}`;
    case 'edxml':
      return `edxml subject=${details.edxml.header.subject ?? '-'} signed=${details.metadata.subject.covered} package=${details.packageSignature.state}`;
    case 'einvoice':
      return `einvoice ${details.message} number=${details.invoice?.number ?? '-'}`;
    case 'zip':
      return `zip entries=${details.entries}`;
    case undefined:
      return 'none';
  }
}

/** A code from a report can be switched on; a misspelled one does not compile. */
export function isChangedContent(code: MessageCode): boolean {
  switch (code) {
    case 'CMS_DIGEST_MISMATCH':
      return true;
    // @ts-expect-error: no table defines this code
    case 'CMS_DIGEST_MISMACH':
      return true;
    default:
      return false;
  }
}

/** Reading `kyso verify --format jsonl`. */
export function readJsonl(text: string): { documents: number; errors: number; failed: number | undefined } {
  let documents = 0;
  let errors = 0;
  let failed: number | undefined;
  for (const raw of text.split('\n').filter(Boolean)) {
    const line = JSON.parse(raw) as CliJsonlLine;
    if (line.record === 'summary') failed = line.failed;
    else if (line.record === 'error') errors += line.error.code.length > 0 ? 1 : 0;
    else {
      documents++;
      const path: string = line.path;
      const first: MessageCode | undefined = line.messages[0]?.code;
      void path;
      void first;
    }
  }
  return { documents, errors, failed };
}

async function main(): Promise<void> {
  const [samples = 'samples'] = process.argv.slice(2);
  const trust = (await TrustStore.bundled()).merge(TrustStore.from(await readFile(`${samples}/pki/kyso-test-root.pem`)));
  const at = new Date('2026-06-01T00:00:00Z');
  const options = { trust, at, revocation: { mode: 'off' as const } };
  for (const name of ['pdf/person-then-organization.pdf', 'cms/rsa-sha256.txt.p7s', 'xml/xades-baseline-b.xml', 'edxml/signed.edxml']) {
    const report = await verifyFile(`${samples}/${name}`, options);
    console.log(`${name}: ${report.indication} | ${documentFacts(report)} | ${report.signatures.map(signatureFacts).join(' ; ')}`);
  }
  const tampered = await verify(await readFile(`${samples}/cms/tampered-content.txt.p7s`), { ...options, content: await readFile(`${samples}/cms/tampered-content.txt`) });
  const codes = tampered.signatures.flatMap((s) => s.messages.map((m) => m.code));
  console.log(`tampered: ${summarize(tampered, { lang: 'en', name: 'tampered' }).line} | changed=${codes.some(isChangedContent)} | ${describe(tampered.signatures[0]!.messages, 'vi').length > 0}`);
  console.log(`jsonl: ${JSON.stringify(readJsonl(`{"kyso":"0","validationTime":"x","path":"a","record":"document","format":"pdf","indication":"TOTAL_PASSED","size":1,"sha256":"","signatures":[],"roles":{"person":false,"organization":false,"complete":false},"messages":[]}\n{"record":"error","kyso":"0","validationTime":"x","path":"b","error":{"code":"EACCES","message":"permission denied"}}\n{"record":"summary","kyso":"0","validationTime":"x","total":1,"passed":1,"failed":0,"indeterminate":0,"unsigned":0}\n`))}`);
  try {
    await verify(new Uint8Array(1), { at: new Date('not a date') });
  } catch (error) {
    console.log(`options error: ${error instanceof KysoError ? error.code : 'other'}`);
  }
}

await main();
