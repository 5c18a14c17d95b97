// The progress page of `checker serve`: the learner view of every lesson,
// pushed by the server on each run, and each failing golden case drawn
// from its record.

import { t, setLang, getLang, initialLang, applyTexts } from './i18n.js';
import { h, fmt, grid } from './grid.js';
import { loadEngine } from './engine.js';
import { stateFromCase, compute, drawInput } from './explorer.js';

let current = null;
let engine = null;
let engineFailed = false;
// hintShown is how far the learner opened the hint of an exercise: its
// id and how many hints are shown, so that the next run (which redraws
// the page) and the language button keep it open.
let hintShown = { id: null, level: 0 };

const statusMark = { passed: '\u2713', failed: '\u2717', not_started: '\u25cb', error: '\u26a0' };
const statusKey = { passed: 'status.pass', failed: 'status.fail', not_started: 'status.todo', error: 'status.error' };
const statusClass = { passed: 'pass', failed: 'fail', not_started: 'todo', error: 'error' };

// tensorCells turns {"shape","values"} into rows, columns and channels to
// draw: the batch's first item, the last axis as channels.
function tensorDims(shape) {
  if (!Array.isArray(shape) || shape.length < 2) return null;
  const ch = shape[shape.length - 1];
  const sp = shape.slice(1, -1);
  if (sp.length > 2) return null;
  return { rows: sp.length === 2 ? sp[0] : 1, cols: sp.length >= 1 ? sp[sp.length - 1] : 1, ch };
}

function differs(a, b) {
  if (a === null || b === null || a === undefined || b === undefined) return a !== b;
  return Math.abs(a - b) > 1e-4 * Math.max(1, Math.abs(b));
}

// drawTensor draws a tensor; with other set, cells that differ from it
// are marked ✗.
function drawTensor(v, other, label, at) {
  if (!v) return h('p', {}, '\u2014');
  if (v.error !== undefined) return h('p', {}, t('case.error') + ': ', h('code', {}, String(v.error)));
  if (v.panic !== undefined) return h('p', {}, t('case.panic') + ': ', h('code', {}, String(v.panic)));
  if (v.value !== undefined) {
    const bad = other && other.value !== undefined && JSON.stringify(other.value) !== JSON.stringify(v.value);
    return h('p', { class: bad ? 'bad-value' : '' }, h('code', {}, JSON.stringify(v.value)), bad ? ' \u2717' : '');
  }
  const d = tensorDims(v.shape);
  const box = h('div', {}, h('p', { class: 'note' }, t('case.shape', { shape: '(' + (v.shape || []).join(', ') + ')' })));
  if (!d || !Array.isArray(v.values) || v.values.length < d.rows * d.cols * d.ch) {
    box.append(h('pre', {}, h('code', {}, JSON.stringify(v.values))));
    return box;
  }
  const same = other && Array.isArray(other.shape) && JSON.stringify(other.shape) === JSON.stringify(v.shape) && Array.isArray(other.values);
  const wrap = h('div', { class: 'inputs' });
  for (let k = 0; k < d.ch; k++) {
    wrap.append(h('figure', { class: 'chan' }, h('figcaption', {}, t('channel', { c: k })),
      grid({
        rows: d.rows, cols: d.cols, label: label + ' ' + t('channel', { c: k }),
        cell: (r, c) => {
          const i = (r * d.cols + c) * d.ch + k;
          const bad = same && differs(v.values[i], other.values[i]);
          const first = at && at.r === r && at.c === c && at.ch === k;
          return {
            text: fmt(v.values[i]), cls: [bad ? 'bad' : 'out', first && 'first'],
            mark: (first ? '\u25cf' : '') + (bad ? '\u2717' : ''), attrs: { 'data-bad': bad ? 'true' : 'false' },
          };
        },
      })));
  }
  box.append(wrap);
  return box;
}

// firstDiffCell finds the output cell of the first difference, as {r, c, ch}.
function firstDiffCell(rec) {
  const want = rec.want, got = rec.got;
  if (!want || !Array.isArray(want.shape)) return null;
  const d = tensorDims(want.shape);
  if (!d) return null;
  let flat = null;
  const fd = rec.first_diff;
  if (Array.isArray(fd) && fd.length === want.shape.length) {
    flat = 0;
    fd.forEach((x, i) => { flat = flat * want.shape[i] + x; });
  } else if (typeof fd === 'number') flat = fd;
  else if (fd && Array.isArray(fd.index)) {
    flat = 0;
    fd.index.forEach((x, i) => { flat = flat * want.shape[i] + x; });
  } else if (fd && typeof fd.flat === 'number') flat = fd.flat;
  else if (got && Array.isArray(got.values) && JSON.stringify(got.shape) === JSON.stringify(want.shape)) {
    flat = want.values.findIndex((x, i) => differs(got.values[i], x));
    if (flat < 0) flat = null;
  }
  if (flat === null) return null;
  const ch = flat % d.ch, pix = Math.floor(flat / d.ch) % (d.rows * d.cols);
  return { r: Math.floor(pix / d.cols), c: pix % d.cols, ch };
}

function drawLayerInput(rec) {
  const box = h('div', { class: 'case-input' });
  if (!rec.layer || !engine) return box;
  const s = stateFromCase(rec.layer);
  if (!s) return box;
  const view = compute(engine, s);
  if (view.res.error || !view.geom) return box;
  s.sel = firstDiffCell(rec);
  const C = rec.layer.input_shape[rec.layer.input_shape.length - 1];
  const wrap = h('div', { class: 'inputs' });
  for (let ch = 0; ch < C; ch++) wrap.append(h('figure', { class: 'chan' }, h('figcaption', {}, t('channel', { c: ch })), drawInput(s, view, ch)));
  box.append(h('h4', {}, t('case.input')), wrap);
  return box;
}

function drawCase(rec) {
  const lang = getLang();
  const fig = h('section', { class: 'case', 'data-case': rec.case, 'aria-label': t('case.title', { case: rec.case }) },
    h('h3', {}, t('case.title', { case: '' }), h('code', {}, rec.case)));
  if (rec.call) fig.append(h('p', {}, t('case.call') + ': ', h('code', {}, rec.call)));
  if (rec.mistake) {
    fig.append(h('div', { class: 'mistake' }, h('strong', {}, t('case.mistake') + ': '), rec.mistake[lang] || rec.mistake.en));
  }
  fig.append(drawLayerInput(rec));
  const at = firstDiffCell(rec);
  const side = h('div', { class: 'side' });
  side.append(h('div', {}, h('h4', {}, t('case.want')), drawTensor(rec.want, null, t('case.want'), at)));
  side.append(h('div', {}, h('h4', {}, t('case.got')), drawTensor(rec.got, rec.want, t('case.got'), at)));
  fig.append(side);
  if (rec.got && rec.got.values) fig.append(h('p', { class: 'note' }, t('case.wrong')));
  if (rec.window !== undefined && rec.window !== null && typeof rec.window === 'string') {
    fig.append(h('pre', {}, h('code', {}, rec.window)));
  }
  if (rec.layer) {
    const href = 'explorer' + (lang === 'ko' ? '?lang=ko' : '') + '#case=' + encodeURIComponent(JSON.stringify(rec.layer));
    fig.append(h('p', {}, h('a', { class: 'button', href, 'data-testid': 'open-explorer' }, t('case.explore'))));
  }
  return fig;
}

// drawHint draws the hint of the first failing exercise, closed until the
// learner opens it: the known mistake its cases match, then its hints one
// at a time, as `checker hint` shows them. Every text is a text node: the
// mistake comes from case records, which lesson code can print too.
function drawHint(ex) {
  const hint = ex.hint;
  const texts = Array.isArray(hint.texts) ? hint.texts : [];
  const open = hintShown.id === ex.id;
  const level = Math.min(open ? hintShown.level : 1, texts.length);
  const box = h('details', { class: 'hint', 'data-testid': 'hint', open });
  box.append(h('summary', { 'data-testid': 'show-hint' }, t('hint.show')));
  box.addEventListener('toggle', () => {
    if (box.open && hintShown.id !== ex.id) hintShown = { id: ex.id, level: 1 };
    else if (!box.open) hintShown = { id: null, level: 0 };
  });
  if (hint.mistake) {
    box.append(h('p', { class: 'mistake', 'data-testid': 'hint-mistake' }, t('hint.mistake'), String(hint.mistake)));
  }
  const list = h('ol', { class: 'hint-texts' });
  for (const x of texts.slice(0, level)) list.append(h('li', { 'data-testid': 'hint-text' }, String(x)));
  if (texts.length) box.append(list);
  if (level < texts.length) {
    box.append(h('p', {}, h('button', {
      type: 'button', class: 'button', 'data-testid': 'next-hint',
      onclick: () => { hintShown = { id: ex.id, level: level + 1 }; render(); },
    }, t('hint.next', { n: level + 1, total: texts.length }))));
  }
  return box;
}

function drawExercise(ex) {
  const li = h('li', { class: 'ex', 'data-exercise': ex.id, 'data-status': ex.status },
    h('span', { class: ['badge', statusClass[ex.status]] }, (statusMark[ex.status] || '') + ' ' + t(statusKey[ex.status] || 'status.skip')),
    h('code', {}, ex.id));
  const box = h('div', {}, li);
  if (ex.status === 'failed' || ex.status === 'error') {
    // The hint comes first, one line while closed, and the command that
    // prints it in the terminal, small; then the drawn cases.
    if (ex.hint) box.append(drawHint(ex));
    box.append(h('p', { class: 'note small' }, t('hint.terminal') + ': ', h('code', {}, ex.hint_command)));
    const cases = ex.cases || [];
    for (const rec of cases.slice(0, 3)) box.append(drawCase(rec));
    if (cases.length > 3) box.append(h('p', { class: 'note' }, t('case.more', { n: cases.length - 3 })));
    if (ex.message) {
      const pre = h('pre', { class: 'message' }, h('code', {}, ex.message));
      box.append(cases.length ? h('details', {}, h('summary', {}, t('case.message')), pre) : pre);
    }
  }
  return box;
}

function render() {
  applyTexts(document);
  const lb = document.getElementById('lang');
  lb.textContent = t('lang.switch');
  lb.lang = getLang() === 'en' ? 'ko' : 'en';
  document.getElementById('explorer-link').href = 'explorer' + (getLang() === 'ko' ? '?lang=ko' : '');
  const live = document.getElementById('live');
  const root = document.getElementById('lessons');
  if (!current) { live.textContent = t('progress.waiting'); return; }
  const when = current.ran ? new Date(current.ran).toLocaleTimeString(getLang()) : '';
  if (current.status === 'running') live.textContent = t('progress.running');
  else if (current.status === 'waiting') live.textContent = t('progress.waiting');
  else live.textContent = t('progress.updated', { time: when }) + (current.error ? ' \u2014 ' + current.error : '');
  document.body.dataset.status = current.status;
  const view = current.progress && (current.progress[getLang()] || current.progress.en);
  if (!view) return;
  root.replaceChildren();
  const total = h('p', { class: 'total', 'data-testid': 'total' }, t('progress.done', { done: view.exercises_passed, total: view.exercises }));
  root.append(h('div', {}, total, h('progress', { max: view.exercises, value: view.exercises_passed, 'aria-hidden': 'true' })));
  (view.lessons || []).forEach((l, i) => {
    const done = l.exercises.filter((e) => e.status === 'passed').length;
    root.append(h('section', { class: 'lesson', 'data-lesson': l.name },
      h('h2', {}, t('progress.lesson', { n: i + 1, name: l.title })),
      h('p', { class: 'note' }, t('progress.done', { done, total: l.exercises.length })),
      h('ul', { class: 'exercises' }, l.exercises.map((e) => h('li', {}, drawExercise(e))))));
  });
}

function connect() {
  const es = new EventSource('events');
  es.addEventListener('state', (ev) => {
    current = JSON.parse(ev.data);
    render();
  });
  es.onerror = () => {
    if (es.readyState === EventSource.CLOSED) document.getElementById('live').textContent = t('progress.disconnected');
  };
}

async function start() {
  setLang(initialLang());
  document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'en' ? 'ko' : 'en'); render(); });
  render();
  connect();
  try {
    engine = await loadEngine();
    render();
  } catch (e) {
    engineFailed = true;
  }
  document.body.dataset.ready = engineFailed ? 'no-explorer' : 'true';
}

start();
