// Shared by the browser tests: the repository, the built explorer folder,
// tools/eval as the reference, and where screenshots go.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const artifacts = join(repo, 'tools/explorer/e2e/artifacts');
mkdirSync(artifacts, { recursive: true });

let site = null;

// buildSite runs the documented build command once and returns the URL of
// the folder's index.html, opened from disk.
export function buildSite() {
  if (site) return site;
  const dir = join(mkdtempSync(join(tmpdir(), 'convlings-explorer-')), 'site');
  execFileSync('go', ['run', './tools/explorer', '-o', dir], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  site = { dir, url: pathToFileURL(join(dir, 'index.html')).href };
  return site;
}

// runEval answers cases with `go run ./tools/eval`, the library's command.
export function runEval(cases) {
  const out = execFileSync('go', ['run', './tools/eval'], { cwd: repo, input: JSON.stringify(cases), maxBuffer: 1 << 26 });
  return JSON.parse(out.toString());
}

// caseURL opens the explorer on a layer case, as checker serve's button does.
export function caseURL(base, c, lang) {
  return base + (lang ? `?lang=${lang}` : '') + '#case=' + encodeURIComponent(JSON.stringify(c));
}

export function shot(page, name, opts = {}) {
  return page.screenshot(Object.assign({ path: join(artifacts, name + '.png'), fullPage: true }, opts));
}
