/**
 * A folder as an auditor meets it: valid, tampered and unsigned documents, an empty
 * file, a truncated signature, a photo, a detached pair, a hidden file, a symbolic-link
 * loop, a second link to a file and a dangling link. Made fresh in a temporary folder.
 */
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifyManyInput } from '../../src/node.js';
import { SAMPLES, sample } from '../helpers.js';

export interface MixedFolder {
  readonly root: string;
  /** What verifyFiles yields for the folder, in order: path relative to root, and the indication, error code or skip reason. */
  readonly expected: readonly (readonly [string, string])[];
}

export function mixedFolder(): MixedFolder {
  const root = mkdtempSync(join(tmpdir(), 'kyso-mixed-'));
  copyFileSync(`${SAMPLES}pdf/person-signed.pdf`, join(root, 'a-valid.pdf'));
  copyFileSync(`${SAMPLES}pdf/tampered.pdf`, join(root, 'b-tampered.pdf'));
  copyFileSync(`${SAMPLES}pdf/unsigned-fields.pdf`, join(root, 'c-unsigned.pdf'));
  writeFileSync(join(root, 'd-empty.pdf'), new Uint8Array(0));
  writeFileSync(join(root, 'e-truncated.p7s'), sample('cms/rsa-sha256.txt.p7s').subarray(0, 200));
  // A JPEG: the start-of-image marker and a JFIF header, then nothing a verifier knows.
  writeFileSync(join(root, 'f-photo.jpg'), new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, ...new Array(200).fill(7)]));
  copyFileSync(`${SAMPLES}cms/rsa-sha256.txt`, join(root, 'g-hop-dong.txt'));
  copyFileSync(`${SAMPLES}cms/rsa-sha256.txt.p7s`, join(root, 'g-hop-dong.txt.p7s'));
  writeFileSync(join(root, '.DS_Store'), 'Bud1');
  mkdirSync(join(root, 'h-sub'));
  copyFileSync(`${SAMPLES}xml/organization.xml`, join(root, 'h-sub', 'to-trinh.xml'));
  symlinkSync('..', join(root, 'h-sub', 'loop'));
  symlinkSync('a-valid.pdf', join(root, 'i-link-to-valid.pdf'));
  symlinkSync('does-not-exist.pdf', join(root, 'j-dangling.pdf'));
  return {
    root,
    expected: [
      ['.DS_Store', 'hidden'],
      ['a-valid.pdf', 'TOTAL_PASSED'],
      ['b-tampered.pdf', 'TOTAL_FAILED'],
      ['c-unsigned.pdf', 'NO_SIGNATURE'],
      ['d-empty.pdf', 'NO_SIGNATURE'],
      ['e-truncated.p7s', 'TOTAL_FAILED'],
      ['f-photo.jpg', 'NO_SIGNATURE'],
      ['g-hop-dong.txt.p7s', 'TOTAL_PASSED'],
      ['h-sub/loop', 'symlink-loop'],
      ['h-sub/to-trinh.xml', 'TOTAL_PASSED'],
      ['i-link-to-valid.pdf', 'duplicate'],
      ['j-dangling.pdf', 'ENOENT'],
    ],
  };
}

/** Documents of every format, in memory; their verdicts differ, so a report given to the wrong input shows. */
export const DOCUMENT_KINDS: readonly VerifyManyInput[] = [
  sample('pdf/person-signed.pdf'),
  sample('pdf/tampered.pdf'),
  sample('pdf/unsigned-fields.pdf'),
  sample('xml/organization.xml'),
  sample('xml/tampered-content.xml'),
  sample('edxml/signed.edxml'),
  { bytes: sample('cms/rsa-sha256.txt.p7s'), content: sample('cms/rsa-sha256.txt') },
  { bytes: sample('cms/tampered-content.txt.p7s'), content: sample('cms/tampered-content.txt') },
  sample('cms/untrusted.txt.p7s'),
  new Uint8Array([1, 2, 3]),
];
