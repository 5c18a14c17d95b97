// The explorer: controls for one layer, and the input, weights and output
// it draws. Every output value, shape, error and window comes from the
// reference library (engine.js); this file only draws them.

import { t } from './i18n.js';
import { h, fmt, grid } from './grid.js';
import { evalCase, geometryOf } from './engine.js';

// OPS lists the operations of the four lessons.
export const OPS = {
  ZeroPadding1D: { fam: 'pad', rank: 1, group: 'op.group.pad' },
  ZeroPadding2D: { fam: 'pad', rank: 2, group: 'op.group.pad' },
  Conv1D: { fam: 'conv', rank: 1, group: 'op.group.conv' },
  Conv2D: { fam: 'conv', rank: 2, group: 'op.group.conv' },
  MaxPooling1D: { fam: 'pool', rank: 1, group: 'op.group.pool' },
  MaxPooling2D: { fam: 'pool', rank: 2, group: 'op.group.pool' },
  AveragePooling1D: { fam: 'pool', rank: 1, group: 'op.group.pool', avg: true },
  AveragePooling2D: { fam: 'pool', rank: 2, group: 'op.group.pool', avg: true },
  GlobalMaxPooling1D: { fam: 'global', rank: 1, group: 'op.group.global' },
  GlobalMaxPooling2D: { fam: 'global', rank: 2, group: 'op.group.global' },
  GlobalAveragePooling1D: { fam: 'global', rank: 1, group: 'op.group.global', avg: true },
  GlobalAveragePooling2D: { fam: 'global', rank: 2, group: 'op.group.global', avg: true },
};

// MAX_DRAW bounds the input cells the page draws.
const MAX_DRAW = 2048;

// defaultState is the post's first example, made small: Conv2D, 3×3
// kernel, 'same', on a 5×5 input.
export function defaultState() {
  return {
    op: 'Conv2D', h: 5, w: 5, c: 1, values: 'count',
    filters: 1, kh: 3, kw: 3, sh: 1, sw: 1, dh: 1, dw: 1, padding: 'same', bias: true,
    ph: 2, pw: 2, psh: '', psw: '', pt: 1, pb: 1, pl: 1, pr: 1, keepdims: false,
    post: false, caseInput: null, caseWeights: null, sel: null,
  };
}

const num = (v) => (v === '' || v === null || v === undefined || Number.isNaN(+v) ? null : +v);

// pair reads a Keras tuple argument from the case: an int or a list.
function pair(v, rank) {
  if (v === undefined || v === null) return null;
  if (Array.isArray(v)) return rank === 2 ? v : [null, v[0]];
  return rank === 2 ? [v, v] : [null, v];
}

// stateFromCase fills a state from a tools/eval layer case, as `checker
// serve` sends a failing case. It returns null for a layer the explorer
// does not draw.
export function stateFromCase(c) {
  const op = OPS[c.layer];
  if (!op || !Array.isArray(c.input_shape) || c.input_shape.length !== op.rank + 2) return null;
  const s = defaultState();
  s.op = c.layer;
  const sp = c.input_shape.slice(1, -1);
  if (op.rank === 2) [s.h, s.w] = sp; else { s.h = 1; s.w = sp[0]; }
  s.c = c.input_shape[c.input_shape.length - 1];
  const cfg = c.config || {};
  if (op.fam === 'conv') {
    s.filters = cfg.filters ?? null;
    const k = pair(cfg.kernel_size, op.rank) || [null, null];
    [s.kh, s.kw] = k;
    const st = pair(cfg.strides, op.rank) || [1, 1];
    [s.sh, s.sw] = st;
    const d = pair(cfg.dilation_rate, op.rank) || [1, 1];
    [s.dh, s.dw] = d;
    s.padding = cfg.padding || 'valid';
    s.bias = cfg.use_bias !== false;
  } else if (op.fam === 'pool') {
    const p = pair(cfg.pool_size, op.rank) || [2, 2];
    [s.ph, s.pw] = p;
    const st = pair(cfg.strides, op.rank);
    [s.psh, s.psw] = st ? st.map((x) => (x === null ? '' : x)) : ['', ''];
    s.padding = cfg.padding || 'valid';
  } else if (op.fam === 'pad') {
    let p = cfg.padding ?? 1;
    if (op.rank === 1) {
      if (!Array.isArray(p)) p = [p, p];
      [s.pl, s.pr] = p;
    } else {
      if (!Array.isArray(p)) p = [p, p];
      const ax = p.map((x) => (Array.isArray(x) ? x : [x, x]));
      [[s.pt, s.pb], [s.pl, s.pr]] = ax;
    }
  } else {
    s.keepdims = !!cfg.keepdims;
  }
  if (Array.isArray(c.input)) {
    s.values = 'case';
    s.caseInput = c.input;
    s.caseWeights = c.weights || null;
  }
  return s;
}

// lcg returns small signed integers from a fixed seed, so that a picture
// is the same on every load.
function lcg(seed) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x >>> 16;
  };
}

function inputValues(s, n) {
  if (s.values === 'case' && s.caseInput && s.caseInput.length === n) return s.caseInput;
  if (s.values === 'mixed') {
    const r = lcg(7);
    return Array.from({ length: n }, () => (r() % 9) - 4);
  }
  return Array.from({ length: n }, (_, i) => i + 1);
}

function kernelValues(s, n, f) {
  const w = s.caseWeights;
  if (s.values === 'case' && w && Array.isArray(w.kernel) && w.kernel.length === n) {
    return { kernel: w.kernel, bias: Array.isArray(w.bias) && w.bias.length === f ? w.bias : null };
  }
  const r = lcg(11);
  return {
    kernel: Array.from({ length: n }, () => (r() % 4) - 1),
    bias: Array.from({ length: f }, (_, i) => (i % 2 ? -1 : 0.5)),
  };
}

const isPosInt = (v) => Number.isInteger(v) && v > 0;

// buildCase turns the state into a tools/eval layer case. draw is false
// when the input is too large to draw; the case then has no input.
export function buildCase(s) {
  const op = OPS[s.op];
  const spatial = op.rank === 2 ? [num(s.h), num(s.w)] : [num(s.w)];
  const shape = [1, ...spatial, num(s.c)];
  const c = { layer: s.op, config: {}, input_shape: shape };
  const tup = (a, b) => (op.rank === 2 ? [num(a), num(b)] : [num(b)]);
  if (op.fam === 'conv') {
    c.config = {
      filters: num(s.filters), kernel_size: tup(s.kh, s.kw), strides: tup(s.sh, s.sw),
      dilation_rate: tup(s.dh, s.dw), padding: s.padding, use_bias: !!s.bias,
    };
  } else if (op.fam === 'pool') {
    const st = op.rank === 2 ? [s.psh, s.psw] : [s.psw];
    c.config = {
      pool_size: tup(s.ph, s.pw),
      strides: st.every((x) => x === '' || x === null) ? null : st.map(num),
      padding: s.padding,
    };
  } else if (op.fam === 'pad') {
    c.config = { padding: op.rank === 2 ? [[num(s.pt), num(s.pb)], [num(s.pl), num(s.pr)]] : [num(s.pl), num(s.pr)] };
  } else {
    c.config = { keepdims: !!s.keepdims };
  }
  const dims = shape.slice(1);
  const n = dims.reduce((a, b) => a * b, 1);
  const draw = dims.every(isPosInt) && n <= MAX_DRAW && dims.every((d) => d <= 64);
  if (draw) {
    c.input = inputValues(s, n);
    if (op.fam === 'conv' && isPosInt(c.config.filters) && c.config.kernel_size.every(isPosInt)) {
      const kn = c.config.kernel_size.reduce((a, b) => a * b, 1) * num(s.c) * c.config.filters;
      if (kn <= 4 * MAX_DRAW) {
        const w = kernelValues(s, kn, c.config.filters);
        c.weights = { kernel: w.kernel, bias: c.config.use_bias ? w.bias : null };
      } else {
        delete c.input;
      }
    }
  }
  return { c, draw: draw && Array.isArray(c.input), n };
}

// compute runs the case through the library and returns what the views need.
export function compute(api, s) {
  const { c, draw, n } = buildCase(s);
  const res = evalCase(api, c);
  // The browser tests read what the page asked the library, and run the
  // same case through tools/eval.
  globalThis.convlingsExplorer = { lastCase: c, lastResult: res };
  let geom = null;
  if (!res.error && draw) {
    geom = geometryOf(api, c);
    if (geom.error) geom = null;
  }
  return { c, res, geom, draw, n };
}

// axes2 returns the rows and columns axes of a geometry; a 1D layer gets
// one row.
function axes2(geom) {
  const one = { n: 1, k: 1, s: 1, d: 1, out: 1, before: 0, after: 0, windows: [[0]] };
  return geom.axes.length === 2 ? geom.axes : [one, geom.axes[0]];
}

// outDims returns rows, columns and channels of the output grid.
function outDims(s, geom, res) {
  const [ah, aw] = axes2(geom);
  const ch = res.shape[res.shape.length - 1];
  return { rows: ah.out, cols: aw.out, ch };
}

// selectedWindow returns the input cells the selected output cell reads.
export function windowCells(s, geom, sel) {
  const [ah, aw] = axes2(geom);
  const cells = [];
  for (const i of ah.windows[sel.r]) for (const j of aw.windows[sel.c]) cells.push([i, j]);
  return cells;
}

function readSets(geom) {
  return axes2(geom).map((a) => {
    const set = new Set();
    for (const w of a.windows) for (const i of w) set.add(i);
    return set;
  });
}

// postPad is the post's rule for 'same': k/2 zeros on each side.
function postPad(s, geom) {
  const op = OPS[s.op];
  if (!s.post || (op.fam !== 'conv' && op.fam !== 'pool')) return [0, 0];
  return axes2(geom).map((a, i) => (geom.axes.length === 1 && i === 0 ? 0 : Math.floor(a.k / 2)));
}

// drawInput draws one grid per input channel with the padding frame.
export function drawInput(s, view, ch) {
  const { c, geom } = view;
  const op = OPS[s.op];
  const [ah, aw] = axes2(geom);
  const pp = postPad(s, geom);
  const H = ah.n, W = aw.n, C = c.input_shape[c.input_shape.length - 1];
  const top = Math.max(ah.before, pp[0]), bottom = Math.max(ah.after, pp[0]);
  const left = Math.max(aw.before, pp[1]), right = Math.max(aw.after, pp[1]);
  const read = readSets(geom);
  const win = new Set();
  if (s.sel && (op.fam === 'conv' || s.sel.ch === ch)) {
    for (const [i, j] of windowCells(s, geom, s.sel)) win.add(i + ',' + j);
  }
  const inFrame = (i, j, bH, aH, bW, aW) => i >= -bH && i < H + aH && j >= -bW && j < W + aW;
  return grid({
    rows: top + H + bottom,
    cols: left + W + right,
    label: t('channel', { c: ch }),
    className: 'input-grid',
    cell: (r, col) => {
      const i = r - top, j = col - left;
      const inside = i >= 0 && i < H && j >= 0 && j < W;
      const keras = !inside && inFrame(i, j, ah.before, ah.after, aw.before, aw.after);
      const post = s.post && !inside && inFrame(i, j, pp[0], pp[0], pp[1], pp[1]);
      const cls = [];
      let mark = '';
      let text = '';
      if (inside) {
        cls.push('in');
        text = fmt(c.input[(i * W + j) * C + ch]);
        if (op.fam !== 'pad' && !(read[0].has(i) && read[1].has(j))) { cls.push('never'); mark += '\u2715'; }
      } else if (keras) {
        cls.push('pad');
        // Pooling skips its padding cells; only convolution reads zeros.
        text = op.fam === 'pool' ? '' : '0';
        // The odd cell of 'same' padding; ZeroPadding's sides are the learner's choice.
        const oddAfter = op.fam !== 'pad' &&
          ((i >= H + ah.before && ah.after > ah.before) || (j >= W + aw.before && aw.after > aw.before));
        if (oddAfter) { cls.push('odd'); mark += '+'; }
        if (s.post && !post) { cls.push('keras-only'); mark += '!'; }
      } else if (post) {
        cls.push('post-only');
        mark += '\u25c7';
      } else {
        cls.push('blank');
      }
      if (win.has(i + ',' + j)) { cls.push('win'); mark = '\u25cf' + mark; }
      return { text, cls, mark, attrs: { 'data-i': i, 'data-j': j, 'data-ch': ch } };
    },
  });
}

// paren writes a negative value in parentheses, as a factor in a sum.
function paren(v) { return v < 0 ? `(${fmt(v)})` : fmt(v); }

function kernelIndex(kw, C, F, th, tw, ch, f) { return ((th * kw + tw) * C + ch) * F + f; }

// drawWeights draws each filter's kernel, one grid per input channel.
function drawWeights(s, view) {
  const { c, geom } = view;
  const [ah, aw] = axes2(geom);
  const C = c.input_shape[c.input_shape.length - 1], F = c.config.filters;
  const out = h('div', { class: 'filters' });
  for (let f = 0; f < F; f++) {
    const sel = s.sel && s.sel.ch === f;
    const box = h('figure', { class: ['filter', sel && 'sel'] }, h('figcaption', {}, t('filter', { f })));
    for (let ch = 0; ch < C; ch++) {
      box.append(h('div', { class: 'chan' }, h('div', { class: 'chan-label' }, t('channel', { c: ch })),
        grid({
          rows: ah.k, cols: aw.k, label: t('filter', { f }) + ' ' + t('channel', { c: ch }), className: 'kernel-grid',
          cell: (r, col) => ({
            text: fmt(c.weights.kernel[kernelIndex(aw.k, C, F, r, col, ch, f)]),
            cls: ['w', sel && 'win'], mark: sel ? '\u25cf' : '',
          }),
        })));
    }
    if (c.weights.bias) box.append(h('div', { class: 'bias' }, t('bias', { b: fmt(c.weights.bias[f]) })));
    out.append(box);
  }
  return out;
}

// arithmetic writes out how the selected output cell is computed, from the
// input and weights the library was given and the value it returned.
function arithmetic(s, view) {
  const { c, geom, res } = view;
  const op = OPS[s.op];
  const sel = s.sel;
  const [ah, aw] = axes2(geom);
  const W = aw.n, H = ah.n, C = c.input_shape[c.input_shape.length - 1];
  const { cols, ch: OC } = outDims(s, geom, res);
  const y = res.values[(sel.r * cols + sel.c) * OC + sel.ch];
  const cellName = (i, j) => (geom.axes.length === 2 ? `[${i}, ${j}]` : `[${j}]`);
  const inside = (i, j) => i >= 0 && i < H && j >= 0 && j < W;
  const x = (i, j, ch) => c.input[(i * W + j) * C + ch];
  const lines = [];
  let formula = '';
  let pads = 0;
  if (op.fam === 'pad') {
    const [i, j] = windowCells(s, geom, sel)[0];
    lines.push(inside(i, j) ? t('arith.pad.copy', { cell: cellName(i, j) }) : t('arith.pad.zero'));
    formula = `${fmt(y)}`;
  } else if (op.fam === 'conv') {
    const terms = [];
    for (let th = 0; th < ah.k; th++) {
      for (let tw = 0; tw < aw.k; tw++) {
        const i = ah.windows[sel.r][th], j = aw.windows[sel.c][tw];
        for (let ch = 0; ch < C; ch++) {
          if (!inside(i, j)) { pads++; continue; }
          const w = c.weights.kernel[kernelIndex(aw.k, C, c.config.filters, th, tw, ch, sel.ch)];
          terms.push(`${paren(x(i, j, ch))}\u00d7${paren(w)}`);
        }
      }
    }
    const b = c.weights.bias ? c.weights.bias[sel.ch] : null;
    lines.push(t('arith.conv', { bias: b === null ? '' : t('arith.bias') }));
    formula = (terms.length ? terms.join(' + ') : '0') + (b === null ? '' : ` + ${fmt(b)}`) + ` = ${fmt(y)}`;
  } else {
    const vals = [];
    const avg = op.avg;
    for (const [i, j] of windowCells(s, geom, sel)) {
      if (inside(i, j)) vals.push(avg ? paren(x(i, j, sel.ch)) : fmt(x(i, j, sel.ch))); else pads++;
    }
    if (op.fam === 'global') lines.push(t(avg ? 'arith.global.avg' : 'arith.global.max'));
    else lines.push(t(avg ? 'arith.avg' : 'arith.max'));
    formula = avg ? `(${vals.join(' + ')}) / ${vals.length} = ${fmt(y)}` : `max(${vals.join(', ')}) = ${fmt(y)}`;
  }
  const cells = windowCells(s, geom, sel).filter(([i, j]) => inside(i, j)).map(([i, j]) => cellName(i, j));
  const out = h('div', { class: 'arith', 'aria-live': 'polite' },
    op.fam === 'pad' ? null : h('p', {}, t('window.of', { cell: cellName(sel.r, sel.c) + (OC > 1 ? ` (${op.fam === 'conv' ? t('filter', { f: sel.ch }) : t('channel', { c: sel.ch })})` : '') })),
    op.fam === 'pad' || !cells.length ? null : h('p', {}, h('code', { class: 'cells' }, cells.join(' '))),
    ...lines.map((l) => h('p', {}, l)),
    h('p', {}, h('code', { class: 'formula', 'data-testid': 'formula' }, formula)));
  if (pads > 0 && op.fam === 'conv') out.append(h('p', { class: 'note' }, t('arith.padcells')));
  return out;
}

// drawOutput draws one grid per output channel; its cells are buttons.
function drawOutput(s, view, onpick) {
  const { geom, res } = view;
  const { rows, cols, ch } = outDims(s, geom, res);
  const op = OPS[s.op];
  const out = h('div', { class: 'outputs' });
  for (let k = 0; k < ch; k++) {
    out.append(h('figure', { class: 'chan' },
      h('figcaption', {}, op.fam === 'conv' ? t('filter', { f: k }) : t('channel', { c: k })),
      grid({
        rows, cols, button: true, label: t('panel.output') + ' ' + k, className: 'output-grid',
        tabStop: s.sel && s.sel.ch === k ? s.sel : null,
        onpick: (r, c) => onpick({ r, c, ch: k }),
        cell: (r, c) => {
          const on = s.sel && s.sel.r === r && s.sel.c === c && s.sel.ch === k;
          return {
            text: fmt(res.values[(r * cols + c) * ch + k]), cls: ['out', on && 'win'], mark: on ? '\u25cf' : '',
            attrs: { 'data-ch': k, 'data-value': String(res.values[(r * cols + c) * ch + k]), 'aria-pressed': on ? 'true' : 'false' },
          };
        },
      })));
  }
  return out;
}

// postNote says, for each axis, what the post's rule and Keras pad.
function postNote(s, geom) {
  const op = OPS[s.op];
  if (op.fam !== 'conv' && op.fam !== 'pool') return null;
  const axes = geom.axes;
  const box = h('div', { class: 'post-note', 'data-testid': 'post-note' });
  if (geom.padding === 'causal') {
    box.append(h('p', {}, t('post.causal', { before: axes[0].before })));
    return box;
  }
  if (geom.padding !== 'same') {
    box.append(h('p', {}, t('post.valid')));
    return box;
  }
  let postOnly = false, kerasOnly = false;
  axes.forEach((a, i) => {
    const p = Math.floor(a.k / 2);
    if (p > a.before || p > a.after) postOnly = true;
    if (p < a.before || p < a.after) kerasOnly = true;
    const name = axes.length === 2 ? (i === 0 ? t('axis.rows') : t('axis.cols')) : '';
    box.append(h('p', {}, (name ? name + ': ' : '') + t('post.rule', { post: p, before: a.before, after: a.after })));
  });
  if (!postOnly && !kerasOnly) {
    box.append(h('p', {}, t('post.same')));
    return box;
  }
  const parts = [t('post.differs')];
  if (!s.post) parts.push(t('post.turn.on'));
  else {
    if (postOnly) parts.push(t('post.only'));
    if (kerasOnly) parts.push(t('keras.only'));
  }
  box.append(h('p', {}, parts.join(' ')));
  return box;
}

function legend(s, geom) {
  const op = OPS[s.op];
  const padded = geom.axes.some((a) => a.before > 0 || a.after > 0);
  const odd = op.fam !== 'pad' && geom.axes.some((a) => a.after > a.before);
  const item = (cls, mark, key, text) => h('li', {}, h('span', { class: ['cell', 'swatch', cls] }, h('span', { class: 'v', text }), mark ? h('span', { class: 'mark', 'aria-hidden': 'true', text: mark }) : null), ' ', t(key));
  const z = op.fam === 'pool' ? '' : '0';
  const items = [item('in', '', 'legend.input', '1')];
  if (padded) items.push(item('pad', '', op.fam === 'pool' ? 'legend.pad.pool' : 'legend.pad', z));
  if (odd) items.push(item('pad odd', '+', 'legend.odd', z));
  const read = readSets(geom);
  const never = geom.kind === 'window' && axes2(geom).some((a, i) => [...Array(a.n).keys()].some((x) => !read[i].has(x)));
  if (never) items.push(item('in never', '\u2715', 'legend.never', '1'));
  items.push(item('in win', '\u25cf', 'legend.window', '1'));
  if (s.post) items.push(item('post-only', '\u25c7', 'legend.post', ''), item('pad keras-only', '!', 'legend.keras', z));
  return h('details', { class: 'legend', open: true }, h('summary', {}, t('legend')), h('ul', {}, items));
}

// renderViews draws everything below the controls for the state s.
export function renderViews(root, s, view, onpick) {
  root.replaceChildren();
  const { res, geom, draw, n } = view;
  const shape = h('p', { class: 'shape', 'data-testid': 'shape' });
  if (res.error) {
    root.append(h('div', { class: 'error', role: 'alert', 'data-testid': 'error' },
      h('h2', {}, t('error.title')), h('p', {}, h('code', { 'data-testid': 'error-message' }, res.error.message))));
    return;
  }
  shape.append(t('shape') + ': ', h('code', { 'data-testid': 'output-shape' }, res.output_shape), ` \u00b7 ${res.params} ${t('params')}`);
  root.append(shape);
  if (!draw || !geom) {
    root.append(h('p', { class: 'note' }, t('too.large', { n, max: MAX_DRAW })));
    return;
  }
  const op = OPS[s.op];
  const note = postNote(s, geom);
  if (note) root.append(note);
  const C = view.c.input_shape[view.c.input_shape.length - 1];
  const inputs = h('div', { class: 'inputs' });
  for (let ch = 0; ch < C; ch++) {
    inputs.append(h('figure', { class: 'chan' }, h('figcaption', {}, t('channel', { c: ch })), drawInput(s, view, ch)));
  }
  const panels = h('div', { class: 'panels' },
    h('section', { class: 'panel', 'aria-labelledby': 'p-in' }, h('h2', { id: 'p-in' }, t('panel.input')), inputs, legend(s, geom)));
  if (op.fam === 'conv') {
    panels.append(h('section', { class: 'panel', 'aria-labelledby': 'p-w' }, h('h2', { id: 'p-w' }, t('panel.weights')), drawWeights(s, view)));
  }
  panels.append(h('section', { class: 'panel', 'aria-labelledby': 'p-out' }, h('h2', { id: 'p-out' }, t('panel.output')),
    drawOutput(s, view, onpick),
    s.sel ? arithmetic(s, view) : h('p', { class: 'note' }, t('select.hint'))));
  root.append(panels);
}

// nextCell returns the output cell after sel, row by row, channel by channel.
export function nextCell(s, view) {
  const { rows, cols, ch } = outDims(s, view.geom, view.res);
  if (!s.sel) return { r: 0, c: 0, ch: 0 };
  let { r, c, ch: k } = s.sel;
  c++;
  if (c >= cols) { c = 0; r++; }
  if (r >= rows) { r = 0; k++; }
  if (k >= ch) k = 0;
  return { r, c, ch: k };
}
