// tfjs-eval.mjs computes the cases of tools/eval's input format with
// TensorFlow.js 4.22 Keras layers on the pure-JS CPU backend, and prints the
// results in tools/eval's output format, so the two can be compared.
//
//	node tools/tfjs/tfjs-eval.mjs [cases.json] > results.json   (stdin without an argument)
//
// Each layer is built from the case's config with tf.layers, its weights set
// with layer.setWeights, and applied to the input tensor. Where TensorFlow.js
// 4.22 deviates from Keras 3 (../shared/docs/keras-semantics.md §9) the
// result follows Keras, and the entry says how in "notes":
//
//   - conv padding is lower-cased first, as Keras's standardize_padding does
//     (tfjs is case-sensitive and would reject 'SAME');
//   - a 3-D 'same' window whose TensorFlow padding total is negative on some
//     axis (k_eff < s) is computed with explicit padding clamped at 0 and a
//     'valid' layer, because tfjs's get3DPadAndOutInfo does not clamp and
//     shifts every window by one;
//   - an output length ≤ 0 under 'valid', which tfjs reports as a 0 or
//     negative dimension, becomes Keras's nonpositive_output error;
//   - ZeroPadding2D's mixed forms such as (1, (2, 3)) are normalised to
//     explicit pairs first (tfjs mishandles them);
//   - layers tfjs lacks are built from tfjs layers it has: ZeroPadding1D and
//     ZeroPadding3D from zeroPadding2d over reshaped inputs,
//     GlobalMax/AveragePooling3D from the 1-D global layer over (N, D·H·W, C),
//     and keepdims=True by reshaping the global layer's (N, C) output.
//   - data_format 'channels_first'/'channels_last' (any case) is respelled
//     'channelsFirst'/'channelsLast', the only spellings tfjs takes;
//   - what tfjs cannot run as one layer is built from tfjs layers the way
//     Keras defines it: Conv1D padding='causal' as a left tf.pad and a
//     'valid' layer; groups > 1 as one layer per group on its channel slice,
//     concatenated (Keras's own conv_test.py reference); channels_first
//     where tfjs lacks it (1-D pooling, 1-D/3-D global pooling) or gets it
//     wrong (Conv1D's output is never transposed back) by transposing to
//     channels-last and back. Conv2D/3D, 2-D/3-D pooling and 2-D global
//     pooling run tfjs's own channelsFirst code.
//
// Cases whose Keras result tfjs cannot produce at all are skipped with a
// reason (SKIP_RULES below); a skip is reported as a skip, never a pass.

import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// CaseError is an error result in tools/eval's vocabulary of kinds.
export class CaseError extends Error {
  constructor(kind, message, note) {
    super(message);
    this.kind = kind;
    this.note = note;
  }
}

// Skip says that tfjs cannot check this case, and why.
export class Skip extends Error {}

// KIND_PATTERNS maps TensorFlow.js error messages to tools/eval's error kinds.
// An error that matches none is reported as kind "tfjs_unclassified", which
// never equals a Go kind, so an unexpected tfjs failure fails the check.
const KIND_PATTERNS = [
  [/is not a valid PaddingMode/, 'invalid_padding_mode'],
  [/is not a valid DataFormat/, 'nonpositive_argument'],
  [/Either strides? or dilations? must be 1/, 'stride_dilation_conflict'],
  [/expected config\.filters to be a 'number' > 0|to be a positive integer, but got/, 'nonpositive_argument'],
  [
    /argument must be an integer or tuple of \d+ integers|expected to have a length of|must be a number or an Array of a single number|expects (?:\w+ )?padding to be a length-\d array|not compatible with provided weight shape|with a weight list of length|the tensor should have \d+ values but has/,
    'invalid_argument_shape',
  ],
  [/Input \d+ is incompatible with layer .*expected (?:min_)?ndim=/, 'input_rank'],
];

function classify(e) {
  if (e instanceof CaseError || e instanceof Skip) return e;
  const msg = String(e && e.message ? e.message : e).split('\n')[0];
  for (const [re, kind] of KIND_PATTERNS) {
    if (re.test(msg)) return new CaseError(kind, `tfjs: ${msg}`);
  }
  return new CaseError('tfjs_unclassified', `tfjs: ${e && e.name ? e.name + ': ' : ''}${msg}`);
}

const isList = Array.isArray;
const isInt = Number.isInteger;
const prod = (a) => a.reduce((p, v) => p * v, 1);

// tuple expands an int-or-list argument to rank entries for the harness's
// own arithmetic (3-D padding); the layer itself gets the original form.
function tuple(v, rank, def) {
  if (v === null || v === undefined) return Array(rank).fill(def);
  if (!isList(v)) return Array(rank).fill(v);
  return v.length === 1 ? Array(rank).fill(v[0]) : v;
}

// ADAPTATIONS: the tags of "notes", each a way the result is made to follow
// Keras where TensorFlow.js 4.22 deviates or lacks a layer.
export const ADAPTATIONS = {
  conv_padding_case: "conv padding lower-cased first, as Keras's standardize_padding does (tfjs is case-sensitive)",
  clamped_3d_same: "3-D 'same' with a negative TF padding total on some axis: Keras's clamped padding made explicit, then a 'valid' tfjs layer (tfjs does not clamp and shifts the windows)",
  valid_output_raised: "tfjs's own output length ≤ 0 under 'valid' turned into Keras's nonpositive_output error (tfjs does not raise)",
  zero_padding_mixed_form: 'ZeroPadding2D mixed form such as (1, (2, 3)) normalised to explicit pairs (tfjs mishandles it)',
  emulated_zero_padding: 'ZeroPadding1D/3D computed with tfjs zeroPadding2d over a reshaped input (tfjs has no such layer)',
  emulated_global_3d: 'GlobalMax/AveragePooling3D computed with the 1-D global tfjs layer over (N, D·H·W, C) (tfjs has no such layer)',
  emulated_keepdims: "keepdims=True: the global layer's (N, C) output reshaped to (N, 1, …, 1, C) (tfjs has no keepdims)",
  data_format_spelling: "data_format 'channels_first'/'channels_last' (any case, as Keras lower-cases it) passed to tfjs as 'channelsFirst'/'channelsLast'",
  emulated_channels_first: 'channels_first computed by transposing the input to channels-last and the output back (tfjs 4.22 has no channels_first 1-D pooling or global pooling, and its channels_first Conv1D never transposes its output back)',
  emulated_causal: "Conv1D padding='causal' computed as Keras defines it: k_eff − 1 zeros padded on the left, then a 'valid' tfjs layer (tfjs 4.22 throws NotImplementedError)",
  emulated_groups: "groups > 1 computed as Keras's conv_test.py computes its reference: one tfjs layer per group on its channel slice, outputs concatenated (tfjs 4.22 has no groups and ignores the argument)",
  case_format: 'an error the case format itself defines (no tfjs code involved)',
};

// SKIP_RULES: Keras results that TensorFlow.js 4.22 cannot produce. Each rule
// returns a reason or null for (class, config, input shape).
export const SKIP_RULES = [
  {
    name: 'conv_nonpositive_tuple',
    why: 'Keras raises nonpositive_argument for a kernel_size, strides or dilation_rate entry ≤ 0; tfjs 4.22 accepts kernel_size and dilation_rate 0 and dies on strides 0 with "Invalid typed array length: Infinity"',
    test: (cls, cfg) =>
      /^Conv[123]D$/.test(cls) &&
      ['kernel_size', 'strides', 'dilation_rate'].some((k) => [cfg[k]].flat(2).some((v) => typeof v === 'number' && v <= 0)),
  },
  {
    name: 'pool_tuple_length',
    why: 'Keras raises invalid_argument_shape for a pool_size or strides tuple of the wrong length; tfjs 4.22 accepts one for 3-D pooling and fails with a NaN shape for a 2-D pool_size',
    test: (cls, cfg) => {
      const m = /^(Max|Average)Pooling([23])D$/.exec(cls);
      if (!m) return false;
      const rank = Number(m[2]);
      const bad = (v) => isList(v) && v.length !== rank;
      return bad(cfg.pool_size) || (rank === 3 && bad(cfg.strides));
    },
  },
  {
    name: 'average_pool_size_required',
    why: 'Keras 3 requires AveragePooling pool_size (missing_argument); tfjs 4.22 defaults it to 2',
    test: (cls, cfg) => /^AveragePooling[123]D$/.test(cls) && (cfg.pool_size === null || cfg.pool_size === undefined),
  },
  {
    name: 'zero_padding_negative',
    why: 'Keras rejects negative padding entries (and the Go library, by decision, a bare negative int too); tfjs 4.22 crops instead',
    test: (cls, cfg) => /^ZeroPadding[123]D$/.test(cls) && [cfg.padding].flat(2).some((v) => typeof v === 'number' && v < 0),
  },
  {
    name: 'zero_padding_emulated_form',
    why: 'tfjs 4.22 has no ZeroPadding1D/3D; the emulation through zeroPadding2d only takes forms Keras accepts, so it cannot check the rejection of other forms',
    test: (cls, cfg) =>
      (cls === 'ZeroPadding1D' || cls === 'ZeroPadding3D') && pairs(cfg.padding, cls === 'ZeroPadding1D' ? 1 : 3) === null,
  },
  {
    name: 'emulated_rank',
    why: 'tfjs 4.22 has no such layer, so no tfjs code checks the input rank of its emulation',
    test: (cls, cfg, shape) =>
      (cls === 'ZeroPadding1D' && shape.length !== 3) ||
      (cls === 'ZeroPadding3D' && shape.length !== 5) ||
      (/^Global(Max|Average)Pooling3D$/.test(cls) && shape.length !== 5),
  },
  {
    name: 'flatten_low_rank',
    why: 'Keras 3 Flatten accepts inputs of rank ≥ 1 ((N, 5) stays (N, 5)); tfjs 4.22 Flatten requires min_ndim=3',
    test: (cls, cfg, shape) => cls === 'Flatten' && shape.length < 3,
  },
  {
    name: 'causal_padding',
    why: "Keras rejects padding='causal' everywhere but Conv1D (invalid_padding_mode); tfjs 4.22 accepts it in every constructor, then throws NotImplementedError in Conv2D/3D and pools as 'valid'",
    test: (cls, cfg) => cls !== 'Conv1D' && typeof cfg.padding === 'string' && cfg.padding.toLowerCase() === 'causal',
  },
  {
    name: 'groups_validation',
    why: 'Keras rejects groups that are not a positive int dividing both filters and the input channels; tfjs 4.22 has no groups, so no tfjs code checks them (the emulation only runs valid groups)',
    test: (cls, cfg, shape) => {
      if (!/^Conv[123]D$/.test(cls) || cfg.groups === null || cfg.groups === undefined) return false;
      const g = cfg.groups;
      const first = typeof cfg.data_format === 'string' && cfg.data_format.toLowerCase() === 'channels_first';
      const ch = first ? shape[1] : shape.at(-1);
      return !isInt(g) || g <= 0 || !isInt(cfg.filters) || cfg.filters % g !== 0 || ch % g !== 0;
    },
  },
  {
    name: 'data_format_unchecked',
    why: 'tfjs 4.22 has no data_format argument on 1-D pooling and 1-D/3-D global pooling, so no tfjs code rejects a data_format Keras rejects there',
    test: (cls, cfg) => {
      const v = cfg.data_format;
      if (v === null || v === undefined) return false;
      const ok = typeof v === 'string' && ['channels_first', 'channels_last'].includes(v.toLowerCase());
      return !ok && /^((Max|Average)Pooling1D|Global(Max|Average)Pooling[13]D)$/.test(cls);
    },
  },
];

function skipReason(cls, cfg, shape) {
  for (const r of SKIP_RULES) if (r.test(cls, cfg, shape)) return `${r.name}: ${r.why}`;
  return null;
}

// pairs normalises a Keras ZeroPadding argument to one [before, after] pair
// per axis, or returns null for a form Keras rejects (keras-semantics.md §5).
function pairs(p, rank) {
  if (p === null || p === undefined) p = 1;
  if (isInt(p)) return Array.from({ length: rank }, () => [p, p]);
  if (!isList(p)) return null;
  if (rank === 1) return p.length === 2 && p.every(isInt) ? [[p[0], p[1]]] : null;
  if (p.length !== rank) return null;
  const out = [];
  for (const e of p) {
    if (isInt(e)) out.push([e, e]);
    else if (isList(e) && e.length === 2 && e.every(isInt)) out.push([e[0], e[1]]);
    else return null;
  }
  return out;
}

// camel turns a Keras config into tfjs layer args: snake_case keys become
// camelCase, and null (the Keras default) leaves the key out.
function camel(cfg, keys) {
  const out = {};
  for (const k of keys) {
    const v = cfg[k];
    if (v === null || v === undefined) continue;
    out[k.replace(/_([a-z])/g, (_, c) => c.toUpperCase())] = v;
  }
  return out;
}

// The Keras 'same' split (clamped at 0) and TensorFlow.js 4.22's 3-D split
// (tfjs-core conv_util.ts get3DPadAndOutInfo, not clamped), per axis.
function sameSplit(n, keff, s, clamp) {
  const out = Math.ceil(n / s);
  let total = (out - 1) * s + keff - n;
  if (clamp) total = Math.max(0, total);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

// clampedPads returns the Keras padding of a 3-D 'same' layer when tfjs
// 4.22 would place it differently, else null.
function clampedPads(shape, k, s, d) {
  let differs = false;
  const pads = [];
  for (let a = 0; a < 3; a++) {
    const keff = (k[a] - 1) * d[a] + 1;
    const keras = sameSplit(shape[a + 1], keff, s[a], true);
    const tfjs = sameSplit(shape[a + 1], keff, s[a], false);
    if (keras[0] !== tfjs[0] || keras[1] !== tfjs[1]) differs = true;
    pads.push(keras);
  }
  return differs ? [[0, 0], ...pads, [0, 0]] : null;
}

const CLAMP_NOTE =
  "clamped_3d_same: 3-D 'same' with k_eff < s: tfjs 4.22 does not clamp the padding total at 0 and shifts the windows; computed with Keras's clamped padding made explicit and a 'valid' tfjs layer";

const CONV = { Conv1D: tf.layers.conv1d, Conv2D: tf.layers.conv2d, Conv3D: tf.layers.conv3d };
const POOL = {
  MaxPooling1D: tf.layers.maxPooling1d,
  MaxPooling2D: tf.layers.maxPooling2d,
  MaxPooling3D: tf.layers.maxPooling3d,
  AveragePooling1D: tf.layers.averagePooling1d,
  AveragePooling2D: tf.layers.averagePooling2d,
  AveragePooling3D: tf.layers.averagePooling3d,
};
const GLOBAL = {
  GlobalMaxPooling1D: tf.layers.globalMaxPooling1d,
  GlobalMaxPooling2D: tf.layers.globalMaxPooling2d,
  GlobalMaxPooling3D: tf.layers.globalMaxPooling1d, // over (N, D·H·W, C)
  GlobalAveragePooling1D: tf.layers.globalAveragePooling1d,
  GlobalAveragePooling2D: tf.layers.globalAveragePooling2d,
  GlobalAveragePooling3D: tf.layers.globalAveragePooling1d, // over (N, D·H·W, C)
};
export const CLASSES = [...Object.keys(CONV), ...Object.keys(POOL), ...Object.keys(GLOBAL), 'Flatten', 'Dense', 'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D'];

// Layers made during one case, disposed after it.
let made = [];
const track = (l) => (made.push(l), l);

// symbolic applies layer to a symbolic input of shape (None, …) and returns
// the output shape with null for the batch; tfjs checks the rank here.
function symbolic(layer, shape) {
  const out = layer.apply(tf.input({ batchShape: [null, ...shape.slice(1)] }));
  return out.shape;
}

// checkPositive raises Keras's nonpositive_output where tfjs computed a
// 'valid' output length ≤ 0.
function checkPositive(cls, outShape, notes) {
  if (outShape.slice(1).some((v) => v !== null && v <= 0)) {
    throw new CaseError(
      'nonpositive_output',
      `${cls}: computed output size would be zero or negative: tfjs 4.22 gives shape ${JSON.stringify(outShape)}`,
      'valid_output_raised: tfjs 4.22 does not raise for a valid output length ≤ 0 (it returns an empty or negatively sized tensor); Keras raises, so the result is that error',
    );
  }
}

// setWeights gives layer the case's weights, shaped as tfjs built them. A
// shapes-only case (no input) needs none: the layer keeps tfjs's initial
// weights, and its output on zeros is only run for tfjs's execution checks.
function setWeights(layer, cls, w, useBias, need) {
  if (!w && !need) return;
  if (!w || !w.kernel) throw new CaseError('missing_argument', `${cls}: the case gives no weights.kernel`, 'case_format: a rule of the case format, not a tfjs check');
  const shapes = layer.getWeights().map((t) => t.shape);
  const given = [w.kernel];
  if (useBias) {
    if (!w.bias) throw new CaseError('missing_argument', `${cls}: use_bias is set but the case gives no weights.bias`, 'case_format: a rule of the case format, not a tfjs check');
    given.push(w.bias);
  }
  if (given.length !== shapes.length) {
    throw new CaseError('invalid_argument_shape', `${cls}: ${given.length} weights given, the layer has ${shapes.length}`);
  }
  layer.setWeights(given.map((v, i) => tf.tensor(v, shapes[i], 'float32')));
}

// dataFormatOf reads a Keras data_format. Keras lower-cases it and takes
// 'channels_first' or 'channels_last'; tfjs 4.22 takes only the camelCase
// 'channelsFirst' or 'channelsLast'. A valid Keras value is respelled (with
// a note); any other value is passed to tfjs as given, so that tfjs's own
// check rejects it.
function dataFormatOf(cfg, notes) {
  const v = cfg.data_format;
  if (v === null || v === undefined) return { first: false, tfjs: undefined };
  const l = typeof v === 'string' ? v.toLowerCase() : null;
  if (l === 'channels_first' || l === 'channels_last') {
    const tfjs = l === 'channels_first' ? 'channelsFirst' : 'channelsLast';
    notes.push(`data_format_spelling: data_format ${JSON.stringify(v)} passed to tfjs as '${tfjs}' (tfjs 4.22 spells the values in camelCase, case-sensitively)`);
    return { first: l === 'channels_first', tfjs };
  }
  return { first: false, tfjs: v };
}

const range = (a, b) => Array.from({ length: b - a }, (_, i) => a + i);
// toLast moves (N, C, spatial…) to (N, spatial…, C); toFirst the reverse.
const toLast = (t) => tf.transpose(t, [0, ...range(2, t.rank), 1]);
const toFirst = (t) => tf.transpose(t, [0, t.rank - 1, ...range(1, t.rank - 1)]);
const shapeLast = (s) => [s[0], ...s.slice(2), s[1]];
const shapeFirst = (s) => [s[0], s.at(-1), ...s.slice(1, -1)];

// poolLast pools x with a tfjs pooling layer built from args, with Keras's
// clamped 3-D 'same' padding made explicit when pads is not null.
function poolLast(cls, args, x, pads, notes) {
  const layer = track(POOL[cls](args));
  const outShape = symbolic(layer, [null, ...x.shape.slice(1)]);
  checkPositive(cls, outShape, notes);
  if (!pads) return { outShape, y: layer.apply(x) };
  notes.push(CLAMP_NOTE);
  const valid = track(POOL[cls]({ ...args, padding: 'valid' }));
  if (cls.startsWith('Max')) {
    // Padded cells are -Infinity, so they never win (Keras max pooling).
    return { outShape, y: valid.apply(tf.pad(x, pads, -Infinity)) };
  }
  // Keras divides by the real cells only: mean over zero-padded x
  // divided by the mean over the zero-padded mask of ones.
  return { outShape, y: tf.div(valid.apply(tf.pad(x, pads)), valid.apply(tf.pad(tf.onesLike(x), pads))) };
}

// emulatedConv computes a convolution that tfjs 4.22 cannot run as one
// layer, from tfjs conv layers it can run, the way Keras defines it:
//   - channels_first: the input transposed to channels-last, the output back
//     (tfjs's Conv1D never transposes its output back);
//   - padding='causal' (Conv1D): k_eff − 1 zeros padded on the left with
//     tf.pad, then a 'valid' layer (keras conv1d.py: ops.pad, then 'valid');
//   - groups > 1: one tfjs layer per group, on the group's slice of the
//     channels with the kernel's slice of the filters, outputs concatenated
//     on the channel axis, as Keras's own conv_test.py computes its
//     reference (tfjs has no groups; it ignores the argument).
// The kernel comes in Keras's (k…, C/groups, F) layout and is sliced with tfjs.
function emulatedConv(cls, rank, args, cfg, spec, x, df, groups, pads, notes, needWeights) {
  const F = args.filters;
  let xl = x;
  if (df.first) {
    notes.push(`emulated_channels_first: ${cls}: the input transposed to channels-last, convolved there, and the output transposed back`);
    xl = toLast(x);
  }
  const shapeArgs = { ...args };
  let padding = args.padding;
  if (padding === 'causal') {
    notes.push(`emulated_causal: ${cls} padding='causal': tfjs 4.22 does not implement it; the input is left-padded with k_eff − 1 zeros and convolved 'valid', as Keras's Conv1D does`);
    const k = tuple(cfg.kernel_size, 1, 1)[0];
    const d = tuple(cfg.dilation_rate, 1, 1)[0];
    xl = tf.pad(xl, [[0, 0], [(k - 1) * d, 0], [0, 0]]);
    padding = 'valid';
    shapeArgs.padding = 'valid';
  }
  // The output shape of the whole layer, as tfjs computes it.
  const outLayer = track(CONV[cls](shapeArgs));
  let outShape = symbolic(outLayer, [null, ...xl.shape.slice(1)]);
  checkPositive(cls, outShape, notes);
  if (pads) {
    notes.push(CLAMP_NOTE);
    xl = tf.pad(xl, pads);
    padding = 'valid';
  }
  const C = xl.shape.at(-1);
  const cg = C / groups;
  const fg = F / groups;
  if (groups > 1) {
    notes.push(`emulated_groups: ${cls} groups=${groups}: tfjs 4.22 has no grouped convolution; one tfjs layer per group on its ${cg} channels and ${fg} filters, outputs concatenated, as Keras's conv_test.py computes it`);
  }
  const useBias = cfg.use_bias !== false;
  const w = spec.weights;
  const given = !!(w && w.kernel);
  if (needWeights && !given) throw new CaseError('missing_argument', `${cls}: the case gives no weights.kernel`, 'case_format: a rule of the case format, not a tfjs check');
  if (needWeights && useBias && !w.bias) throw new CaseError('missing_argument', `${cls}: use_bias is set but the case gives no weights.bias`, 'case_format: a rule of the case format, not a tfjs check');
  const kshape = [...tuple(cfg.kernel_size, rank, 1), cg, F];
  const kernel = given ? tf.tensor(w.kernel, kshape, 'float32') : null;
  const bias = given && useBias ? tf.tensor(w.bias, [F], 'float32') : null;
  let params = 0;
  const ys = [];
  for (let g = 0; g < groups; g++) {
    const layer = track(CONV[cls]({ ...args, filters: fg, padding }));
    const xg = groups > 1 ? tf.slice(xl, [...Array(rank + 1).fill(0), g * cg], [...Array(rank + 1).fill(-1), cg]) : xl;
    symbolic(layer, [null, ...xg.shape.slice(1)]);
    params += layer.countParams();
    if (kernel) {
      const ws = [tf.slice(kernel, [...Array(rank + 1).fill(0), g * fg], [...Array(rank + 1).fill(-1), fg])];
      if (bias) ws.push(tf.slice(bias, [g * fg], [fg]));
      layer.setWeights(ws);
    }
    ys.push(layer.apply(xg));
  }
  let y = groups > 1 ? tf.concat(ys, -1) : ys[0];
  if (df.first) {
    y = toFirst(y);
    outShape = shapeFirst(outShape);
  }
  return { outShape, params, y };
}

// runLayer applies one layer spec to x (a tf.Tensor of shape (batch, …)) and
// returns { outShape (null batch), params, y }. It throws CaseError or Skip.
// needWeights is false for a shapes-only case, where x holds zeros.
function runLayer(spec, x, notes, needWeights) {
  const cls = spec.layer;
  const cfg = spec.config || {};
  const shape = [null, ...x.shape.slice(1)];
  if (!CLASSES.includes(cls)) throw new CaseError('unknown_layer', `unknown layer class ${JSON.stringify(cls)}`);
  const why = skipReason(cls, cfg, x.shape);
  if (why) throw new Skip(why);

  if (CONV[cls]) {
    const rank = Number(cls[4]);
    const args = camel(cfg, ['filters', 'kernel_size', 'strides', 'padding', 'dilation_rate', 'use_bias']);
    if (typeof args.padding === 'string' && args.padding !== args.padding.toLowerCase()) {
      notes.push(`conv_padding_case: conv padding ${JSON.stringify(args.padding)} lower-cased as Keras does; tfjs 4.22 is case-sensitive`);
      args.padding = args.padding.toLowerCase();
    }
    const df = dataFormatOf(cfg, notes);
    const groups = cfg.groups ?? 1;
    const causal = args.padding === 'causal';
    const clShape = df.first ? shapeLast(x.shape) : x.shape;
    const pads = rank === 3 && args.padding === 'same' ? clampedPads(clShape, tuple(cfg.kernel_size, 3, 1), tuple(cfg.strides, 3, 1), tuple(cfg.dilation_rate, 3, 1)) : null;
    if (groups !== 1 || causal || (df.first && (rank === 1 || pads))) {
      return emulatedConv(cls, rank, args, cfg, spec, x, df, groups, pads, notes, needWeights);
    }
    if (df.tfjs !== undefined) args.dataFormat = df.tfjs;
    const layer = track(CONV[cls](args));
    const outShape = symbolic(layer, shape);
    checkPositive(cls, outShape, notes);
    const useBias = cfg.use_bias !== false;
    setWeights(layer, cls, spec.weights, useBias, needWeights);
    let y;
    if (pads) {
      notes.push(CLAMP_NOTE);
      const valid = track(CONV[cls]({ ...args, padding: 'valid' }));
      const xp = tf.pad(x, pads);
      symbolic(valid, xp.shape);
      valid.setWeights(layer.getWeights());
      y = valid.apply(xp);
    } else {
      y = layer.apply(x);
    }
    return { outShape, params: layer.countParams(), y };
  }

  if (POOL[cls]) {
    const rank = Number(cls.at(-2));
    const args = camel(cfg, ['pool_size', 'strides', 'padding']);
    const df = dataFormatOf(cfg, notes);
    const clShape = df.first ? shapeLast(x.shape) : x.shape;
    const k = tuple(cfg.pool_size, rank, 2);
    const pads = rank === 3 && args.padding === 'same' ? clampedPads(clShape, k, tuple(cfg.strides, 3, null).map((v, i) => v ?? k[i]), [1, 1, 1]) : null;
    if (df.first && (rank === 1 || pads)) {
      // tfjs 4.22's 1-D pooling has no dataFormat, and the clamped 3-D
      // emulation below pads a channels-last tensor.
      notes.push(`emulated_channels_first: ${cls}: the input transposed to channels-last, pooled there, and the output transposed back`);
      const r = poolLast(cls, args, toLast(x), pads, notes);
      return { outShape: shapeFirst(r.outShape), params: 0, y: toFirst(r.y) };
    }
    if (df.tfjs !== undefined && rank > 1) args.dataFormat = df.tfjs;
    return { ...poolLast(cls, args, x, pads, notes), params: 0 };
  }

  if (GLOBAL[cls]) {
    const rank = Number(cls.at(-2));
    const df = dataFormatOf(cfg, notes);
    let xin = x;
    const args = {};
    if (df.first && rank !== 2) {
      notes.push(`emulated_channels_first: ${cls}: tfjs 4.22 has no channels_first ${rank}-D global pooling; the input transposed to channels-last first`);
      xin = toLast(x);
    } else if (df.tfjs !== undefined && rank === 2) {
      args.dataFormat = df.tfjs;
    }
    const layer = track(GLOBAL[cls](args));
    if (rank === 3) {
      notes.push(`emulated_global_3d: ${cls}: tfjs 4.22 has no 3-D global pooling; computed with the 1-D global layer over (N, D·H·W, C)`);
      xin = tf.reshape(xin, [xin.shape[0], prod(xin.shape.slice(1, -1)), xin.shape.at(-1)]);
    }
    let outShape = symbolic(layer, [null, ...xin.shape.slice(1)]);
    let y = layer.apply(xin);
    if (cfg.keepdims === true) {
      notes.push('emulated_keepdims: keepdims=True: tfjs 4.22 has no keepdims; the (N, C) output is reshaped to (N, 1, …, 1, C), or (N, C, 1, …, 1) under channels_first');
      const ones = Array(rank).fill(1);
      outShape = df.first ? [null, outShape[1], ...ones] : [null, ...ones, outShape[1]];
      y = tf.reshape(y, df.first ? [x.shape[0], y.shape[1], ...ones] : [x.shape[0], ...ones, y.shape[1]]);
    }
    return { outShape, params: 0, y };
  }

  if (cls === 'Flatten') {
    const layer = track(tf.layers.flatten({}));
    return { outShape: symbolic(layer, shape), params: 0, y: layer.apply(x) };
  }

  if (cls === 'Dense') {
    const layer = track(tf.layers.dense(camel(cfg, ['units', 'use_bias'])));
    const outShape = symbolic(layer, shape);
    setWeights(layer, cls, spec.weights, cfg.use_bias !== false, needWeights);
    return { outShape, params: layer.countParams(), y: layer.apply(x) };
  }

  // ZeroPadding1D/2D/3D.
  let p = cfg.padding;
  if (cls === 'ZeroPadding2D') {
    if (isList(p) && p.length === 2 && p.some(isInt) && p.some(isList)) {
      notes.push(`zero_padding_mixed_form: ZeroPadding2D mixed form ${JSON.stringify(p)} normalised to explicit pairs (tfjs 4.22 mishandles mixed forms)`);
      p = pairs(p, 2);
    }
    const layer = track(tf.layers.zeroPadding2d(p === null || p === undefined ? {} : { padding: p }));
    return { outShape: symbolic(layer, shape), params: 0, y: layer.apply(x) };
  }
  notes.push(`emulated_zero_padding: ${cls}: tfjs 4.22 has no such layer; computed with zeroPadding2d over a reshaped input`);
  const pr = pairs(p, cls === 'ZeroPadding1D' ? 1 : 3);
  const [n, ...rest] = x.shape;
  const zp = (t, pp) => track(tf.layers.zeroPadding2d({ padding: pp })).apply(t);
  let y;
  if (cls === 'ZeroPadding1D') {
    // (N, W, C) as (N, 1, W, C).
    const [w, c] = rest;
    y = zp(tf.reshape(x, [n, 1, w, c]), [[0, 0], pr[0]]);
    y = tf.reshape(y, [n, y.shape[2], c]);
  } else {
    // H and W of (N·D, H, W, C), then D of (N, D, H'·W', C).
    const [d, h, w, c] = rest;
    let t = zp(tf.reshape(x, [n * d, h, w, c]), [pr[1], pr[2]]);
    const [h2, w2] = [t.shape[1], t.shape[2]];
    t = zp(tf.reshape(t, [n, d, h2 * w2, c]), [pr[0], [0, 0]]);
    y = tf.reshape(t, [n, t.shape[1], h2, w2, c]);
  }
  return { outShape: [null, ...y.shape.slice(1)], params: 0, y };
}

// keras prints a shape as Keras does: (None, 8, 8, 10).
export function kerasShape(s) {
  return '(' + s.map((v) => (v === null ? 'None' : String(v))).join(', ') + (s.length === 1 ? ',)' : ')');
}

// f32 returns the shortest decimal that reads back as the same float32.
function f32(x) {
  if (!Number.isFinite(x)) return x;
  for (let p = 1; p < 9; p++) {
    const v = Number(x.toPrecision(p));
    if (Math.fround(v) === x) return v;
  }
  return x;
}

function inputTensor(c, shape) {
  const data = c.input ?? new Array(prod(shape)).fill(0);
  return tf.tensor(data, shape, 'float32');
}

// A batch of null is None: shapes are computed with a batch of 1, and the
// result has no "shape", as in tools/eval.
function evalLayerCase(c, notes) {
  const s = c.input_shape;
  if (!isList(s) || !s.length || !s.every((v, i) => isInt(v) || (i === 0 && v === null && !c.input))) {
    throw new CaseError('bad_case', `${c.id}: input_shape must be a list of ints including the batch`, 'case_format: a rule of the case format, not a tfjs check');
  }
  const x = inputTensor(c, [s[0] ?? 1, ...s.slice(1)]);
  const r = runLayer(c, x, notes, !!c.input);
  const out = { id: c.id, output_shape: kerasShape(r.outShape) };
  if (s[0] !== null) out.shape = r.y.shape;
  out.params = r.params;
  if (c.input) out.values = Array.from(r.y.dataSync(), f32);
  return out;
}

function evalModelCase(c, notes) {
  const batch = c.batch ?? null;
  const shape = [batch ?? 1, ...(c.input_shape || [])];
  let x = inputTensor(c, shape);
  const layers = [];
  let last;
  for (const [i, spec] of (c.layers || []).entries()) {
    try {
      last = runLayer(spec, x, notes, !!c.input);
    } catch (e) {
      const err = classify(e);
      if (err instanceof Skip) throw new Skip(`layer ${i} (${spec.layer}): ${err.message}`);
      err.message = `layer ${i} (${spec.layer}): ${err.message}`;
      err.layerIndex = i;
      throw err;
    }
    layers.push({ class: spec.layer, output_shape: kerasShape(last.outShape), params: last.params });
    x = last.y;
  }
  const out = {
    id: c.id,
    layers,
    total_params: layers.reduce((s, l) => s + l.params, 0),
    output_shape: layers.length ? layers.at(-1).output_shape : kerasShape([null, ...shape.slice(1)]),
  };
  if (batch !== null) out.shape = x.shape;
  if (c.input) out.values = Array.from(x.dataSync(), f32);
  return out;
}

let ready = false;

// setup selects the pure-JS CPU backend; call it once before evaluate.
export async function setup() {
  if (ready) return;
  tf.env().set('PROD', true); // silences the "install the node backend" banner
  await tf.setBackend('cpu');
  if (tf.getBackend() !== 'cpu') throw new Error('tfjs-eval: the cpu backend is not available');
  ready = true;
}

// evaluateCase returns one result entry. Besides tools/eval's fields it may
// carry "notes" (how the result was made to follow Keras, each "tag: text"
// with a tag from ADAPTATIONS) or "skip" (why tfjs cannot check the case, as
// "rule: reason" with a rule from SKIP_RULES); an error entry from a model
// names the failing layer in "layer".
export function evaluateCase(c) {
  const notes = [];
  let out;
  try {
    out = tf.tidy(() => (c && c.kind === 'sequential' ? evalModelCase(c, notes) : evalLayerCase(c, notes)));
  } catch (e) {
    const err = classify(e);
    if (err instanceof Skip) {
      out = { id: c?.id, skip: err.message };
    } else {
      out = { id: c?.id, error: { kind: err.kind, message: err.message } };
      if (err.layerIndex !== undefined) out.layer = err.layerIndex;
      if (err.note) notes.push(err.note);
    }
  } finally {
    for (const l of made) {
      try {
        l.dispose();
      } catch {
        // never built: nothing to free
      }
    }
    made = [];
  }
  if (notes.length) out.notes = [...new Set(notes)];
  return out;
}

export function evaluate(cases) {
  return cases.map(evaluateCase);
}

// render prints one result per line, as a JSON array.
export function render(results) {
  return '[\n' + results.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const src = process.argv[2] ? readFileSync(process.argv[2], 'utf8') : readFileSync(0, 'utf8');
  await setup();
  process.stdout.write(render(evaluate(JSON.parse(src))));
}
