// check.mjs cross-checks the Go library against TensorFlow.js 4.22:
//
//	node tools/tfjs/check.mjs [-v] [--results go-results.json] [--save-tfjs tfjs-results.json]
//
// It fails unless tools/tfjs/cases.json is what gen-cases.mjs generates, runs
// the spec checks (keras-semantics.md examples computed with tfjs, and probes
// that tfjs 4.22 still deviates from Keras where tfjs-eval.mjs corrects it),
// runs `go run ./tools/eval < cases.json` (or reads --results), computes the
// same cases with tfjs-eval.mjs, and compares them case by case:
//
//   - shapes, output_shape strings, params and (for models) every layer's
//     class, output_shape and params exactly;
//   - values within TOLERANCE (below);
//   - an error against an error by kind (and in a model by the failing
//     layer's index, which tools/eval names in its message);
//   - a case tfjs cannot check (tfjs-eval's skip list) counts as skipped.
//
// It prints a line per failing case and per skip, then exactly
// "N passed, N failed" (", N skipped" when any were skipped), and exits 1 if
// anything failed.

import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');

// TOLERANCE for values: |go − tfjs| ≤ ABS + REL·max(|go|, |tfjs|).
//
// Both sides compute in float32 but in different orders (tfjs's CPU kernels
// accumulate in JS doubles or float32 blocks, the Go kernels in float32 with
// their own loop order and, in assembly kernels, FMA), and average pooling divides. A
// sum of K float32 terms in any order is within about K·2⁻²⁴·Σ|terms| of the
// exact sum, so REL = 1e-5 (~84 ulp) covers every correct order of the sums
// these cases reach (K ≤ 300), and ABS = 1e-5 covers results that cancel to
// near 0. The cases' inputs and weights are quarters (fill.mjs), so every
// conv, dense and max result is exact in float32 and any real mistake (a
// wrong window, a padded cell counted, a shifted kernel) moves a value by at
// least 1/16 of a typical magnitude: far outside this tolerance.
export const ABS = 1e-5;
export const REL = 1e-5;

const close = (a, b) => Math.abs(a - b) <= ABS + REL * Math.max(Math.abs(a), Math.abs(b));

const args = process.argv.slice(2);
const verbose = args.includes('-v');
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

let passed = 0;
let failed = 0;
let skipped = 0;
const fail = (id, msg) => {
  failed++;
  console.log(`FAIL ${id}: ${msg}`);
};
const pass = (id) => {
  passed++;
  if (verbose) console.log(`ok   ${id}`);
};

function finish() {
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

// ---- tfjs ---------------------------------------------------------------

let tfjsEval;
let tf;
try {
  tfjsEval = await import('./tfjs-eval.mjs');
  tf = await import('@tensorflow/tfjs');
} catch (e) {
  console.log(`FAIL setup: cannot load @tensorflow/tfjs (${e.message.split('\n')[0]}); run: npm ci --prefix tools/tfjs`);
  failed++;
  finish();
}
await tfjsEval.setup();

// ---- cases.json is current --------------------------------------------

const casesPath = join(here, 'cases.json');
const casesText = readFileSync(casesPath, 'utf8');
const { render: renderCases } = await import('./gen-cases.mjs');
if (renderCases() === casesText) pass('cases.json is current');
else fail('cases.json', 'differs from what gen-cases.mjs generates; run: node tools/tfjs/gen-cases.mjs');
const cases = JSON.parse(casesText);

// ---- spec checks ----------------------------------------------------------
//
// The examples of keras-semantics.md, computed through tfjs-eval.mjs, must
// come out as the document gives them; and the raw tfjs deviations that
// tfjs-eval.mjs corrects must still be there (if a tfjs upgrade fixed one,
// its correction would need a second look).

const byId = new Map(cases.map((c) => [c.id, c]));
const SPEC = [
  // §4: 3×3 input 1..9, stride 1, 'same'.
  ['averagepooling2d_semantics_example_p3_same', [3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7]],
  ['averagepooling2d_semantics_example_p2_same', [3, 4, 4.5, 6, 7, 7.5, 7.5, 8.5, 9]],
  // §2: maxPool3d([0,1,2,3,4], k=1, s=3, 'same') is [0, 3] in Keras/TF.
  ['maxpooling3d_semantics_example_k1_s3_same', [0, 3]],
  ['averagepooling3d_semantics_example_k1_s3_same', [0, 3]],
];
for (const [id, want] of SPEC) {
  const c = byId.get(id);
  const got = c && tfjsEval.evaluateCase(c).values;
  if (got && got.length === want.length && got.every((v, i) => v === want[i])) pass(`spec/${id}`);
  else fail(`spec/${id}`, `tfjs-eval gives ${JSON.stringify(got)}, keras-semantics.md says ${JSON.stringify(want)}`);
}

const probe = (id, f, want) => {
  let got;
  try {
    got = f();
  } catch (e) {
    got = `throws ${e.message.split('\n')[0]}`;
  }
  if (JSON.stringify(got) === JSON.stringify(want)) pass(`spec/${id}`);
  else fail(`spec/${id}`, `raw tfjs 4.22 gives ${JSON.stringify(got)}, expected ${JSON.stringify(want)}: the deviation tfjs-eval.mjs corrects has changed`);
};
probe(
  'tfjs_3d_same_padding_not_clamped',
  () => Array.from(tf.tidy(() => tf.maxPool3d(tf.tensor5d([0, 1, 2, 3, 4], [1, 1, 1, 5, 1]), 1, 3, 'same').dataSync())),
  [1, 4],
);
probe('tfjs_valid_output_zero_not_raised', () => tf.layers.maxPooling2d({ poolSize: 5 }).computeOutputShape([null, 4, 4, 1]), [null, 0, 0, 1]);
probe(
  'tfjs_conv_padding_case_sensitive',
  () => tf.layers.conv2d({ filters: 1, kernelSize: 1, padding: 'SAME' }) && 'accepted',
  'throws SAME is not a valid PaddingMode.  Valid values are valid,same,causal or null/undefined.',
);

// ---- both implementations -----------------------------------------------

let goResults;
const resultsFile = flag('--results');
if (resultsFile) {
  goResults = JSON.parse(readFileSync(resultsFile, 'utf8'));
} else {
  const r = spawnSync('go', ['run', './tools/eval'], { cwd: root, input: casesText, maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    fail('go run ./tools/eval', `${r.error ? r.error.message : `exit ${r.status}`}\n${(r.stderr || '').trim()}`);
    finish();
  }
  try {
    goResults = JSON.parse(r.stdout);
  } catch (e) {
    fail('go run ./tools/eval', `output is not JSON: ${e.message}`);
    finish();
  }
}
const tfjsResults = tfjsEval.evaluate(cases);
const saveTo = flag('--save-tfjs');
if (saveTo) writeFileSync(saveTo, tfjsEval.render(tfjsResults));

if (!Array.isArray(goResults) || goResults.length !== cases.length) {
  fail('go run ./tools/eval', `gave ${Array.isArray(goResults) ? goResults.length : 'no'} results for ${cases.length} cases`);
}

// ---- comparison -------------------------------------------------------------

const show = (v) => JSON.stringify(v);

// compareValues returns a description of the first value outside tolerance.
function compareValues(go, js) {
  if (!Array.isArray(go) || !Array.isArray(js)) return `values: go ${go === undefined ? 'none' : 'given'}, tfjs ${js === undefined ? 'none' : 'given'}`;
  if (go.length !== js.length) return `values: go has ${go.length}, tfjs ${js.length}`;
  let bad = 0;
  let first = -1;
  for (let i = 0; i < go.length; i++) {
    if (typeof go[i] !== 'number' || !close(go[i], js[i])) {
      bad++;
      if (first < 0) first = i;
    }
  }
  if (!bad) return null;
  return `values: ${bad} of ${go.length} differ; first at flat index ${first}: go ${go[first]}, tfjs ${js[first]}`;
}

function compareResult(go, js) {
  const diffs = [];
  const same = (what, a, b) => {
    if (show(a) !== show(b)) diffs.push(`${what}: go ${show(a)}, tfjs ${show(b)}`);
  };
  if (go.error || js.error) {
    if (!go.error) return [`go computes a result (output_shape ${go.output_shape}), tfjs: error ${js.error.kind}: ${js.error.message}`];
    if (!js.error) return [`go: error ${go.error.kind}: ${go.error.message}; tfjs computes a result (output_shape ${js.output_shape})`];
    if (go.error.kind !== js.error.kind) return [`error kind: go ${go.error.kind} (${go.error.message}), tfjs ${js.error.kind} (${js.error.message})`];
    if (js.layer !== undefined) {
      // tools/eval names the failing layer's index in its message ("layer 1 (…)").
      const m = /\blayer (\d+)\b/.exec(go.error.message || '');
      same('failing layer', go.layer ?? (m ? Number(m[1]) : 'not named'), js.layer);
    }
    return diffs;
  }
  same('output_shape', go.output_shape, js.output_shape);
  same('shape', go.shape, js.shape);
  if (js.layers) {
    const strip = (l) => l && { class: l.class, output_shape: l.output_shape, params: l.params };
    const gl = go.layers || [];
    if (gl.length !== js.layers.length) diffs.push(`layers: go has ${gl.length}, tfjs ${js.layers.length}`);
    else js.layers.forEach((l, i) => same(`layer ${i}`, strip(gl[i]), strip(l)));
    same('total_params', go.total_params, js.total_params);
  } else {
    same('params', go.params, js.params);
  }
  if (js.values !== undefined || go.values !== undefined) {
    const v = compareValues(go.values, js.values);
    if (v) diffs.push(v);
  }
  return diffs;
}

const adapted = new Map();
for (const [i, c] of cases.entries()) {
  const js = tfjsResults[i];
  const go = Array.isArray(goResults) ? goResults[i] : undefined;
  if (js.skip) {
    skipped++;
    console.log(`SKIP ${c.id}: ${js.skip}`);
    continue;
  }
  if (!go || go.id !== c.id) {
    fail(c.id, `go result ${go ? `has id ${show(go.id)}` : 'missing'}`);
    continue;
  }
  const diffs = compareResult(go, js);
  if (diffs.length) {
    fail(c.id, diffs.join('; ') + (js.notes ? ` [tfjs side: ${js.notes.join('; ')}]` : ''));
    continue;
  }
  pass(c.id);
  for (const n of js.notes || []) {
    const tag = n.split(':')[0];
    adapted.set(tag, (adapted.get(tag) || 0) + 1);
  }
}

if (adapted.size) {
  console.log('passed after following Keras where tfjs 4.22 deviates (see tools/tfjs/README.md):');
  for (const [tag, k] of adapted) console.log(`  ${String(k).padStart(3)} × ${tag}: ${tfjsEval.ADAPTATIONS[tag] ?? ''}`);
}
finish();
