// Small DOM helpers shared by the pages: element building, toasts, dialogs, formatting.

/** el('div.card#x', {attrs, on: {click}}, children...) */
export function el(spec, props, ...children) {
  if (props === null || typeof props !== 'object' || props instanceof Node || Array.isArray(props)) {
    if (props !== undefined && props !== null) children.unshift(props);
    props = {};
  }
  const [, tag, rest] = spec.match(/^([a-z0-9-]*)(.*)$/i);
  const node = document.createElement(tag || 'div');
  for (const part of rest.match(/[.#][^.#]+/g) || []) {
    if (part[0] === '.') node.classList.add(part.slice(1)); else node.id = part.slice(1);
  }
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
    else if (k === 'text') node.textContent = v;
    else if (k in node && typeof v !== 'string') node[k] = v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

// ---- toasts ----
export function toast(message, kind = 'info') {
  const box = document.getElementById('toasts');
  const t = el('div.toast.' + kind, { role: kind === 'error' ? 'alert' : 'status' },
    el('span.toast-text', message),
    el('button.toast-close', { type: 'button', 'aria-label': 'Dismiss', on: { click: () => t.remove() } }, '×'));
  box.append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 12000 : 4000);
  return t;
}

/** Shows an API error's message as a toast; returns null so callers can `.catch(showError)` and go on. */
export function showError(e) {
  console.warn(e);
  toast(e && e.message ? e.message : String(e), 'error');
  return null;
}

// ---- dialogs ----
function dialog(build) {
  return new Promise((resolve) => {
    const d = document.getElementById('dialog');
    const form = el('form.dialog-form', { method: 'dialog' });
    const done = (v) => { d.close(); resolve(v); };
    build(form, done);
    clear(d, form);
    d.addEventListener('cancel', () => resolve(null), { once: true });
    d.showModal();
    const focus = form.querySelector('input, select, button.primary, button.danger');
    if (focus) focus.focus();
  });
}

/** Resolves true when the user confirms. */
export function confirmDialog(message, { confirm = 'Delete', danger = true } = {}) {
  return dialog((form, done) => {
    form.append(el('p.dialog-message', message), el('div.dialog-actions',
      el('button.secondary', { type: 'button', on: { click: () => done(false) } }, 'Cancel'),
      el('button.' + (danger ? 'danger' : 'primary') + '#dialog-confirm', { type: 'submit' }, confirm)));
    form.addEventListener('submit', (e) => { e.preventDefault(); done(true); });
  }).then((v) => v === true);
}

/** Resolves with the text entered, or null when cancelled. */
export function promptDialog(message, value = '', { confirm = 'Save' } = {}) {
  return dialog((form, done) => {
    const input = el('input#dialog-input', { type: 'text', value, required: true, autocomplete: 'off' });
    form.append(el('label.dialog-message', message, input), el('div.dialog-actions',
      el('button.secondary', { type: 'button', on: { click: () => done(null) } }, 'Cancel'),
      el('button.primary#dialog-confirm', { type: 'submit' }, confirm)));
    form.addEventListener('submit', (e) => { e.preventDefault(); done(input.value.trim() || null); });
    setTimeout(() => input.select(), 0);
  });
}

/** Resolves with the chosen option's value ('' allowed), or null when cancelled. options: [[value, label]]. */
export function selectDialog(message, options, { confirm = 'Save' } = {}) {
  return dialog((form, done) => {
    const select = el('select#dialog-select', options.map(([v, label]) => el('option', { value: v }, label)));
    form.append(el('label.dialog-message', message, select), el('div.dialog-actions',
      el('button.secondary', { type: 'button', on: { click: () => done(null) } }, 'Cancel'),
      el('button.primary#dialog-confirm', { type: 'submit' }, confirm)));
    form.addEventListener('submit', (e) => { e.preventDefault(); done(select.value); });
  });
}

// ---- formatting ----
export function decisionBadge(decision) {
  const d = String(decision || 'UNKNOWN').toUpperCase();
  return el('span.badge.decision-' + d.toLowerCase(), d);
}

export function stateBadge(state) {
  const s = String(state || 'unknown').toLowerCase();
  return el('span.badge.state-' + s, s);
}

export function num(v, digits = 2) {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toFixed(digits);
}

export function time(iso) {
  if (!iso) return '–';
  const d = new Date(iso);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

export function ago(iso) {
  if (!iso) return 'never';
  const s = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (s < 5) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 86400 * 2) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
}

export function emptyState(title, ...body) {
  return el('div.empty', el('h3', title), ...body.map((b) => (typeof b === 'string' ? el('p', b) : b)));
}

/** An <img> that shows a neutral placeholder instead of a broken image when the picture is missing. */
export function thumb(src, alt, cls = 'thumb-img') {
  const img = el('img.' + cls, { alt, loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => img.classList.add('missing'));
  img.addEventListener('load', () => img.classList.remove('missing'));
  if (src) img.src = src; else img.classList.add('missing');
  return img;
}

/** setInterval that skips ticks while the tab is hidden; returns a stop function. */
export function every(ms, fn) {
  const id = setInterval(() => { if (!document.hidden) fn(); }, ms);
  return () => clearInterval(id);
}
