// gen-cases.mjs writes cases.json, the case set of the tfjs cross-check, in
// the input format of `go run ./tools/eval` (issue 2, item 9).
//
//	node tools/tfjs/gen-cases.mjs            rewrite tools/tfjs/cases.json
//	node tools/tfjs/gen-cases.mjs --stdout   print it instead
//
// The output is a pure function of this file: running it twice gives the same
// bytes, and check.mjs fails when the committed cases.json is not current.
// Inputs and weights come from fill.mjs (the Go library's tensor.Fill, quarters
// in [-2, 2]), seeded by the case id and the tensor's role.

import { writeFileSync, renameSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { fill, seedOf } from './fill.mjs';

const prod = (a) => a.reduce((p, v) => p * v, 1);
const rankOf = (layer) => Number((/([123])D$/.exec(layer) || [0, 0])[1]);

// tupleOf expands an int-or-list argument the way Keras's standardize_tuple
// does, for sizing generated weights only (the case keeps the original form).
function tupleOf(v, rank, def) {
  if (v === null || v === undefined) return Array(rank).fill(def);
  if (typeof v === 'number') return Array(rank).fill(v);
  return v;
}

// channelsFirst reports whether a config asks for data_format='channels_first'.
const channelsFirst = (config) => typeof config.data_format === 'string' && config.data_format.toLowerCase() === 'channels_first';

// channelsOf returns the channel count of an input shape (with or without
// the batch) for a layer config.
const channelsOf = (config, shape, batch) => (channelsFirst(config) ? shape[batch ? 1 : 0] : shape[shape.length - 1]);

// weightsFor returns generated Keras-layout weights for one layer, or
// undefined for layers without weights. The kernel is (k…, C/groups, F). For error cases, opts.channels
// overrides the kernel's input channels, opts.kernelSize its spatial size and
// opts.biasLength the bias length.
function weightsFor(id, prefix, layer, config, inChannels, opts = {}) {
  const ch = opts.channels ?? inChannels;
  let kernelLen;
  let biasLen;
  if (/^Conv[123]D$/.test(layer)) {
    const k = opts.kernelSize ?? tupleOf(config.kernel_size, rankOf(layer), 1);
    kernelLen = prod(k) * Math.floor(ch / (config.groups ?? 1)) * config.filters;
    biasLen = config.filters;
  } else if (layer === 'Dense') {
    kernelLen = ch * config.units;
    biasLen = config.units;
  } else {
    return undefined;
  }
  const w = { kernel: fill(Math.max(0, kernelLen), seedOf(id, prefix + 'kernel')) };
  if (config.use_bias !== false) {
    w.bias = fill(Math.max(0, opts.biasLength ?? biasLen), seedOf(id, prefix + 'bias'));
  }
  return w;
}

const cases = [];
const seen = new Set();

function add(c) {
  if (seen.has(c.id)) throw new Error(`gen-cases: duplicate case id ${c.id}`);
  seen.add(c.id);
  cases.push(c);
}

// layerCase adds one layer case. opts.inputLength overrides the length of the
// generated input (for the data-length error case).
function layerCase(id, layer, config, inputShape, opts = {}) {
  const c = { id, layer, config, input_shape: inputShape };
  c.input = fill(opts.inputLength ?? prod(inputShape), seedOf(id, 'input'));
  const w = weightsFor(id, '', layer, config, channelsOf(config, inputShape, true), opts);
  if (w) c.weights = w;
  add(c);
}

// modelCase adds one sequential model case; layers are [class, config] pairs.
// Each layer's weights are sized from the channels its input has, which the
// generator tracks with a small shape function (exact for the layers used).
function modelCase(id, inputShape, batch, layers) {
  const c = { id, kind: 'sequential', input_shape: inputShape, batch };
  c.input = fill(batch * prod(inputShape), seedOf(id, 'input'));
  let shape = inputShape.slice();
  c.layers = layers.map(([layer, config], i) => {
    const entry = { layer, config };
    const w = weightsFor(id, `layer${i}/`, layer, config, channelsOf(config, shape, false));
    if (w) entry.weights = w;
    shape = nextShape(layer, config, shape);
    return entry;
  });
  add(c);
}

// nextShape is the output shape (without the batch) of one layer, used only
// to size the weights of the layers after it in a model case.
function nextShape(layer, config, shape) {
  if (channelsFirst(config)) {
    // Through channels-last and back: (C, spatial…) ↔ (spatial…, C).
    const out = nextShape(layer, { ...config, data_format: null }, [...shape.slice(1), shape[0]]);
    return out.length === 1 ? out : [out[out.length - 1], ...out.slice(0, -1)];
  }
  const rank = rankOf(layer);
  const spatial = (k, s, d, padding) =>
    shape.slice(0, rank).map((n, a) =>
      ['same', 'causal'].includes((padding || 'valid').toLowerCase()) ? Math.ceil(n / s[a]) : validOut(n, k[a], s[a], d[a]),
    );
  if (/^Conv/.test(layer)) {
    const k = tupleOf(config.kernel_size, rank, 1);
    const out = spatial(k, tupleOf(config.strides, rank, 1), tupleOf(config.dilation_rate, rank, 1), config.padding);
    return [...out, config.filters];
  }
  if (/^(Max|Average)Pooling/.test(layer)) {
    const k = tupleOf(config.pool_size, rank, 2);
    const s = config.strides === null || config.strides === undefined ? k : tupleOf(config.strides, rank, 1);
    return [...spatial(k, s, Array(rank).fill(1), config.padding), shape[rank]];
  }
  if (layer === 'ZeroPadding2D' && typeof config.padding === 'number') {
    return [...shape.slice(0, 2).map((n) => n + 2 * config.padding), shape[2]];
  }
  if (/^ZeroPadding/.test(layer)) throw new Error(`gen-cases: nextShape does not follow ${layer} ${JSON.stringify(config)}`);
  if (layer === 'Flatten') return [prod(shape)];
  if (layer === 'Dense') return [...shape.slice(0, -1), config.units];
  if (/^Global/.test(layer)) return [shape[shape.length - 1]];
  return shape;
}

const name = (v) => (Array.isArray(v) ? v.join('x') : String(v));
const dims = (shape) => shape.slice(1).join('x');

// ---- Convolution sweeps -------------------------------------------------
//
// Every kernel × stride × padding, then every kernel × dilation × padding
// with stride 1; inputs alternate between a small single-channel batch of one
// and a multi-channel batch > 1. Filters cycle through 1, 2, 3 and use_bias
// alternates. Combinations whose 'valid' output would be ≤ 0 are left to the
// error cases below.

function validOut(n, k, s, d) {
  return Math.floor((n - ((k - 1) * d + 1)) / s) + 1;
}

function convSweep(layer, shapes, kernels, strides, dilations) {
  const rank = rankOf(layer);
  let i = 0;
  const one = (k, s, d, padding) => {
    const shape = shapes[i % shapes.length];
    const kt = tupleOf(k, rank, 1);
    const st = tupleOf(s, rank, 1);
    const dt = tupleOf(d, rank, 1);
    if (padding === 'valid' && kt.some((kk, a) => validOut(shape[a + 1], kk, st[a], dt[a]) <= 0)) return;
    const filters = 1 + (i % 3);
    const useBias = i % 2 === 0;
    i++;
    const id = `${layer.toLowerCase()}_k${name(k)}_s${name(s)}_d${name(d)}_${padding}_in${dims(shape)}_f${filters}${useBias ? '' : '_nobias'}`;
    layerCase(id, layer, { filters, kernel_size: k, strides: s, padding, dilation_rate: d, use_bias: useBias }, shape);
  };
  for (const padding of ['valid', 'same']) {
    for (const k of kernels) for (const s of strides) one(k, s, 1, padding);
    for (const k of kernels) for (const d of dilations) one(k, 1, d, padding);
  }
}

convSweep('Conv1D', [[1, 7, 1], [2, 8, 2]], [1, 2, 3, 4, 5], [1, 2, 3], [2, 3]);
convSweep('Conv2D', [[1, 5, 5, 1], [2, 6, 7, 3]], [1, 2, 3, [2, 3], [3, 1]], [1, 2, 3, [1, 2]], [2, [2, 1]]);
convSweep('Conv3D', [[1, 4, 5, 3, 1], [2, 5, 4, 4, 2]], [1, 2, 3, [1, 2, 3]], [1, 2, 3, [1, 2, 3]], [2]);

// The kernel (or dilated kernel) is larger than the input under 'same'.
layerCase('conv1d_kernel_larger_than_input_same', 'Conv1D', { filters: 2, kernel_size: 7, strides: 1, padding: 'same' }, [1, 3, 2]);
layerCase('conv2d_kernel_larger_than_input_same', 'Conv2D', { filters: 2, kernel_size: 5, padding: 'same' }, [2, 2, 3, 1]);
layerCase('conv2d_dilated_kernel_larger_than_input_same', 'Conv2D', { filters: 1, kernel_size: 3, dilation_rate: 2, padding: 'same' }, [1, 3, 3, 2]);
layerCase('conv3d_kernel_larger_than_input_same', 'Conv3D', { filters: 2, kernel_size: 4, padding: 'same' }, [1, 2, 3, 2, 1]);
layerCase('conv2d_kernel_larger_than_input_same_stride2', 'Conv2D', { filters: 1, kernel_size: 4, strides: 2, padding: 'same' }, [1, 3, 3, 1]);

// Keras conv lower-cases padding; 'SAME' must behave as 'same'.
layerCase('conv1d_padding_upper_SAME', 'Conv1D', { filters: 2, kernel_size: 4, padding: 'SAME' }, [1, 7, 1]);
layerCase('conv2d_padding_upper_SAME', 'Conv2D', { filters: 3, kernel_size: 3, strides: 2, padding: 'SAME' }, [1, 6, 6, 2]);
layerCase('conv2d_padding_mixed_case_Same', 'Conv2D', { filters: 1, kernel_size: 2, padding: 'Same' }, [1, 5, 5, 1]);
layerCase('conv2d_padding_upper_VALID', 'Conv2D', { filters: 1, kernel_size: 2, padding: 'VALID' }, [1, 5, 5, 1]);
layerCase('conv3d_padding_upper_SAME', 'Conv3D', { filters: 1, kernel_size: 2, strides: 2, padding: 'SAME' }, [1, 3, 3, 3, 1]);

// Defaults: strides, padding, dilation_rate and use_bias null or absent.
layerCase('conv2d_defaults_null', 'Conv2D', { filters: 2, kernel_size: 3, strides: null, padding: null, dilation_rate: null, use_bias: null }, [1, 5, 4, 2]);
layerCase('conv1d_defaults_absent', 'Conv1D', { filters: 2, kernel_size: 2 }, [2, 5, 1]);
layerCase('conv2d_kernel_size_list', 'Conv2D', { filters: 2, kernel_size: [3, 3], strides: [1, 1], padding: 'valid' }, [1, 4, 4, 3]);
layerCase('conv1d_kernel_size_list_of_one', 'Conv1D', { filters: 1, kernel_size: [3], strides: [2], padding: 'same' }, [1, 6, 2]);
// The post's first model: Conv2D, 10 filters of 3×3 on 10×10×3, 280 params.
layerCase('conv2d_blog_valid', 'Conv2D', { filters: 10, kernel_size: [3, 3], strides: [1, 1], padding: 'valid' }, [1, 10, 10, 3]);
layerCase('conv2d_blog_same', 'Conv2D', { filters: 10, kernel_size: [3, 3], strides: [1, 1], padding: 'same' }, [1, 10, 10, 3]);
layerCase('conv2d_blog_same_20_filters', 'Conv2D', { filters: 20, kernel_size: [3, 3], strides: [1, 1], padding: 'same' }, [1, 10, 10, 3]);

// ---- Keras options: padding='causal', groups, data_format -----------------
//
// tfjs 4.22 runs none of causal, groups or a channels_first Conv1D/1-D
// pooling itself; tfjs-eval.mjs builds them from tfjs layers as Keras
// defines them (notes emulated_causal, emulated_groups,
// emulated_channels_first). Conv2D/3D, 2-D/3-D pooling and 2-D global
// pooling run tfjs's own channelsFirst code.

// Conv1D causal: every kernel × stride, then every kernel × dilation.
{
  let i = 0;
  for (const [shape, ks, ss, ds] of [
    [[1, 7, 1], [1, 2, 3, 4, 5], [1, 2, 3], [1]],
    [[2, 8, 2], [2, 3, 4], [1], [2, 3]],
  ]) {
    for (const k of ks) {
      for (const st of ss) {
        for (const d of ds) {
          const filters = 1 + (i % 3);
          const useBias = i % 2 === 0;
          i++;
          const id = `conv1d_causal_k${k}_s${st}_d${d}_in${dims(shape)}_f${filters}${useBias ? '' : '_nobias'}`;
          layerCase(id, 'Conv1D', { filters, kernel_size: k, strides: st, dilation_rate: d, padding: 'causal', use_bias: useBias }, shape);
        }
      }
    }
  }
}
layerCase('conv1d_causal_upper_CAUSAL', 'Conv1D', { filters: 2, kernel_size: 3, padding: 'CAUSAL' }, [1, 6, 2]);
layerCase('conv1d_causal_dilated_kernel_longer_than_input', 'Conv1D', { filters: 1, kernel_size: 5, dilation_rate: 3, padding: 'causal' }, [1, 3, 1]);
// keras conv_test.py: filters 6, kernel 2, dilation 2, groups 2 on (3, 4, 4) → (3, 4, 6).
layerCase('conv1d_causal_groups2_keras_test', 'Conv1D', { filters: 6, kernel_size: 2, dilation_rate: 2, groups: 2, padding: 'causal' }, [3, 4, 4]);
layerCase('conv1d_causal_channels_first', 'Conv1D', { filters: 3, kernel_size: 3, strides: 2, padding: 'causal', data_format: 'channels_first' }, [2, 2, 9]);

// groups: several group counts, kernels, strides, dilations and paddings;
// depthwise (one channel and one filter per group); with channels_first.
for (const [layer, shape, k, st, d, padding, groups, filters] of [
  ['Conv1D', [2, 9, 4], 3, 1, 1, 'valid', 2, 4],
  ['Conv1D', [1, 8, 6], 2, 2, 1, 'same', 3, 6],
  ['Conv1D', [1, 10, 4], 3, 1, 2, 'same', 4, 8],
  ['Conv2D', [1, 6, 5, 4], 3, 1, 1, 'valid', 2, 8],
  ['Conv2D', [2, 7, 6, 6], [2, 3], [2, 1], 1, 'same', 3, 3],
  ['Conv2D', [1, 6, 6, 4], 3, 1, 1, 'same', 4, 4],
  ['Conv2D', [1, 8, 7, 8], 3, 1, [2, 1], 'valid', 2, 6],
  ['Conv2D', [1, 5, 5, 6], 1, 1, 1, 'valid', 6, 12],
  ['Conv3D', [1, 4, 5, 3, 4], 2, 1, 1, 'same', 2, 4],
  ['Conv3D', [2, 5, 4, 4, 3], [1, 2, 3], [2, 1, 1], 1, 'valid', 3, 6],
]) {
  const id = `${layer.toLowerCase()}_groups${groups}_k${name(k)}_s${name(st)}_d${name(d)}_${padding}_in${dims(shape)}_f${filters}`;
  layerCase(id, layer, { filters, kernel_size: k, strides: st, dilation_rate: d, padding, groups }, shape);
}
layerCase('conv2d_groups1_explicit', 'Conv2D', { filters: 2, kernel_size: 2, groups: 1 }, [1, 4, 4, 3]);
layerCase('conv2d_groups2_channels_first', 'Conv2D', { filters: 4, kernel_size: 3, padding: 'same', groups: 2, data_format: 'channels_first' }, [2, 4, 5, 6]);
layerCase('conv2d_groups2_nobias', 'Conv2D', { filters: 4, kernel_size: 2, groups: 2, use_bias: false }, [1, 5, 4, 2]);

// channels_first: tfjs's own Conv2D/Conv3D, emulated Conv1D.
for (const [layer, shape, k, st, d, padding] of [
  ['Conv1D', [1, 3, 8], 3, 1, 1, 'valid'],
  ['Conv1D', [2, 2, 7], 2, 2, 1, 'same'],
  ['Conv2D', [1, 3, 6, 5], 3, 1, 1, 'valid'],
  ['Conv2D', [2, 2, 7, 6], [2, 3], 2, 1, 'same'],
  ['Conv2D', [1, 1, 8, 8], 3, 1, 2, 'same'],
  ['Conv3D', [1, 2, 4, 5, 3], 2, 1, 1, 'valid'],
  ['Conv3D', [2, 1, 5, 4, 4], [1, 2, 3], [1, 2, 3], 1, 'same'],
  ['Conv3D', [1, 2, 7, 6, 4], 2, 3, 1, 'same'],
]) {
  const filters = 2 + (shape[1] % 2);
  const id = `${layer.toLowerCase()}_channels_first_k${name(k)}_s${name(st)}_d${name(d)}_${padding}_in${dims(shape)}_f${filters}`;
  layerCase(id, layer, { filters, kernel_size: k, strides: st, dilation_rate: d, padding, data_format: 'channels_first' }, shape);
}
layerCase('conv2d_channels_first_mixed_case', 'Conv2D', { filters: 2, kernel_size: 2, data_format: 'Channels_First' }, [1, 2, 4, 4]);
layerCase('conv2d_channels_last_explicit', 'Conv2D', { filters: 2, kernel_size: 2, data_format: 'channels_last' }, [1, 4, 4, 2]);
// keras-semantics.md §14: (3, 32, 32) → Conv2D(16, 3) → (None, 16, 30, 30), 448 params.
add({ id: 'conv2d_channels_first_semantics_shapes_only', layer: 'Conv2D', config: { filters: 16, kernel_size: 3, data_format: 'channels_first' }, input_shape: [null, 3, 32, 32] });

// channels_first pooling: tfjs's own 2-D/3-D layers, emulated 1-D.
for (const op of ['MaxPooling', 'AveragePooling']) {
  for (const [rank, shape, k, st, padding] of [
    [1, [2, 3, 7], 2, null, 'valid'],
    [1, [1, 2, 8], 3, 2, 'same'],
    [2, [1, 3, 5, 5], 2, null, 'valid'],
    [2, [2, 2, 6, 7], 3, 2, 'same'],
    [2, [1, 2, 5, 4], [2, 3], [1, 2], 'same'],
    [3, [1, 2, 4, 5, 3], 2, null, 'valid'],
    [3, [2, 1, 5, 5, 5], [1, 2, 3], 2, 'same'],
    // k < s under 'same': tfjs misplaces the 3-D padding (clamped_3d_same).
    [3, [1, 2, 7, 6, 4], 2, 3, 'same'],
  ]) {
    const layer = `${op}${rank}D`;
    const id = `${layer.toLowerCase()}_channels_first_p${name(k)}_s${st === null ? 'default' : name(st)}_${padding}_in${dims(shape)}`;
    layerCase(id, layer, { pool_size: k, strides: st, padding, data_format: 'channels_first' }, shape);
  }
}
for (const op of ['GlobalMaxPooling', 'GlobalAveragePooling']) {
  for (const [rank, shape] of [[1, [2, 3, 5]], [2, [2, 2, 3, 4]], [3, [1, 2, 2, 3, 2]]]) {
    for (const keepdims of [false, true]) {
      const id = `${op.toLowerCase()}${rank}d_channels_first_keepdims_${keepdims}_in${dims(shape)}`;
      layerCase(id, `${op}${rank}D`, { keepdims, data_format: 'channels_first' }, shape);
    }
  }
}

// The options' errors that tfjs checks itself. Groups that do not divide,
// and causal padding outside Conv1D, are skip-listed: tfjs has no code for
// them (see tfjs-eval.mjs SKIP_RULES).
layerCase('error_conv2d_data_format_NCHW', 'Conv2D', { filters: 1, kernel_size: 3, data_format: 'NCHW' }, [1, 5, 5, 1]);
layerCase('error_maxpooling2d_data_format_unknown', 'MaxPooling2D', { pool_size: 2, data_format: 'channels_middle' }, [1, 4, 4, 1]);
layerCase('error_globalaveragepooling2d_data_format_unknown', 'GlobalAveragePooling2D', { data_format: 'channels' }, [1, 4, 4, 1]);
layerCase('error_conv2d_channels_first_valid_output_zero', 'Conv2D', { filters: 1, kernel_size: 3, data_format: 'channels_first' }, [1, 4, 2, 5]);
layerCase('error_conv1d_causal_strides2_dilation2', 'Conv1D', { filters: 1, kernel_size: 2, strides: 2, dilation_rate: 2, padding: 'causal' }, [1, 9, 1]);
layerCase('error_conv2d_causal', 'Conv2D', { filters: 1, kernel_size: 3, padding: 'causal' }, [1, 5, 5, 1]);
layerCase('error_conv2d_groups_do_not_divide_channels', 'Conv2D', { filters: 4, kernel_size: 3, groups: 2 }, [1, 5, 5, 3], { channels: 4 });

// ---- Pooling sweeps -----------------------------------------------------
//
// Every pool size × stride (null means "defaults to pool_size") × padding for
// Max and Average pooling in 1, 2 and 3 dimensions, alternating two inputs.

function poolSweep(layer, shapes, sizes, strides) {
  const rank = rankOf(layer);
  let i = 0;
  for (const padding of ['valid', 'same']) {
    for (const k of sizes) {
      for (const s of strides) {
        const shape = shapes[i % shapes.length];
        const kt = tupleOf(k, rank, 2);
        const st = s === null ? kt : tupleOf(s, rank, 1);
        if (padding === 'valid' && kt.some((kk, a) => validOut(shape[a + 1], kk, st[a], 1) <= 0)) continue;
        i++;
        const id = `${layer.toLowerCase()}_p${name(k)}_s${s === null ? 'default' : name(s)}_${padding}_in${dims(shape)}`;
        layerCase(id, layer, { pool_size: k, strides: s, padding }, shape);
      }
    }
  }
}

for (const op of ['MaxPooling', 'AveragePooling']) {
  poolSweep(`${op}1D`, [[1, 7, 1], [2, 8, 3]], [1, 2, 3, 4], [null, 1, 2, 3]);
  poolSweep(`${op}2D`, [[1, 5, 5, 1], [2, 6, 7, 2]], [1, 2, 3, [2, 3]], [null, 1, 2, [3, 1]]);
  poolSweep(`${op}3D`, [[1, 4, 5, 3, 2], [2, 5, 5, 5, 1]], [1, 2, 3, [1, 2, 3]], [null, 1, 2, 3]);
}

// keras-semantics.md §4: 3×3 input 1..9, stride 1, 'same'.
for (const op of ['MaxPooling2D', 'AveragePooling2D']) {
  for (const k of [2, 3]) {
    add({ id: `${op.toLowerCase()}_semantics_example_p${k}_same`, layer: op, config: { pool_size: k, strides: 1, padding: 'same' }, input_shape: [1, 3, 3, 1], input: [1, 2, 3, 4, 5, 6, 7, 8, 9] });
  }
}
// keras-semantics.md §2: maxPool3d([0,1,2,3,4], k=1, s=3, 'same') is [0, 3]
// in Keras; tfjs 4.22 shifts the windows and gives [1, 4].
add({ id: 'maxpooling3d_semantics_example_k1_s3_same', layer: 'MaxPooling3D', config: { pool_size: 1, strides: 3, padding: 'same' }, input_shape: [1, 1, 1, 5, 1], input: [0, 1, 2, 3, 4] });
add({ id: 'averagepooling3d_semantics_example_k1_s3_same', layer: 'AveragePooling3D', config: { pool_size: 1, strides: 3, padding: 'same' }, input_shape: [1, 5, 1, 1, 1], input: [0, 1, 2, 3, 4] });
// Pool sizes smaller than strides under 'same', where tfjs's 3-D padding goes negative.
layerCase('maxpooling3d_k1_s2_same_odd_even', 'MaxPooling3D', { pool_size: 1, strides: 2, padding: 'same' }, [2, 4, 5, 3, 2]);
// Mixed axes: a positive padding total on some axes, a negative one (clamped to 0) on others.
layerCase('averagepooling3d_k2_s3_same_mixed_axes', 'AveragePooling3D', { pool_size: 2, strides: 3, padding: 'same' }, [1, 7, 6, 4, 2]);
layerCase('maxpooling3d_k_1x2x2_s3_same_mixed_axes', 'MaxPooling3D', { pool_size: [1, 2, 2], strides: 3, padding: 'same' }, [1, 5, 7, 6, 1]);
layerCase('conv3d_k2_s3_same_mixed_axes', 'Conv3D', { filters: 2, kernel_size: 2, strides: 3, padding: 'same' }, [1, 7, 6, 4, 2]);
// 1-D and 2-D with the pool smaller than the stride (tfjs clamps correctly there).
layerCase('maxpooling2d_k1_s3_same', 'MaxPooling2D', { pool_size: 1, strides: 3, padding: 'same' }, [1, 5, 4, 1]);
layerCase('averagepooling1d_k2_s3_same', 'AveragePooling1D', { pool_size: 2, strides: 3, padding: 'same' }, [1, 5, 2]);
// MaxPooling's default pool size (2 on every axis) and the blog's pooling layers.
layerCase('maxpooling1d_pool_size_default', 'MaxPooling1D', { pool_size: null, strides: null, padding: 'valid' }, [1, 9, 2]);
layerCase('maxpooling2d_pool_size_default', 'MaxPooling2D', { pool_size: null }, [1, 5, 6, 1]);
layerCase('maxpooling3d_pool_size_default', 'MaxPooling3D', {}, [1, 4, 5, 4, 1]);
layerCase('maxpooling2d_blog_p2', 'MaxPooling2D', { pool_size: [2, 2], padding: 'valid' }, [1, 10, 10, 10]);
layerCase('maxpooling2d_blog_p2_s1', 'MaxPooling2D', { pool_size: [2, 2], strides: [1, 1], padding: 'valid' }, [1, 10, 10, 10]);
layerCase('averagepooling2d_blog_p2', 'AveragePooling2D', { pool_size: [2, 2], padding: 'valid' }, [1, 10, 10, 10]);

// ---- Global pooling, Flatten, Dense ---------------------------------------

for (const op of ['GlobalMaxPooling', 'GlobalAveragePooling']) {
  for (const [rank, shape] of [[1, [2, 5, 3]], [2, [2, 3, 4, 2]], [3, [1, 2, 3, 2, 2]]]) {
    for (const keepdims of [null, false, true]) {
      const id = `${op.toLowerCase()}${rank}d_keepdims_${keepdims}_in${dims(shape)}`;
      layerCase(id, `${op}${rank}D`, { keepdims }, shape);
    }
  }
}
layerCase('globalmaxpooling2d_blog', 'GlobalMaxPooling2D', {}, [1, 10, 10, 10]);

layerCase('flatten_rank3', 'Flatten', {}, [2, 4, 3]);
layerCase('flatten_rank4', 'Flatten', {}, [2, 3, 2, 2]);
layerCase('flatten_rank5', 'Flatten', {}, [1, 2, 3, 2, 2]);
layerCase('flatten_blog', 'Flatten', {}, [1, 10, 10, 10]);
layerCase('flatten_rank2', 'Flatten', {}, [3, 5]);

layerCase('dense_units3', 'Dense', { units: 3 }, [2, 5]);
layerCase('dense_units1_nobias', 'Dense', { units: 1, use_bias: false }, [3, 4]);
layerCase('dense_on_rank3_input', 'Dense', { units: 2 }, [2, 3, 4]);
layerCase('dense_units4_bias_null', 'Dense', { units: 4, use_bias: null }, [1, 6]);

// ---- ZeroPadding, every argument form ---------------------------------

for (const [suffix, p] of [['default', null], ['0', 0], ['2', 2], ['pair_1_3', [1, 3]]]) {
  layerCase(`zeropadding1d_${suffix}`, 'ZeroPadding1D', { padding: p }, [2, 4, 2]);
}
for (const [suffix, p] of [
  ['default', null], ['0', 0], ['2', 2], ['pair_1_2', [1, 2]], ['nested_1_2_3_0', [[1, 2], [3, 0]]],
  ['mixed_1_pair_2_3', [1, [2, 3]]], ['mixed_pair_0_1_int_2', [[0, 1], 2]], ['blog_1_1', [1, 1]],
]) {
  layerCase(`zeropadding2d_${suffix}`, 'ZeroPadding2D', { padding: p }, [2, 3, 2, 2]);
}
for (const [suffix, p] of [
  ['default', null], ['1', 1], ['triple_1_2_0', [1, 2, 0]], ['nested', [[1, 0], [0, 2], [1, 1]]],
  ['mixed', [1, [0, 2], 1]],
]) {
  layerCase(`zeropadding3d_${suffix}`, 'ZeroPadding3D', { padding: p }, [1, 2, 3, 2, 2]);
}

// ---- Errors -------------------------------------------------------------
//
// Each error case has exactly one fault, so that every implementation
// reports the same kind whatever order it checks in.

// nonpositive_output: a window larger than the input under 'valid'.
layerCase('error_conv1d_valid_output_zero', 'Conv1D', { filters: 1, kernel_size: 5, padding: 'valid' }, [1, 4, 1]);
layerCase('error_conv1d_valid_dilated_kernel_too_large', 'Conv1D', { filters: 1, kernel_size: 3, dilation_rate: 3, padding: 'valid' }, [1, 6, 1]);
layerCase('error_conv2d_valid_output_zero', 'Conv2D', { filters: 1, kernel_size: 5, padding: 'valid' }, [1, 4, 4, 1]);
layerCase('error_conv2d_valid_output_negative_one_axis', 'Conv2D', { filters: 1, kernel_size: [2, 7], padding: 'valid' }, [1, 4, 4, 1]);
layerCase('error_conv3d_valid_output_zero', 'Conv3D', { filters: 1, kernel_size: [1, 1, 4], padding: 'valid' }, [1, 3, 3, 3, 1]);
layerCase('error_maxpooling1d_valid_output_zero', 'MaxPooling1D', { pool_size: 3, strides: 1, padding: 'valid' }, [1, 2, 1]);
layerCase('error_maxpooling2d_valid_output_zero', 'MaxPooling2D', { pool_size: 5, padding: 'valid' }, [1, 4, 4, 1]);
layerCase('error_averagepooling2d_valid_output_negative', 'AveragePooling2D', { pool_size: 6, strides: 1, padding: 'valid' }, [1, 3, 3, 1]);
layerCase('error_averagepooling3d_valid_output_zero', 'AveragePooling3D', { pool_size: [1, 4, 1], padding: 'valid' }, [1, 2, 3, 2, 1]);

// nonpositive_argument
layerCase('error_conv2d_filters_zero', 'Conv2D', { filters: 0, kernel_size: 3 }, [1, 5, 5, 1]);
layerCase('error_conv1d_filters_negative', 'Conv1D', { filters: -2, kernel_size: 3 }, [1, 5, 1]);
layerCase('error_conv2d_kernel_size_zero', 'Conv2D', { filters: 1, kernel_size: [0, 3] }, [1, 5, 5, 1]);
layerCase('error_conv2d_strides_zero', 'Conv2D', { filters: 1, kernel_size: 3, strides: 0 }, [1, 5, 5, 1]);
layerCase('error_conv1d_dilation_rate_zero', 'Conv1D', { filters: 1, kernel_size: 2, dilation_rate: 0 }, [1, 5, 1]);
layerCase('error_maxpooling2d_pool_size_zero', 'MaxPooling2D', { pool_size: 0 }, [1, 4, 4, 1]);
layerCase('error_averagepooling1d_pool_size_zero', 'AveragePooling1D', { pool_size: 0 }, [1, 4, 1]);
layerCase('error_maxpooling2d_strides_zero', 'MaxPooling2D', { pool_size: 2, strides: [1, 0] }, [1, 4, 4, 1]);
layerCase('error_maxpooling3d_pool_size_zero', 'MaxPooling3D', { pool_size: [2, 0, 2] }, [1, 4, 4, 4, 1]);
layerCase('error_dense_units_zero', 'Dense', { units: 0 }, [1, 4]);
layerCase('error_zeropadding2d_negative_nested', 'ZeroPadding2D', { padding: [[1, -1], [0, 0]] }, [1, 3, 3, 1]);
layerCase('error_zeropadding2d_negative_int', 'ZeroPadding2D', { padding: -1 }, [1, 3, 3, 1]);
layerCase('error_zeropadding1d_negative_int', 'ZeroPadding1D', { padding: -1 }, [1, 3, 1]);

// stride_dilation_conflict: any axis with s>1 and any axis with d>1.
layerCase('error_conv1d_strides2_dilation2', 'Conv1D', { filters: 1, kernel_size: 2, strides: 2, dilation_rate: 2 }, [1, 9, 1]);
layerCase('error_conv2d_strides2_dilation2', 'Conv2D', { filters: 1, kernel_size: 3, strides: 2, dilation_rate: 2 }, [1, 9, 9, 1]);
layerCase('error_conv2d_strides_1x2_dilation_2x1', 'Conv2D', { filters: 1, kernel_size: 3, strides: [1, 2], dilation_rate: [2, 1] }, [1, 9, 9, 1]);
layerCase('error_conv3d_strides2_dilation2', 'Conv3D', { filters: 1, kernel_size: 2, strides: 2, dilation_rate: 2 }, [1, 5, 5, 5, 1]);

// invalid_padding_mode: unknown strings; pooling does not fold case.
layerCase('error_conv2d_padding_full', 'Conv2D', { filters: 1, kernel_size: 3, padding: 'full' }, [1, 5, 5, 1]);
layerCase('error_maxpooling2d_padding_full', 'MaxPooling2D', { pool_size: 2, padding: 'full' }, [1, 4, 4, 1]);
layerCase('error_maxpooling2d_padding_upper_SAME', 'MaxPooling2D', { pool_size: 2, padding: 'SAME' }, [1, 4, 4, 1]);
layerCase('error_averagepooling1d_padding_upper_VALID', 'AveragePooling1D', { pool_size: 2, padding: 'VALID' }, [1, 4, 1]);

// invalid_argument_shape: tuples of the wrong length, weights that do not fit.
layerCase('error_conv2d_kernel_size_three_entries', 'Conv2D', { filters: 1, kernel_size: [3, 3, 3] }, [1, 5, 5, 1]);
// A list of one entry is not an int: Keras's standardize_tuple raises for
// kernel_size=[3] on Conv2D. The kernel fits 3×3, so that nothing else can fail.
layerCase('error_conv2d_kernel_size_list_of_one', 'Conv2D', { filters: 1, kernel_size: [3] }, [1, 5, 5, 1], { kernelSize: [3, 3] });
layerCase('error_conv2d_strides_list_of_one', 'Conv2D', { filters: 1, kernel_size: 2, strides: [2] }, [1, 5, 5, 1]);
layerCase('error_conv1d_kernel_size_two_entries', 'Conv1D', { filters: 1, kernel_size: [3, 3] }, [1, 5, 1]);
layerCase('error_conv2d_strides_three_entries', 'Conv2D', { filters: 1, kernel_size: 3, strides: [1, 1, 1] }, [1, 5, 5, 1]);
layerCase('error_maxpooling2d_pool_size_three_entries', 'MaxPooling2D', { pool_size: [2, 2, 2] }, [1, 4, 4, 1]);
layerCase('error_maxpooling1d_pool_size_two_entries', 'MaxPooling1D', { pool_size: [2, 2] }, [1, 4, 1]);
layerCase('error_maxpooling2d_strides_one_entry_list', 'MaxPooling2D', { pool_size: 2, strides: [1] }, [1, 4, 4, 1]);
layerCase('error_zeropadding2d_one_entry_list', 'ZeroPadding2D', { padding: [1] }, [1, 3, 3, 1]);
layerCase('error_zeropadding2d_three_entries', 'ZeroPadding2D', { padding: [1, 2, 3] }, [1, 3, 3, 1]);
layerCase('error_zeropadding2d_pair_of_three', 'ZeroPadding2D', { padding: [[1, 2, 3], [0, 0]] }, [1, 3, 3, 1]);
layerCase('error_conv2d_input_channels_mismatch', 'Conv2D', { filters: 2, kernel_size: 3 }, [1, 5, 5, 3], { channels: 2 });
layerCase('error_conv2d_bias_length_mismatch', 'Conv2D', { filters: 2, kernel_size: 3 }, [1, 5, 5, 1], { biasLength: 3 });
layerCase('error_dense_input_features_mismatch', 'Dense', { units: 2 }, [1, 4], { channels: 5 });
layerCase('error_conv2d_input_data_length', 'Conv2D', { filters: 1, kernel_size: 3 }, [1, 5, 5, 1], { inputLength: 24 });

// missing_argument: Keras 3 has no default pool size for AveragePooling.
layerCase('error_averagepooling2d_pool_size_missing', 'AveragePooling2D', { pool_size: null }, [1, 4, 4, 1]);

// input_rank
layerCase('error_conv2d_rank3_input', 'Conv2D', { filters: 1, kernel_size: 1 }, [1, 4, 1]);
layerCase('error_conv1d_rank4_input', 'Conv1D', { filters: 1, kernel_size: 1 }, [1, 4, 4, 1]);
layerCase('error_maxpooling1d_rank4_input', 'MaxPooling1D', { pool_size: 2 }, [1, 4, 4, 1]);
layerCase('error_averagepooling2d_rank5_input', 'AveragePooling2D', { pool_size: 2 }, [1, 4, 4, 4, 1]);
layerCase('error_globalaveragepooling2d_rank3_input', 'GlobalAveragePooling2D', {}, [1, 4, 1]);
layerCase('error_globalmaxpooling1d_rank4_input', 'GlobalMaxPooling1D', {}, [1, 4, 4, 1]);
layerCase('error_zeropadding2d_rank3_input', 'ZeroPadding2D', { padding: 1 }, [1, 4, 1]);
layerCase('error_dense_rank1_input', 'Dense', { units: 2 }, [3]);

// unknown_layer
layerCase('error_unknown_layer', 'Conv4D', { filters: 1, kernel_size: 1 }, [1, 2, 2, 2, 2, 1]);

// ---- Sequential models ------------------------------------------------

const blogConv = ['Conv2D', { filters: 10, kernel_size: [3, 3], strides: [1, 1], padding: 'same' }];
modelCase('model_blog_conv_flatten_dense50', [10, 10, 3], 1, [blogConv, ['Flatten', {}], ['Dense', { units: 50 }]]);
modelCase('model_blog_conv_maxpool', [10, 10, 3], 1, [blogConv, ['MaxPooling2D', { pool_size: [2, 2], padding: 'valid' }]]);
modelCase('model_blog_conv_globalmaxpool', [10, 10, 3], 2, [blogConv, ['GlobalMaxPooling2D', {}]]);
modelCase('model_2d_small_stack', [7, 6, 2], 2, [
  ['ZeroPadding2D', { padding: 1 }],
  ['Conv2D', { filters: 4, kernel_size: 3, strides: 2 }],
  ['AveragePooling2D', { pool_size: 2, padding: 'same' }],
  ['Flatten', {}],
  ['Dense', { units: 3 }],
]);
modelCase('model_1d_stack', [12, 2], 2, [
  ['Conv1D', { filters: 3, kernel_size: 3, dilation_rate: 2, padding: 'same' }],
  ['MaxPooling1D', { pool_size: 3, padding: 'same' }],
  ['Conv1D', { filters: 2, kernel_size: 2, use_bias: false }],
  ['GlobalAveragePooling1D', {}],
  ['Dense', { units: 2 }],
]);
modelCase('model_3d_stack', [5, 6, 4, 1], 1, [
  ['Conv3D', { filters: 2, kernel_size: 1, strides: 3, padding: 'same' }],
  ['MaxPooling3D', { pool_size: 1, strides: 2, padding: 'same' }],
  ['Flatten', {}],
]);
// keras-semantics.md §14: a channels_first stack; the Flatten keeps the
// default data_format, so it flattens in channels_first order.
modelCase('model_channels_first_conv_pool_flatten_dense', [3, 8, 8], 2, [
  ['Conv2D', { filters: 4, kernel_size: 3, data_format: 'channels_first' }],
  ['MaxPooling2D', { pool_size: 2, data_format: 'channels_first' }],
  ['Flatten', {}],
  ['Dense', { units: 3 }],
]);
modelCase('model_1d_causal_groups_channels_first', [4, 10], 1, [
  ['Conv1D', { filters: 4, kernel_size: 3, padding: 'causal', groups: 2, data_format: 'channels_first' }],
  ['Conv1D', { filters: 2, kernel_size: 2, dilation_rate: 2, padding: 'causal', data_format: 'channels_first' }],
  ['GlobalAveragePooling1D', { data_format: 'channels_first' }],
]);
modelCase('error_model_pool_output_zero_at_layer_1', [4, 4, 1], 1, [
  ['Conv2D', { filters: 2, kernel_size: 3 }],
  ['MaxPooling2D', { pool_size: 3 }],
]);
modelCase('error_model_conv_after_flatten_at_layer_1', [4, 4, 1], 1, [
  ['Flatten', {}],
  ['Conv2D', { filters: 1, kernel_size: 1 }],
]);

// ---- Shapes only: no input, no weights, the batch possibly None --------

add({ id: 'conv2d_blog_shapes_only_batch_none', layer: 'Conv2D', config: { filters: 10, kernel_size: [3, 3], strides: [1, 1], padding: 'valid' }, input_shape: [null, 10, 10, 3] });
add({ id: 'maxpooling2d_shapes_only_batch_4', layer: 'MaxPooling2D', config: { pool_size: 3, strides: 2, padding: 'same' }, input_shape: [4, 9, 8, 2] });
add({ id: 'error_conv2d_strides2_dilation2_shapes_only', layer: 'Conv2D', config: { filters: 1, kernel_size: 3, strides: 2, dilation_rate: 2 }, input_shape: [null, 9, 9, 1] });
add({ id: 'error_conv1d_valid_output_zero_shapes_only', layer: 'Conv1D', config: { filters: 1, kernel_size: 5 }, input_shape: [null, 4, 1] });
add({
  id: 'model_blog_shapes_only_batch_none', kind: 'sequential', input_shape: [10, 10, 3], batch: null,
  layers: [{ layer: 'Conv2D', config: blogConv[1] }, { layer: 'Flatten', config: {} }, { layer: 'Dense', config: { units: 50 } }],
});
add({
  id: 'model_blog_shapes_only_batch_2', kind: 'sequential', input_shape: [10, 10, 3], batch: 2,
  layers: [{ layer: 'Conv2D', config: blogConv[1] }, { layer: 'AveragePooling2D', config: { pool_size: [2, 2], padding: 'valid' } }],
});

// ---- Output ---------------------------------------------------------------

// format prints one case per line: short enough to diff, no enormous lines
// beyond the blog cases' weights.
export function render() {
  return '[\n' + cases.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render();
  if (process.argv.includes('--stdout')) {
    process.stdout.write(text);
  } else {
    const path = join(dirname(fileURLToPath(import.meta.url)), 'cases.json');
    writeFileSync(path + '.tmp', text);
    renameSync(path + '.tmp', path);
    process.stderr.write(`gen-cases: wrote ${cases.length} cases to ${path}\n`);
  }
}
