/**
 * The HTML report opened in headless Chromium (Debian's chromium, driven by playwright-core;
 * .ci/run installs it): summary and table rendered, sorting and filtering work, no console
 * error, no request leaves the file. A screenshot is kept in test/cli/artifacts/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../helpers.js';
import { mixedFolder } from '../node/fixture.js';
import { run } from './run.js';

const CHROMIUM = '/usr/bin/chromium';
const present = existsSync(CHROMIUM);
if (!present) console.warn(`skipped: the HTML report test drives Debian's chromium at ${CHROMIUM} (installed by .ci/run), and it is absent`);
const ARTIFACTS = fileURLToPath(new URL('./artifacts/', import.meta.url));

const folder = mixedFolder();
const profile = mkdtempSync(join(tmpdir(), 'kyso-html-chromium-'));
let context: BrowserContext;

beforeAll(async () => {
  if (!present) return;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  rmSync(folder.root, { recursive: true, force: true });
});

describe.skipIf(!present)('kyso verify --format html', () => {
  it.each(['vi', 'en'] as const)('opens in Chromium with the summary, a sortable and filterable table, and no console error (%s)', async (lang) => {
    const { code, stdout } = await run(['verify', '--trust', `${SAMPLES}pki`, '--at', '2026-06-01T00:00:00Z', '--lang', lang, '--format', 'html', folder.root, `${SAMPLES}edxml/tampered-subject.edxml`]);
    expect(code).toBe(3);
    expect(stdout).not.toMatch(/<(?:link|img|iframe)\b|\bsrc=|https?:\/\//);
    const file = join(folder.root, '..', `kyso-report-${lang}-${process.pid}.html`);
    writeFileSync(file, stdout);

    const page = await context.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href);

    expect(await page.locator('#counts caption').textContent()).toContain(lang === 'vi' ? '9 văn bản' : '9 documents');
    expect(await page.locator('svg rect').count()).toBeGreaterThan(1);
    const rows = page.locator('#docs > tbody > tr');
    expect(await rows.count()).toBe(10);
    expect(await page.locator('#shown').textContent()).toBe(lang === 'vi' ? 'Đang hiển thị 10/10 văn bản' : 'Showing 10 of 10 documents');

    // Filter by verdict, then by text.
    await page.selectOption('#verdict', 'TOTAL_FAILED');
    expect(await page.locator('#docs > tbody > tr:not([hidden])').count()).toBe(2);
    await page.selectOption('#verdict', '');
    await page.fill('#filter', 'photo');
    expect(await page.locator('#docs > tbody > tr:not([hidden])').count()).toBe(1);
    await page.fill('#filter', '');

    // Sort by verdict: passed first, then failed.
    await page.click('#docs th[data-col="2"]');
    const verdicts = await page.locator('#docs > tbody > tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-verdict')));
    expect(verdicts.slice(0, 4)).toEqual(['TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED', 'TOTAL_PASSED']);
    expect(verdicts.at(-1)).toBe('ERROR');

    // Per-signature details open under the document, with the package layer of the edXML.
    await page.click('#docs > tbody > tr[data-verdict="TOTAL_PASSED"] summary >> text=tampered-subject.edxml');
    expect(await page.locator('details[open] .package').textContent()).toContain(lang === 'vi' ? 'Chữ ký số của gói' : 'Package signature');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `report-${lang}.png`), fullPage: true });
    await page.close();
    rmSync(file);
    expect(problems).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
  });
});
