/** `kyso metrics` over documents, folders and JSONL, with the JSON checked against the shipped schema. */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { metricsCommand } from '../../src/cli/metrics-command.js';
import { REPO, SAMPLES } from '../helpers.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const OPTIONS = ['--at', '2026-06-01T00:00:00Z', '--trust', `${SAMPLES}pki`];
const schema = JSON.parse(readFileSync(join(REPO, 'src/metrics/data/kyso.metrics-1.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
const temp = mkdtempSync(join(tmpdir(), 'kyso-metrics-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

interface Line {
  record?: string;
  sha256: string;
  attachments?: Line[];
  facts: { signatures: { kind: string }[]; edxml?: { kind?: string } };
}

/**
 * What kyso verify says of the samples, counted by hand: documents, and those carrying a signature
 * of someone. A document counts once (the same bytes under two names, or the bytes of an attachment
 * of a package, are not counted again) and an edXML status message is not a document. Many samples
 * are copies or stages of another's signatures (person-signed.pdf with LTV data, a changed byte, in
 * packages...): kyso metrics counts each once (test/redteam/metrics-gaming.test.ts pins the rule).
 * 23 samples are such copies or earlier stages of another sample (edxml/transit, pdf/tampered,
 * pdf/dss-after-signing, the producers' packages around their own PDFs, legacy-java's
 * pdfbox18-detached.pdf under two later signatures, ...), each with a signature;
 * 10 more come from producers/mupdf and producers/libreoffice: the stages mupdf/person.pdf,
 * libreoffice/sign-existing.pdf and export-writer.pdf; export-timestamped.pdf (export-writer's very
 * signature, a timestamp added); the files that keep only signatures made elsewhere (mupdf's
 * cleared-second, rewritten-clean, rewritten-gggg, pdfbox-then-mupdf-fill; libreoffice's
 * itext5-objstm-then-libreoffice and signpdf-then-libreoffice, whose own signature no field holds).
 * 12 more come from producers/podofo: person.pdf and objstm-signed.pdf, stages of two-signatures.pdf
 * and objstm-then-second.pdf; sha384.pdf and sha512-default.pdf, whose judged SignerInfo is
 * person.pdf's very one; third-signature.pdf, the later stage of pdf/person-then-organization.pdf,
 * whose place it takes; and the seven rewrites, which keep only signatures made elsewhere
 * (podofogc-rewritten, podofoxmp-rewritten, pikepdf-saved, pikepdf-note, pikepdf-qdf, pypdf-saved,
 * pypdf-filled).
 */
const SIGNED_COPIES = 23 + 10 + 12 + varietyCopies();

/**
 * samples/pdf/variety holds each structural base signed once and then twice: the once-signed file is
 * the first stage of the twice-signed one. The files changed after signing (a comment after %%EOF,
 * padding, mutool's new /Info, a sticky note) carry only the acts of the file they were made from.
 * Only the file openssl signed with its leading junk kept stands alone.
 */
function varietyCopies(): number {
  const names = readdirSync(`${SAMPLES}pdf/variety`).filter((name) => name.endsWith('.pdf'));
  const firstStages = names.filter((name) => name.endsWith('-signed.pdf') && names.includes(name.replace(/-signed\.pdf$/, '-signed-twice.pdf'))).length;
  const changedAfterSigning = names.filter((name) => /-signed(-twice)?-then-/.test(name)).length;
  return firstStages + changedAfterSigning;
}

async function sampleTally(): Promise<{ documents: number; signed: number }> {
  const { stdout } = await run('verify', ...OPTIONS, '--format', 'jsonl', SAMPLES);
  const all = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Line)
    .filter((l) => l.record === undefined);
  const carried = new Set<string>();
  const walk = (l: Line) => l.attachments?.forEach((a) => (carried.add(a.sha256), walk(a)));
  all.forEach(walk);
  const unique = new Map(all.filter((l) => !carried.has(l.sha256)).map((l) => [l.sha256, l]));
  const lines = [...unique.values()].filter((l) => l.facts.edxml?.kind !== 'status');
  // Each left out as a copy carries a signature (that is what made it a copy).
  return { documents: lines.length - SIGNED_COPIES, signed: lines.filter((l) => l.facts.signatures.some((s) => s.kind === 'signature')).length - SIGNED_COPIES };
}

describe('kyso metrics', () => {
  it('prints a readable ranking table of the samples, in Vietnamese and in English', async () => {
    const vi = await run('metrics', ...OPTIONS, '--lang', 'vi', SAMPLES);
    expect(vi.code).toBe(0);
    const tally = await sampleTally();
    expect(vi.stdout).toContain(`Số văn bản đã đếm: ${tally.documents}`);
    expect(vi.stdout).toContain('Xếp theo: Tỷ lệ văn bản có chữ ký số (signedShare)');
    // Every Hà Nội sample is signed (the count follows the samples).
    expect(vi.stdout).toMatch(/1 +Thành phố Hà Nội \(63:01\) +100,0 % +([0-9]+)\/\1 /);
    expect(vi.stdout).toContain(`Tổng cộng`);
    expect(vi.stdout).toMatch(new RegExp(`Tổng cộng +[0-9]+,[0-9] % +${tally.signed}/${tally.documents}`));
    const en = await run('metrics', ...OPTIONS, '--lang', 'en', '--by', 'agency', '--indicator', 'legallyCompleteShare', SAMPLES);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain(`Documents counted: ${tally.documents}`);
    expect(en.stdout).toContain('Ranked by: Share of documents with both the person');
    expect(en.stdout).toMatch(/UBND Tỉnh Thử Nghiệm \(0101234567\)/);
    expect(en.stdout).toMatch(/Ủy ban nhân dân tỉnh Thử Nghiệm \(000\.00\.00\.H99\)/);
  });

  it('--format json validates against the shipped schema (ajv)', async () => {
    const { code, stdout } = await run('metrics', ...OPTIONS, '--format', 'json', '--by', 'agency,province,month,year', SAMPLES);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { schema: string; total: Record<string, number>; groups: unknown[] };
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.schema).toBe('kyso.metrics/1');
    const tally = await sampleTally();
    expect(json.total['documents']).toBe(tally.documents);
    expect(json.total['signed']).toBe(tally.signed);
    // The schema refuses what the schema forbids.
    expect(validate({ ...json, total: { ...json.total, signed: -1 } })).toBe(false);
    expect(validate({ ...json, schema: 'kyso.metrics/2' })).toBe(false);
  });

  it('verify once, count many: JSONL from kyso verify gives the same counts as the documents', async () => {
    const jsonl = join(temp, 'reports.jsonl');
    const verified = await run('verify', ...OPTIONS, '--format', 'jsonl', SAMPLES);
    writeFileSync(jsonl, verified.stdout);
    const fromDocuments = await run('metrics', ...OPTIONS, '--format', 'json', '--by', 'province,month', SAMPLES);
    const fromJsonl = await run('metrics', '--format', 'json', '--by', 'province,month', jsonl);
    expect(fromJsonl.code).toBe(0);
    expect(JSON.parse(fromJsonl.stdout)).toEqual(JSON.parse(fromDocuments.stdout));
  });

  it('--format csv is UTF-8 with a byte-order mark', async () => {
    const { code, stdout } = await run('metrics', ...OPTIONS, '--format', 'csv', `${SAMPLES}pdf`);
    expect(code).toBe(0);
    expect(stdout.charCodeAt(0)).toBe(0xfeff);
    expect(stdout).toContain('Thành phố Hà Nội');
  });

  it('a detached pair in a folder (x.pdf + x.pdf.p7s signed by openssl) counts as one document', async () => {
    const folder = join(temp, 'pair');
    execFileSync('mkdir', ['-p', folder]);
    copyFileSync(`${SAMPLES}pdf/unsigned-fields.pdf`, join(folder, 'x.pdf'));
    execFileSync('openssl', ['cms', '-sign', '-binary', '-noattr', '-in', join(folder, 'x.pdf'), '-signer', `${SAMPLES}ca/person.pem`, '-inkey', `${SAMPLES}ca/person.key`, '-certfile', `${SAMPLES}ca/intermediate.pem`, '-outform', 'DER', '-out', join(folder, 'x.pdf.p7s')]);
    const { code, stdout } = await run('metrics', ...OPTIONS, '--format', 'json', folder);
    expect(code).toBe(0);
    const json = JSON.parse(stdout) as { total: Record<string, number> };
    expect(json.total).toMatchObject({ documents: 1, signed: 1, passed: 1, noSignature: 0, personOnly: 1 });
  });

  it('reads JSONL from standard input, pairing x.pdf with x.pdf.p7s there too', async () => {
    const verified = await run('verify', ...OPTIONS, '--format', 'jsonl', `${SAMPLES}pdf/unsigned-fields.pdf`, `${SAMPLES}cms/noattr.txt.p7s`);
    const [content, detached] = verified.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const input = `${JSON.stringify({ ...content, path: 'in/x.pdf' })}\n\n${JSON.stringify({ ...detached, path: 'in/x.pdf.p7s' })}\n`;
    let stdout = '';
    const code = await metricsCommand(['--format', 'json', '-'], { stdout: (t) => (stdout += t), stderr: () => undefined, stdin: Readable.from([input.slice(0, 100), input.slice(100)]) }, { version: 'test', lang: 'en' });
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { total: Record<string, number> }).total).toMatchObject({ documents: 1, signed: 1 });
  });

  it('a line that is not a report, or a bad option, is a usage or I/O error (exit 3)', async () => {
    const bad = join(temp, 'bad.jsonl');
    writeFileSync(bad, '{"indication":"TOTAL_PASSED","signatures":[],"roles":{}}\nnot json\n');
    const broken = await run('metrics', bad);
    expect(broken.code).toBe(3);
    expect(broken.stderr).toContain(`${bad}:2 is not JSON`);
    const option = await run('metrics', '--by', 'county', bad);
    expect(option.code).toBe(3);
    expect(option.stderr).toContain('--by takes agency, province, month, year (got county)');
  });
});
