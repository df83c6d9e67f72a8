// Drives `qaextract serve` in a real browser (Debian's chromium, headless,
// through playwright-core): load a sample, see its turns and the built-in
// rule file that matched it in the editor, edit that copy and see the
// extraction change, edit a marker and see the count change, write a bad pattern and see the lint error at its
// line, run discover, paste an article, download the JSON.
//
//   node playground.test.mjs QAEXTRACT_BINARY SOURCE_DIR [SCREENSHOT_DIR]
//
// Exits 77 (ctest: skipped) when playwright-core or chromium is missing.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import path from 'node:path';
import assert from 'node:assert/strict';

const [binary, sourceDir, screenshotDir] = process.argv.slice(2);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.log('skipped: playwright-core is not installed (npm ci in tests/browser)');
  process.exit(77);
}
if (!existsSync(chromiumPath)) {
  console.log(`skipped: no chromium at ${chromiumPath}`);
  process.exit(77);
}

const sample = path.join(sourceDir, 'samples', 'zh-anyong-interview-v1.txt');
const server = spawn(binary, ['serve', '--port', '0', sample], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stdout });
  lines.once('line', (line) => resolve(line.match(/http:\/\/\S+/)[0]));
  server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
});

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const turns = async () => Number(await page.locator('#summary').getAttribute('data-turns'));
  const waitForTurns = (predicate) =>
    page.waitForFunction((p) => {
      const n = document.querySelector('#summary')?.dataset.turns;
      return n !== undefined && new Function('n', `return ${p}`)(Number(n));
    }, predicate.toString().replace(/^\(?n\)?\s*=>\s*/, ''));

  // 1. The sample loads with the built-in rules: 75 turns, two speakers.
  await page.goto(url);
  await waitForTurns((n) => n === 75);
  assert.equal(await page.locator('#speakers tbody tr').count(), 2);
  assert.equal(await page.locator('#lines .line').count(),
    readFileSync(sample, 'utf8').split('\n').length - (readFileSync(sample, 'utf8').endsWith('\n') ? 1 : 0));
  assert.ok(await page.locator('#lines .line.turn').count() === 75);
  if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, 'playground.png') });

  // 1b. The built-in rule file that matched is in the editor, as a copy;
  //     editing it (the interviewer's marker) changes the extraction.
  await page.waitForFunction(() => document.querySelector('#rules-input').value.includes('name: anyong-waves'));
  assert.match(await page.locator('#decided-by').innerText(), /copy of anyong-waves/);
  await waitForTurns((n) => n === 75);
  const copy = await page.inputValue('#rules-input');
  assert.ok(copy.includes('markers: [暗涌]'));
  await page.fill('#rules-input', copy.replace('markers: [暗涌]', 'markers: [暗涌X]'));
  await waitForTurns((n) => n > 0 && n < 75);
  assert.match(await page.locator('#summary').innerText(), /rules: anyong-waves \(option\)/);
  await page.locator('#warnings li').first().waitFor();  // e.g. consecutive turns by one speaker now

  // 2. Rules typed into the editor decide; renaming a marker changes the count.
  const rules = (interviewer) => [
    'name: playground-test',
    'extends: [base-zh]',
    'speakers:',
    `  - {id: anyong, role: interviewer, markers: [${interviewer}]}`,
    '  - {id: liang, role: interviewee, markers: [梁文锋]}',
    '',
  ].join('\n');
  await page.fill('#rules-input', rules('暗涌'));
  await waitForTurns((n) => n === 75);
  await page.fill('#rules-input', rules('暗涌X'));
  await waitForTurns((n) => n < 75);
  const renamed = await turns();
  assert.ok(renamed > 0 && renamed < 75, `turns after renaming the marker: ${renamed}`);
  assert.match(await page.locator('#lint').innerText(), /no problems/);

  // 3. A bad pattern: a lint error at its line, marked in the editor; the
  //    last good extraction stays on the left.
  await page.fill('#rules-input', rules('暗涌') + 'noise:\n  lines: [\'(\']\n');
  await page.waitForSelector('#lint li.error');
  const lint = await page.locator('#lint li.error').first().innerText();
  assert.match(lint, /rules\.yaml:7:\d+: error: \[bad-pattern\]/);
  assert.equal(await page.locator('#editor-backdrop mark.error').count(), 1);
  assert.equal(await turns(), renamed);
  if (screenshotDir) await page.screenshot({ path: path.join(screenshotDir, 'playground-lint.png') });

  // 4. Discover fills the editor with a starter rule file that finds the dialogue.
  await page.click('#discover');
  await page.waitForFunction(() => document.querySelector('#rules-input').value.includes('speakers:'));
  await waitForTurns((n) => n === 75);

  // 5. Download the JSON output: it parses and has the turns.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
  assert.equal(json.turns.length, 75);
  assert.equal(download.suggestedFilename(), 'article.json');

  // 6. A pasted article replaces the file.
  await page.fill('#rules-input', '');
  await page.click('#edit-article');
  await page.fill('#article-input', '主持人:你好?\n嘉宾:你好。\n主持人:最近怎样?\n嘉宾:很好。\n');
  await waitForTurns((n) => n === 4);
  console.log('playground: all browser checks passed');
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  await browser.close();
  server.kill('SIGTERM');
}
process.exit(failed ? 1 : 0);
