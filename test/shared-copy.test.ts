/**
 * test/fixtures/shared is a byte-for-byte copy of the workplace's shared/ data the tests
 * use. Where ../shared exists (the workplace, CI), any drift between the two fails here.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHARED, WORKPLACE_SHARED } from './helpers.js';

function files(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? files(root, path) : [relative(root, path)];
  });
}

const FOLDERS = ['conformance', 'edxml-samples', 'vn-ca'];

describe.runIf(existsSync(WORKPLACE_SHARED))('the vendored copy of shared/', () => {
  it.each(FOLDERS)('%s matches ../shared byte for byte', (folder) => {
    const theirs = files(join(WORKPLACE_SHARED, folder)).sort();
    const ours = files(join(SHARED, folder)).sort();
    expect(ours).toEqual(theirs);
    const differing = theirs.filter((file) => !readFileSync(join(SHARED, folder, file)).equals(readFileSync(join(WORKPLACE_SHARED, folder, file))));
    expect(differing).toEqual([]);
  });
});
