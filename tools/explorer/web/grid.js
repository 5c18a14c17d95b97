// Small DOM helpers and the grid of cells that every view draws.

// h makes an element: h('div', {class: 'x', onclick: f}, child, 'text', …).
export function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// fmt writes a float32 value short: at most four significant digits, and
// a true minus sign.
export function fmt(v) {
  if (v === null || v === undefined) return 'NaN';
  if (Number.isInteger(v)) return String(v).replace('-', '\u2212');
  const s = String(Number(v.toPrecision(4)));
  return s.replace('-', '\u2212');
}

// grid draws rows×cols cells. cell(r, c) returns {text, cls, mark, attrs,
// label}; mark is a symbol drawn in the corner so that no state is shown
// by colour alone. With button set, cells are buttons moved between with
// the arrow keys (one tab stop for the grid: tabStop, or the first cell).
export function grid({ rows, cols, cell, label, button, onpick, className, tabStop }) {
  const stop = tabStop || { r: 0, c: 0 };
  const g = h('div', { class: ['grid', className], role: 'grid', 'aria-label': label, style: `--cols:${cols}` });
  for (let r = 0; r < rows; r++) {
    const row = h('div', { class: 'grid-row', role: 'row' });
    for (let c = 0; c < cols; c++) {
      const d = cell(r, c);
      const attrs = Object.assign({ class: ['cell', ...(d.cls || [])], role: 'gridcell' }, d.attrs || {});
      if (d.label) attrs['aria-label'] = d.label;
      let e;
      if (button) {
        attrs.tabindex = r === stop.r && c === stop.c ? '0' : '-1';
        attrs['data-r'] = r;
        attrs['data-c'] = c;
        e = h('button', Object.assign(attrs, { type: 'button', onclick: () => onpick(r, c) }));
      } else {
        e = h('span', attrs);
      }
      e.append(h('span', { class: 'v', text: d.text }));
      if (d.mark) e.append(h('span', { class: 'mark', 'aria-hidden': 'true', text: d.mark }));
      row.append(e);
    }
    g.append(row);
  }
  if (button) {
    g.addEventListener('keydown', (ev) => {
      const cur = ev.target.closest('button.cell');
      if (!cur) return;
      let r = +cur.dataset.r, c = +cur.dataset.c;
      if (ev.key === 'ArrowRight') c++;
      else if (ev.key === 'ArrowLeft') c--;
      else if (ev.key === 'ArrowDown') r++;
      else if (ev.key === 'ArrowUp') r--;
      else return;
      const next = g.querySelector(`button.cell[data-r="${r}"][data-c="${c}"]`);
      if (next) {
        ev.preventDefault();
        for (const b of g.querySelectorAll('button.cell')) b.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    });
  }
  return g;
}
