// Writes tools/explorer/explorer.png, the README's picture of the explorer:
// node screenshot.mjs (after go run ./tools/explorer, which it runs).
import { launch } from './browser.mjs';
import { buildSite, caseURL, repo } from './common.mjs';
import { join } from 'node:path';

const site = buildSite();
const { context, close } = await launch();
const page = await context.newPage();
await page.setViewportSize({ width: 1180, height: 900 });
const n = 5 * 6;
const c = {
  layer: 'Conv2D', config: { filters: 1, kernel_size: 3, strides: 2, padding: 'same' }, input_shape: [1, 5, 6, 1],
  input: Array.from({ length: n }, (_, i) => i + 1), weights: { kernel: [1, 0, -1, 2, 0, -2, 1, 0, -1], bias: [0.5] },
};
await page.goto(caseURL(site.url, c));
await page.waitForSelector('body[data-ready="true"]');
await page.check('#f-post');
await page.click('.output-grid button.cell >> nth=2');
const box = await page.locator('#views').boundingBox();
await page.screenshot({ path: join(repo, 'tools/explorer/explorer.png'), clip: { x: 0, y: box.y - 8, width: 1180, height: Math.min(box.height + 16, 700) } });
await close();
