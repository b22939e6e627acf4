// The published package.json must not carry `prepare`: installers list it as an install
// script of a tarball or git dependency, yet the tarball already holds dist/. A clone
// keeps it, so `npm install` there builds dist/ and `npx kyso` works.
// `prepack` runs this with `strip` (after the build), `postpack` with `restore`.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';

const MANIFEST = 'package.json';
const BACKUP = '.package.json.before-pack';
const mode = process.argv[2];

if (mode === 'strip') {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST); // a pack that died half-way
  const text = readFileSync(MANIFEST, 'utf8');
  writeFileSync(BACKUP, text);
  const manifest = JSON.parse(text);
  delete manifest.scripts.prepare;
  writeFileSync(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
} else if (mode === 'restore') {
  if (existsSync(BACKUP)) renameSync(BACKUP, MANIFEST);
} else {
  throw new Error('usage: node scripts/pack-manifest.mjs strip|restore');
}
