// The explorer, opened from a folder (file://) in headless Chromium: its
// shapes, values and errors equal tools/eval's, a click on an output cell
// highlights exactly its window, and the Korean page has no English
// sentence outside code.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';
import { buildSite, runEval, caseURL, shot } from './common.mjs';

let browser, site;

before(async () => {
  site = buildSite();
  browser = await launch();
});
after(async () => { if (browser) await browser.close(); });

// vals returns n small values with both signs and a fraction, so that
// a wrong window or order shows.
const vals = (n, seed = 1) => Array.from({ length: n }, (_, i) => ((i * 7 + seed * 3) % 11) - 5 + (i % 3 === 0 ? 0.25 : 0));

function layerCase(layer, config, shape, withWeights) {
  const n = shape.reduce((a, b) => a * b, 1);
  const c = { layer, config, input_shape: shape, input: vals(n) };
  if (withWeights) {
    const k = Array.isArray(config.kernel_size) ? config.kernel_size : Array(shape.length - 2).fill(config.kernel_size);
    const kn = k.reduce((a, b) => a * b, 1) * shape[shape.length - 1] * config.filters;
    c.weights = { kernel: vals(kn, 5).map((v) => v / 2), bias: config.use_bias === false ? null : vals(config.filters, 2) };
  }
  return c;
}

// The configurations compared with tools/eval: every operation of the
// lessons, the post's examples and the cases where its rule breaks.
const cases = [
  ['conv2d_same_stride2_odd', layerCase('Conv2D', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, [1, 5, 6, 1], true)],
  ['conv2d_same_even_kernel', layerCase('Conv2D', { filters: 1, kernel_size: [2, 4], padding: 'same' }, [1, 4, 5, 2], true)],
  ['conv2d_valid_dilated', layerCase('Conv2D', { filters: 1, kernel_size: 2, dilation_rate: 2, padding: 'valid' }, [1, 6, 5, 1], true)],
  ['conv2d_no_bias_channels', layerCase('Conv2D', { filters: 3, kernel_size: 2, use_bias: false }, [1, 3, 4, 2], true)],
  ['conv1d_same_stride3', layerCase('Conv1D', { filters: 2, kernel_size: 3, strides: 3, padding: 'same' }, [1, 8, 2], true)],
  ['conv1d_causal_dilated', layerCase('Conv1D', { filters: 1, kernel_size: 3, dilation_rate: 2, padding: 'causal' }, [1, 7, 1], true)],
  ['maxpool2d_same_stride2', layerCase('MaxPooling2D', { pool_size: 2, strides: 2, padding: 'same' }, [1, 5, 5, 2])],
  ['maxpool2d_default_strides', layerCase('MaxPooling2D', { pool_size: [3, 2] }, [1, 7, 5, 1])],
  ['avgpool2d_same_3', layerCase('AveragePooling2D', { pool_size: 3, strides: 1, padding: 'same' }, [1, 4, 4, 1])],
  ['avgpool1d_valid', layerCase('AveragePooling1D', { pool_size: 2, strides: 1 }, [1, 6, 2])],
  ['maxpool1d_same', layerCase('MaxPooling1D', { pool_size: 3, strides: 2, padding: 'same' }, [1, 6, 1])],
  ['global_avg2d', layerCase('GlobalAveragePooling2D', { keepdims: false }, [1, 3, 4, 3])],
  ['global_max1d_keepdims', layerCase('GlobalMaxPooling1D', { keepdims: true }, [1, 5, 2])],
  ['zeropad2d_asymmetric', layerCase('ZeroPadding2D', { padding: [[0, 2], [1, 3]] }, [1, 2, 3, 1])],
  ['zeropad1d', layerCase('ZeroPadding1D', { padding: 2 }, [1, 3, 2])],
];

// The arguments Keras rejects: the page must show the library's message.
const errors = [
  ['conv_valid_too_small', layerCase('Conv2D', { filters: 1, kernel_size: 5 }, [1, 3, 3, 1], true), 'nonpositive_output'],
  ['conv_stride_and_dilation', layerCase('Conv1D', { filters: 1, kernel_size: 2, strides: 2, dilation_rate: 2 }, [1, 9, 1], true), 'stride_dilation_conflict'],
  ['pool_upper_case_padding', layerCase('MaxPooling2D', { pool_size: 2, padding: 'SAME' }, [1, 4, 4, 1]), 'invalid_padding_mode'],
  ['pool_zero_size', layerCase('AveragePooling1D', { pool_size: 0 }, [1, 4, 1]), 'nonpositive_argument'],
  ['zeropad_negative', layerCase('ZeroPadding1D', { padding: -1 }, [1, 4, 1]), 'nonpositive_argument'],
];

async function open(url) {
  const page = await browser.context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  return { page, requests, problems };
}

// readOutput reads the output grid back into a flat NHWC array.
async function readOutput(page) {
  return page.$$eval('.output-grid', (grids) => {
    const out = [];
    const C = grids.length;
    grids.forEach((g, k) => {
      const cells = [...g.querySelectorAll('button.cell')];
      cells.forEach((b, idx) => { out[idx * C + k] = Number(b.dataset.value); });
    });
    return out;
  });
}

test('the explorer opened from a folder shows tools/eval\'s shapes and values', async () => {
  const shown = [];
  for (const [name, c] of cases) {
    const { page, requests, problems } = await open(caseURL(site.url, c));
    const built = await page.evaluate(() => globalThis.convlingsExplorer.lastCase);
    assert.deepEqual(built.input, c.input, `${name}: the page used other input values`);
    if (c.weights) assert.deepEqual(built.weights.kernel, c.weights.kernel, `${name}: the page used other weights`);
    const shape = await page.textContent('[data-testid=output-shape]');
    const values = await readOutput(page);
    shown.push({ name, shape, values, built });
    assert.deepEqual(problems, [], `${name}: page errors`);
    assert.ok(requests.every((u) => u.startsWith('file:')), `${name}: requests outside the folder: ${requests.filter((u) => !u.startsWith('file:'))}`);
    if (name === 'conv2d_same_stride2_odd') {
      await page.click('.output-grid button.cell >> nth=1');
      await shot(page, 'explorer-conv2d-same-stride2');
    }
    if (name === 'maxpool2d_same_stride2') {
      await page.click('.output-grid button.cell >> nth=4');
      await shot(page, 'explorer-maxpool2d-same');
    }
    await page.close();
  }
  const want = runEval(cases.map(([, c]) => c));
  const asBuilt = runEval(shown.map((s) => s.built));
  shown.forEach((s, i) => {
    assert.equal(want[i].error, undefined, `${s.name}: tools/eval failed: ${JSON.stringify(want[i].error)}`);
    assert.equal(s.shape, want[i].output_shape, `${s.name}: output shape`);
    assert.equal(asBuilt[i].output_shape, want[i].output_shape, `${s.name}: the page's case differs from the test's`);
    assert.deepEqual(s.values, want[i].values, `${s.name}: values`);
  });
});

test('every error Keras raises appears as the library\'s message', async () => {
  const shown = [];
  for (const [name, c] of errors) {
    const { page } = await open(caseURL(site.url, c));
    const msg = await page.textContent('[data-testid=error-message]');
    const built = await page.evaluate(() => globalThis.convlingsExplorer.lastCase);
    assert.equal(await page.$('.output-grid'), null, `${name}: an output drawn beside the error`);
    shown.push({ name, msg, built });
    if (name === 'conv_valid_too_small') await shot(page, 'explorer-error');
    await page.close();
  }
  const want = runEval(errors.map(([, c]) => c));
  const asBuilt = runEval(shown.map((s) => s.built));
  shown.forEach((s, i) => {
    assert.equal(want[i].error?.kind, errors[i][2], `${s.name}: tools/eval's kind`);
    assert.equal(asBuilt[i].error?.kind, errors[i][2], `${s.name}: kind of the page's case`);
    assert.equal(s.msg, asBuilt[i].error.message, `${s.name}: message`);
  });
});

// kerasAxis is the test's own statement of the Keras window rule.
function kerasAxis(n, k, s, d, mode) {
  const keff = (k - 1) * d + 1;
  let out, before = 0;
  if (mode === 'same') {
    out = Math.ceil(n / s);
    before = Math.floor(Math.max(0, (out - 1) * s + keff - n) / 2);
  } else if (mode === 'causal') {
    out = Math.ceil(n / s);
    before = keff - 1;
  } else {
    out = Math.floor((n - keff) / s) + 1;
  }
  return { out, win: (o) => Array.from({ length: k }, (_, t) => o * s - before + t * d) };
}

test('clicking an output cell highlights exactly the input cells of its window', async () => {
  const configs = [
    ['conv2d_same_stride2', 'Conv2D', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, [1, 5, 6, 2], [3, 3], [2, 2], [1, 1], 'same'],
    ['conv2d_dilated', 'Conv2D', { filters: 1, kernel_size: [2, 3], dilation_rate: [2, 1], padding: 'same' }, [1, 5, 4, 1], [2, 3], [1, 1], [2, 1], 'same'],
    ['maxpool2d_valid', 'MaxPooling2D', { pool_size: 2, strides: [1, 2] }, [1, 4, 5, 2], [2, 2], [1, 2], [1, 1], 'valid'],
    ['conv1d_causal', 'Conv1D', { filters: 1, kernel_size: 3, dilation_rate: 2, padding: 'causal' }, [1, 6, 2], [1, 3], [1, 1], [1, 2], 'causal'],
    ['avgpool1d_same', 'AveragePooling1D', { pool_size: 4, strides: 3, padding: 'same' }, [1, 7, 1], [1, 4], [1, 3], [1, 1], 'same'],
  ];
  for (const [name, layer, config, shape, k, s, d, mode] of configs) {
    const c = layerCase(layer, config, shape, layer.startsWith('Conv'));
    const { page } = await open(caseURL(site.url, c));
    const rank = shape.length - 2;
    const H = rank === 2 ? shape[1] : 1, W = shape[rank === 2 ? 2 : 1], C = shape[shape.length - 1];
    const ah = kerasAxis(H, k[0], s[0], d[0], rank === 2 ? mode : 'valid');
    const aw = kerasAxis(W, k[1], s[1], d[1], mode);
    const buttons = await page.$$('.output-grid button.cell');
    assert.ok(buttons.length > 0, `${name}: no output cells`);
    const outCh = layer.startsWith('Conv') ? config.filters : C;
    assert.equal(buttons.length, ah.out * aw.out * outCh, `${name}: output cells`);
    for (let idx = 0; idx < buttons.length; idx++) {
      const b = (await page.$$('.output-grid button.cell'))[idx];
      const [r, col, ch] = await b.evaluate((e) => [+e.dataset.r, +e.dataset.c, +e.dataset.ch]);
      await b.click();
      const got = (await page.$$eval('.input-grid .cell.win', (cells) => cells.map((e) => `${e.dataset.i},${e.dataset.j},${e.dataset.ch}`))).sort();
      const want = [];
      const chans = layer.startsWith('Conv') ? [...Array(C).keys()] : [ch];
      for (const i of ah.win(r)) for (const j of aw.win(col)) for (const q of chans) want.push(`${i},${j},${q}`);
      assert.deepEqual(got, [...new Set(want)].sort(), `${name}: output cell [${r}, ${col}] channel ${ch}`);
    }
    await page.close();
  }
});

test('the keyboard selects output cells and steps the window', async () => {
  const c = layerCase('Conv2D', { filters: 1, kernel_size: 3, padding: 'same' }, [1, 4, 4, 1], true);
  const { page } = await open(caseURL(site.url, c));
  await page.focus('.output-grid button.cell');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  const sel = await page.$eval('.output-grid .cell.win', (e) => [e.dataset.r, e.dataset.c]);
  assert.deepEqual(sel, ['1', '1']);
  await page.click('#step');
  const next = await page.$eval('.output-grid .cell.win', (e) => [e.dataset.r, e.dataset.c]);
  assert.deepEqual(next, ['1', '2']);
  assert.match(await page.textContent('[data-testid=formula]'), /=/);
  await page.close();
});

test('play steps the window by itself, and pause stops it', async () => {
  const c = layerCase('MaxPooling1D', { pool_size: 2, strides: 1 }, [1, 5, 1]);
  const { page } = await open(caseURL(site.url, c));
  await page.click('#play');
  await page.waitForSelector('.output-grid .cell.win[data-c="2"]', { timeout: 10000 });
  await page.click('#play');
  const at = await page.$eval('.output-grid .cell.win', (e) => e.dataset.c);
  await page.waitForTimeout(2000);
  assert.equal(await page.$eval('.output-grid .cell.win', (e) => e.dataset.c), at, 'the window moved after pause');
  assert.equal(await page.textContent('#play'), '\u25b6 Play');
  await page.close();
});

test('the post\'s k/2 overlay marks where Keras differs, and \'valid\' marks cells never read', async () => {
  const c = layerCase('Conv2D', { filters: 1, kernel_size: 2, strides: 1, padding: 'same' }, [1, 4, 4, 1], true);
  const { page } = await open(caseURL(site.url, c));
  await page.check('#f-post');
  // k = 2: the post pads 1 on each side; Keras pads 0 before and 1 after.
  assert.ok((await page.$$('.input-grid .cell.post-only')).length > 0, 'no cell marked as the post\'s padding only');
  assert.ok((await page.$$('.input-grid .cell.odd')).length > 0, 'no odd padding cell after');
  await shot(page, 'explorer-post-rule');
  await page.selectOption('#f-padding', 'valid');
  await page.fill('#f-sh', '3');
  await page.fill('#f-sw', '3');
  // 4 cells, kernel 2, stride 3: windows read 0,1 and 3,... so cell 2 is never read.
  const never = await page.$$eval('.input-grid .cell.never', (cells) => cells.map((e) => `${e.dataset.i},${e.dataset.j}`));
  assert.ok(never.includes('2,0') && never.includes('0,2'), `cells never read: ${never}`);
  await page.close();
});

test('the Korean page has no English sentence outside code', async () => {
  const c = layerCase('Conv2D', { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, [1, 5, 5, 1], true);
  const { page } = await open(caseURL(site.url, c, 'ko'));
  await page.click('.output-grid button.cell >> nth=0');
  await page.check('#f-post');
  const text = await page.evaluate(() => {
    const root = document.body.cloneNode(true);
    // Code, and the button naming the other language in that language.
    for (const e of root.querySelectorAll('code, select, script, [lang="en"]')) e.remove();
    const opts = [...document.querySelectorAll('option')].map((o) => o.textContent);
    return [root.innerText, ...opts].join('\n');
  });
  const english = text.match(/[A-Za-z]{2,}(?:[ \t,'’]+[A-Za-z]{2,}){2,}/g);
  assert.equal(english, null, `English on the Korean page: ${english}`);
  assert.match(text, /윈도우/);
  assert.match(text, /필터/);
  await shot(page, 'explorer-korean');
  await page.close();
});

test('the page stays readable at 200% zoom', async () => {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 640, height: 800 });
  const c = layerCase('Conv2D', { filters: 2, kernel_size: 3, padding: 'same' }, [1, 6, 6, 1], true);
  await page.goto(caseURL(site.url, c));
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px at 640 CSS px wide`);
  await shot(page, 'explorer-zoom-200');
  await page.close();
});
