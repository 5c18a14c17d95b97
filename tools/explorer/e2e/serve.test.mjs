// checker serve on a copy of the kit, in headless Chromium: the progress
// page follows the learner's saves, draws a failing case, opens the
// explorer on it, shows the exercise's hint behind a "Show hint" control
// (in English and Korean), and turns green once the fix is saved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import { repo, artifacts, shot } from './common.mjs';

let browser, kit, server, url, work;

// copyKit copies the kit's files (tracked and new, as git lists them) to
// a fresh folder, as a learner's clone.
function copyKit(dest) {
  execFileSync('bash', ['-c',
    'git ls-files -z -co --exclude-standard | grep -zv "^tools/explorer/e2e/\\(node_modules\\|artifacts\\)/" | tar -cf - --null -T - | tar -xf - -C "$1"',
    'copy', dest], { cwd: repo });
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'convlings-serve-'));
  kit = join(work, 'kit');
  execFileSync('mkdir', [kit]);
  copyKit(kit);
  const bin = join(work, 'checker');
  execFileSync('go', ['build', '-o', bin, './tools/checker'], { cwd: kit, stdio: ['ignore', 'ignore', 'inherit'] });
  server = spawn(bin, ['serve'], { cwd: kit, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C' } });
  let errText = '';
  server.stderr.on('data', (d) => { errText += d; });
  url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('checker serve printed no address: ' + out + errText)), 60000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    server.on('exit', (code) => reject(new Error(`checker serve exited ${code}: ${errText}`)));
  });
  browser = await launch();
});

after(async () => {
  if (browser) await browser.close();
  if (server) server.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

const lessonFile = () => join(kit, 'lessons/filters/filters.go');
const solution = () => readFileSync(join(kit, 'solutions/filters/filters.go'), 'utf8');
// hintsOf returns an exercise's hints as the kit's manifest holds them.
function hintsOf(id) {
  const [lesson, name] = id.split('/');
  const m = JSON.parse(readFileSync(join(kit, 'lessons/manifest.json'), 'utf8'));
  return m.lessons.find((l) => l.name === lesson).exercises.find((e) => e.name === name).hints;
}

// wrong is the solution with the post's rule for 'same': k/2 zeros before,
// instead of Keras's split with the odd zero after.
function wrong() {
  const s = solution();
  const bad = s.replace('return out, total / 2, nil', '_ = total\n\t\treturn out, kEff / 2, nil');
  assert.notEqual(bad, s, 'the solution changed: the test cannot make its mistake');
  return bad;
}

async function waitStatus(page, id, status, timeout) {
  const t0 = Date.now();
  await page.waitForSelector(`li.ex[data-exercise="${id}"][data-status="${status}"]`, { timeout });
  return Date.now() - t0;
}

test('checker serve shows the failing case of a wrong save, then green after the fix', async () => {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url);
  await page.waitForSelector('body[data-status="done"]', { timeout: 120000 });
  assert.equal(await page.$$eval('section.lesson', (l) => l.length), 4, 'lessons shown');
  await waitStatus(page, 'filters/conv2d_strided', 'not_started', 1000);

  writeFileSync(lessonFile(), wrong());
  const failedAfter = await waitStatus(page, 'filters/conv2d_strided', 'failed', 60000);
  await waitStatus(page, 'filters/conv2d_valid', 'passed', 5000);
  const box = page.locator('li.ex[data-exercise="filters/conv2d_strided"] + section.case, li.ex[data-exercise="filters/conv2d_strided"] ~ section.case').first();
  await box.waitFor({ timeout: 5000 });
  assert.ok(await box.locator('.cell.bad').count() > 0, 'no wrong cell marked');
  assert.ok(await box.locator('.input-grid .cell.win').count() > 0, 'no window drawn on the input');
  assert.match(await box.textContent(), /k\/2/, 'the named mistake is not shown');
  console.log(`# the failing case appeared ${failedAfter} ms after the save`);
  await page.locator('section.lesson[data-lesson="filters"]').scrollIntoViewIfNeeded();
  await page.evaluate(() => document.querySelector('section.lesson[data-lesson="filters"]').scrollIntoView());
  await shot(page, 'serve-progress', { fullPage: false });
  await box.screenshot({ path: join(artifacts, 'serve-failing-case.png') });
  await page.click('#lang');
  await box.screenshot({ path: join(artifacts, 'serve-failing-case-korean.png') });
  await page.click('#lang');

  // The hint: closed until asked for, then the named mistake and the
  // hints one at a time; the command stays for the terminal.
  const hints = hintsOf('filters/conv2d_strided');
  assert.ok(hints.length >= 2, 'the test wants an exercise with two hints');
  assert.equal(await page.locator('[data-testid=hint]').count(), 1, 'a hint on more than the first failing exercise');
  const hint = page.locator('li.ex[data-exercise="filters/conv2d_strided"] ~ [data-testid=hint]');
  const summary = hint.locator('[data-testid=show-hint]');
  assert.equal((await summary.textContent()).trim(), 'Show hint');
  assert.equal(await hint.locator('[data-testid=hint-text]').first().isVisible(), false, 'the hint shows before it is asked for');
  assert.match(await page.locator('li.ex[data-exercise="filters/conv2d_strided"] ~ p.note.small code').textContent(), /hint filters\/conv2d_strided$/);
  await summary.click();
  const texts = hint.locator('[data-testid=hint-text]');
  await texts.first().waitFor({ state: 'visible', timeout: 5000 });
  assert.deepEqual(await texts.allTextContents(), [hints[0].en]);
  assert.match(await hint.locator('[data-testid=hint-mistake]').textContent(), /^This is what you get when .*k\/2/);
  await hint.locator('[data-testid=next-hint]').click();
  assert.deepEqual(await texts.allTextContents(), hints.slice(0, 2).map((x) => x.en));
  await page.evaluate(() => document.querySelector('[data-testid=hint]').scrollIntoView());
  await hint.screenshot({ path: join(artifacts, 'serve-hint.png') });
  await shot(page, 'serve-progress-hint', { fullPage: false });
  await page.click('#lang');
  assert.equal((await summary.textContent()).trim(), '힌트 보기');
  assert.deepEqual(await texts.allTextContents(), hints.slice(0, 2).map((x) => x.ko), 'the Korean page does not show the Korean hints');
  assert.match(await hint.locator('[data-testid=hint-mistake]').textContent(), /^이 답은 /);
  await hint.screenshot({ path: join(artifacts, 'serve-hint-korean.png') });
  await page.click('#lang');

  // The button opens the explorer on the case's layer.
  const href = await box.locator('[data-testid=open-explorer]').getAttribute('href');
  const ex = await browser.context.newPage();
  await ex.goto(new URL(href, url).href);
  await ex.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  const c = JSON.parse(decodeURIComponent(href.split('#case=')[1]));
  const built = await ex.evaluate(() => globalThis.convlingsExplorer.lastCase);
  assert.deepEqual(built.input, c.input, 'the explorer did not load the case\'s input');
  assert.match(await ex.textContent('[data-testid=output-shape]'), /^\(None, /);
  await shot(ex, 'serve-explorer-from-case');
  await ex.close();

  writeFileSync(lessonFile(), solution());
  const greenAfter = await waitStatus(page, 'filters/conv2d_strided', 'passed', 60000);
  console.log(`# green ${greenAfter} ms after the fix`);
  for (const id of ['filters/conv2d_dilated', 'filters/conv1d']) await waitStatus(page, id, 'passed', 1000);
  assert.equal(await page.locator('li.ex[data-exercise^="filters/"] ~ section.case').count(), 0, 'a case still drawn after the fix');
  await page.click('#lang');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'serve-progress-korean', { fullPage: false });
  assert.ok(requests.every((u) => u.startsWith(url)), `requests outside the server: ${requests.filter((u) => !u.startsWith(url))}`);
  await page.close();
});

// Lesson code can print anything, forged case records included: the page
// draws what reaches it as text. The stream is replaced by one state whose
// hint, mistake, case and message hold markup.
test('the progress page draws the hint and the cases as text, never markup', async () => {
  const page = await browser.context.newPage();
  const evil = '<img src=x data-evil=1><b data-evil=1>bold</b> & </script>';
  const ex = {
    id: 'filters/conv2d_strided', status: 'failed', message: evil, hint_command: 'go run ./tools/checker hint filters/conv2d_strided',
    hint: { texts: ['first ' + evil, 'second ' + evil], mistake: evil, mistake_id: 'post_rule' },
    cases: [{ exercise: 'filters/conv2d_strided', test: 'TestConv2DStrided', case: evil, call: evil, want: { error: evil }, got: { panic: evil }, mistake: { id: 'x', en: evil, ko: evil } }],
  };
  const view = { exercises: 1, exercises_passed: 0, lessons: [{ name: 'filters', title: evil, exercises: [ex] }] };
  const state = { status: 'done', ran: new Date().toISOString(), progress: { en: view, ko: view } };
  await page.route('**/events', (route) => route.fulfill({
    status: 200, contentType: 'text/event-stream', body: `event: state\ndata: ${JSON.stringify(state)}\n\n`,
  }));
  await page.goto(url + '?lang=en');
  const hint = page.locator('[data-testid=hint]');
  await hint.waitFor({ timeout: 10000 });
  await hint.locator('[data-testid=show-hint]').click();
  await hint.locator('[data-testid=next-hint]').click();
  assert.deepEqual(await hint.locator('[data-testid=hint-text]').allTextContents(), ['first ' + evil, 'second ' + evil]);
  assert.equal(await hint.locator('[data-testid=hint-mistake]').textContent(), 'This is what you get when ' + evil);
  assert.equal(await page.locator('[data-evil]').count(), 0, 'text from the tests became elements');
  assert.ok((await page.textContent('#lessons')).includes(evil), 'the text is not shown as it came');
  await page.close();
});
