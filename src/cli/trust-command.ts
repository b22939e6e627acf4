/** `kyso trust list | add | remove`: the bundled anchors and the user's own store. */
import { addUserTrust, listUserTrust, removeUserTrust } from '../node/trust-files.js';
import { TrustStore } from '../pki/trust-store.js';
import { describeCertificate } from '../pki/describe.js';
import type { CertificateInfo } from '../report/types.js';
import { HELP } from './help-words.js';
import { readerTime } from './time.js';
import type { CliIo } from './verify-command.js';
import { fill, type Lang } from './words.js';

const WORDS = {
  vi: {
    role: { anchor: 'gốc tin cậy', intermediate: 'CA trung gian' },
    source: { bundled: 'có sẵn', user: 'người dùng' },
    status: { valid: 'còn hiệu lực', expired: 'ĐÃ HẾT HẠN', 'not-yet-valid': 'CHƯA CÓ HIỆU LỰC' },
    added: 'Đã thêm {role}: {subject} ({sha256})',
    removed: 'Đã xóa: {subject} ({sha256})',
    store: 'Kho của người dùng: {dir}',
  },
  en: {
    role: { anchor: 'trust anchor', intermediate: 'intermediate CA' },
    source: { bundled: 'bundled', user: 'user' },
    status: { valid: 'valid', expired: 'EXPIRED', 'not-yet-valid': 'NOT YET VALID' },
    added: 'Added {role}: {subject} ({sha256})',
    removed: 'Removed: {subject} ({sha256})',
    store: "User's store: {dir}",
  },
} as const;

export type ValidityStatus = 'valid' | 'expired' | 'not-yet-valid';

export function validityAt(info: CertificateInfo, at: Date): ValidityStatus {
  if (at.getTime() < Date.parse(info.notBefore)) return 'not-yet-valid';
  if (at.getTime() > Date.parse(info.notAfter)) return 'expired';
  return 'valid';
}

export async function runTrustList(args: { format: 'text' | 'json'; dir: string; at: Date; lang: Lang }, io: CliIo): Promise<number> {
  const w = WORDS[args.lang];
  const bundled = await TrustStore.bundled();
  const rows = [
    ...bundled.entries.map((entry) => ({ ...describeCertificate(entry.der, 'trust-store'), role: entry.role, store: 'bundled' as const })),
    ...(await listUserTrust(args.dir)).map((entry) => ({ ...entry.info, role: entry.role, store: 'user' as const, file: entry.file })),
  ].map((row) => ({ ...row, status: validityAt(row, args.at) }));
  if (args.format === 'json') {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  io.stdout(`${fill(w.store, { dir: args.dir })}\n`);
  for (const row of rows) {
    const validity = `${readerTime(row.notBefore, args.lang)} → ${readerTime(row.notAfter, args.lang)}`;
    const status = row.status === 'valid' ? '' : `  [${w.status[row.status]}]`;
    io.stdout(`${w.role[row.role].padEnd(15)} ${w.source[row.store].padEnd(10)} ${row.sha256.slice(0, 16)}  ${validity}  ${row.commonName ?? row.subject}${status}\n`);
  }
  return 0;
}

export async function runTrustAdd(args: { files: readonly string[]; anchor: boolean; dir: string; lang: Lang }, io: CliIo): Promise<number> {
  const w = WORDS[args.lang];
  const added = await addUserTrust(args.dir, args.files, { anchor: args.anchor });
  for (const entry of added) io.stdout(`${fill(w.added, { role: w.role[entry.role], subject: entry.info.commonName ?? entry.info.subject, sha256: entry.info.sha256 })}\n`);
  return 0;
}

export async function runTrustRemove(args: { names: readonly string[]; dir: string; lang: Lang }, io: CliIo): Promise<number> {
  const w = WORDS[args.lang];
  const { removed, unmatched } = await removeUserTrust(args.dir, args.names);
  for (const entry of removed) io.stdout(`${fill(w.removed, { subject: entry.info.commonName ?? entry.info.subject, sha256: entry.info.sha256 })}\n`);
  for (const name of unmatched) io.stderr(`kyso: ${fill(HELP[args.lang].errors.trustUnmatched, { name })}\n`);
  return unmatched.length > 0 ? 3 : 0;
}
