// The explorer page: controls, state, play/pause/step, and the language switch.

import { t, setLang, getLang, initialLang, applyTexts } from './i18n.js';
import { h } from './grid.js';
import { loadEngine } from './engine.js';
import { OPS, defaultState, stateFromCase, compute, renderViews, nextCell } from './explorer.js';

let api = null;
let state = defaultState();
let view = null;
let timer = null;

// readHash loads a layer case from #case=<JSON>, as `checker serve`'s
// button and the browser tests open the page.
function readHash() {
  const m = /^#case=(.*)$/.exec(location.hash);
  if (!m) return;
  try {
    const s = stateFromCase(JSON.parse(decodeURIComponent(m[1])));
    if (s) state = s;
  } catch (e) { /* a bad link leaves the default */ }
}

function field(key, label, opts = {}) {
  const id = 'f-' + key;
  const input = h('input', {
    id, type: 'number', step: 1, value: state[key] ?? '', inputmode: 'numeric',
    placeholder: opts.placeholder, 'aria-describedby': opts.describedby,
    oninput: (e) => { state[key] = e.target.value === '' ? '' : +e.target.value; changed(); },
  });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input);
}

function pairField(key1, key2, label, opts = {}) {
  const rank = OPS[state.op].rank;
  if (rank === 1) return field(key2, label, opts);
  const mk = (key, sub) => h('input', {
    id: 'f-' + key, type: 'number', step: 1, value: state[key] ?? '', inputmode: 'numeric',
    placeholder: opts.placeholder, 'aria-label': label + ' (' + sub + ')',
    oninput: (e) => { state[key] = e.target.value === '' ? '' : +e.target.value; changed(); },
  });
  return h('fieldset', { class: 'field pair' }, h('legend', {}, label),
    mk(key1, t('rows')), h('span', { 'aria-hidden': 'true' }, '\u00d7'), mk(key2, t('cols')));
}

function select(key, label, options) {
  const id = 'f-' + key;
  return h('div', { class: 'field' }, h('label', { for: id }, label),
    h('select', { id, onchange: (e) => { state[key] = e.target.value; changed(); } },
      options.map(([v, text]) => h('option', { value: v, selected: state[key] === v }, text))));
}

function check(key, label) {
  const id = 'f-' + key;
  return h('div', { class: 'field check' },
    h('input', {
      id, type: 'checkbox', checked: !!state[key],
      // The overlay changes no window: keep the selected cell.
      onchange: (e) => { state[key] = e.target.checked; if (key === 'post') draw(); else changed(); },
    }),
    h('label', { for: id }, label));
}

function controls() {
  const op = OPS[state.op];
  const groups = {};
  for (const [name, o] of Object.entries(OPS)) (groups[o.group] ||= []).push(name);
  const opSel = h('div', { class: 'field' }, h('label', { for: 'f-op' }, t('op')),
    h('select', { id: 'f-op', onchange: (e) => {
        state.op = e.target.value;
        state.sel = null;
        if (state.values === 'case') state.values = 'count';
        if (state.padding === 'causal' && state.op !== 'Conv1D') state.padding = 'valid';
        renderAll();
      } },
      Object.entries(groups).map(([g, names]) => h('optgroup', { label: t(g) },
        names.map((n) => h('option', { value: n, selected: state.op === n }, n))))));
  const values = [['count', t('values.count')], ['mixed', t('values.mixed')]];
  if (state.caseInput) values.push(['case', t('values.case')]);
  const input = h('fieldset', { class: 'group' }, h('legend', {}, t('input')),
    op.rank === 2 ? field('h', t('input.height')) : null,
    field('w', t('input.width')), field('c', t('input.channels')),
    select('values', t('input.values'), values));
  const layer = h('fieldset', { class: 'group' }, h('legend', {}, t('layer')));
  const modes = [['valid', 'valid'], ['same', 'same']];
  if (state.op === 'Conv1D') modes.push(['causal', 'causal']);
  const pad = select('padding', t('padding'), modes);
  if (op.fam === 'conv') {
    layer.append(field('filters', t('filters')), pairField('kh', 'kw', t('kernel')), pairField('sh', 'sw', t('strides')),
      pairField('dh', 'dw', t('dilation')), pad, check('bias', t('use_bias')));
  } else if (op.fam === 'pool') {
    layer.append(pairField('ph', 'pw', t('pool')),
      pairField('psh', 'psw', t('strides'), { placeholder: 'None', describedby: 'strides-none' }),
      h('p', { id: 'strides-none', class: 'note' }, t('strides.none')), pad);
  } else if (op.fam === 'pad') {
    if (op.rank === 2) layer.append(field('pt', t('pad.top')), field('pb', t('pad.bottom')));
    layer.append(field('pl', t('pad.left')), field('pr', t('pad.right')));
  } else {
    layer.append(check('keepdims', t('keepdims')));
  }
  if (op.fam === 'conv' || op.fam === 'pool') layer.append(check('post', t('post.toggle')));
  const play = h('div', { class: 'player', role: 'group', 'aria-label': t('play') + ' / ' + t('step') },
    h('button', { type: 'button', id: 'play', 'aria-pressed': timer ? 'true' : 'false', onclick: togglePlay }, timer ? '\u23f8 ' + t('pause') : '\u25b6 ' + t('play')),
    h('button', { type: 'button', id: 'step', onclick: step }, t('step') + ' \u00bb'));
  return h('form', { class: 'controls', onsubmit: (e) => e.preventDefault() }, opSel, input, layer, play);
}

function step() {
  if (!view || view.res.error || !view.geom) return;
  state.sel = nextCell(state, view);
  draw();
}

function togglePlay() {
  if (timer) { clearInterval(timer); timer = null; } else { step(); timer = setInterval(step, 900); }
  renderControls();
}

function pick(sel) {
  state.sel = sel;
  draw();
  const b = document.querySelector(`.output-grid button[data-r="${sel.r}"][data-c="${sel.c}"][data-ch="${sel.ch}"]`);
  if (b) b.focus();
}

function changed() {
  state.sel = null;
  draw();
}

function draw() {
  const root = document.getElementById('views');
  if (!api) return;
  view = compute(api, state);
  if (state.sel) {
    const ok = view.geom && !view.res.error;
    if (!ok) state.sel = null;
  }
  renderViews(root, state, view, pick);
  document.body.dataset.ready = 'true';
}

function renderControls() {
  const c = document.getElementById('controls');
  const focused = document.activeElement && document.activeElement.id;
  c.replaceChildren(controls());
  if (focused) { const f = document.getElementById(focused); if (f) f.focus(); }
}

function renderAll() {
  applyTexts(document);
  const lb = document.getElementById('lang');
  lb.textContent = t('lang.switch');
  lb.lang = getLang() === 'en' ? 'ko' : 'en';
  renderControls();
  draw();
}

async function start() {
  setLang(initialLang());
  readHash();
  document.getElementById('lang').addEventListener('click', () => {
    setLang(getLang() === 'en' ? 'ko' : 'en');
    renderAll();
  });
  window.addEventListener('hashchange', () => { readHash(); renderAll(); });
  renderAll();
  const status = document.getElementById('status');
  status.textContent = t('loading');
  try {
    api = await loadEngine();
    status.textContent = '';
    draw();
  } catch (e) {
    status.textContent = t('load.failed', { msg: e.message });
    document.body.dataset.ready = 'failed';
  }
}

start();
