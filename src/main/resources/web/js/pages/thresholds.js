// Thresholds: how the accept and reject lines fare on live decisions (with operator feedback), and the ROC of the
// last `vigil eval`.
import { isMissingEndpoint, thresholds } from '../api.js';
import { clear, el, emptyState, every, num, showError } from '../ui.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const n = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  for (const c of children) n.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return n;
}

const W = 640, H = 260, PAD = { l: 44, r: 12, t: 14, b: 34 };

/** Stacked PASS / REJECT / UNKNOWN bars per similarity bin, with the accept and reject-floor lines. */
function histogram(stats) {
  const bins = stats.histogram;
  const lo = Math.min(0, ...bins.map((b) => b.from));
  const hi = Math.max(1, ...bins.map((b) => b.to));
  const max = Math.max(1, ...bins.map((b) => b.count));
  const x = (v) => PAD.l + ((v - lo) / (hi - lo)) * (W - PAD.l - PAD.r);
  const y = (c) => H - PAD.b - (c / max) * (H - PAD.t - PAD.b);
  const g = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', id: 'histogram', role: 'img',
    'aria-label': 'histogram of live similarities' });
  g.append(svg('line', { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, class: 'axis' }));
  for (let t = Math.ceil(lo * 10) / 10; t <= hi + 1e-9; t += 0.1) {
    g.append(svg('text', { x: x(t), y: H - PAD.b + 16, class: 'tick', 'text-anchor': 'middle' }, t.toFixed(1)));
  }
  g.append(svg('text', { x: PAD.l - 6, y: PAD.t + 8, class: 'tick', 'text-anchor': 'end' }, String(max)));
  g.append(svg('text', { x: PAD.l - 6, y: H - PAD.b, class: 'tick', 'text-anchor': 'end' }, '0'));
  g.append(svg('text', { x: (W + PAD.l) / 2, y: H - 4, class: 'label', 'text-anchor': 'middle' }, 'cosine similarity'));
  for (const b of bins) {
    const w = Math.max(1, x(b.to) - x(b.from) - 1);
    let base = 0;
    for (const [k, cls] of [['unknown', 'bar-unknown'], ['reject', 'bar-reject'], ['pass', 'bar-pass']]) {
      if (!b[k]) continue;
      g.append(svg('rect', { x: x(b.from), y: y(base + b[k]), width: w, height: y(base) - y(base + b[k]), class: cls },
        svg('title', {}, `${b.from.toFixed(2)}–${b.to.toFixed(2)}: ${b[k]} ${k.toUpperCase()}`)));
      base += b[k];
    }
  }
  for (const [v, cls, label] of [[stats.accept, 'line-accept', 'accept'], [stats.rejectFloor, 'line-reject', 'reject floor']]) {
    if (v == null) continue;
    g.append(svg('line', { x1: x(v), y1: PAD.t, x2: x(v), y2: H - PAD.b, class: cls }),
      svg('text', { x: x(v) + 4, y: PAD.t + 10, class: 'line-label ' + cls }, `${label} ${num(v)}`));
  }
  return g;
}

/** A curve in the unit square: points [{x, y}] with x on a log scale from 1e-4 when logX. */
function curve(points, { xLabel, yLabel, logX }) {
  const s = 240, p = 40;
  const fx = (v) => (logX ? (Math.log10(Math.max(v, 1e-4)) + 4) / 4 : v);
  const x = (v) => p + fx(v) * (s - p - 8);
  const y = (v) => s - p - v * (s - p - 8);
  const g = svg('svg', { viewBox: `0 0 ${s} ${s}`, class: 'chart roc', id: 'roc', role: 'img', 'aria-label': 'ROC curve' });
  g.append(svg('rect', { x: p, y: 8, width: s - p - 8, height: s - p - 8, class: 'frame' }));
  const ticks = logX ? [1e-4, 1e-3, 1e-2, 1e-1, 1] : [0, 0.5, 1];
  for (const t of ticks) g.append(svg('text', { x: x(t), y: s - p + 14, class: 'tick', 'text-anchor': 'middle' }, logX ? `1e${Math.round(Math.log10(t))}` : t));
  for (const t of [0, 0.5, 1]) g.append(svg('text', { x: p - 4, y: y(t) + 4, class: 'tick', 'text-anchor': 'end' }, t));
  g.append(svg('text', { x: (s + p) / 2, y: s - 6, class: 'label', 'text-anchor': 'middle' }, xLabel));
  g.append(svg('text', { x: 12, y: (s - p) / 2, class: 'label', 'text-anchor': 'middle', transform: `rotate(-90 12 ${(s - p) / 2})` }, yLabel));
  const sorted = [...points].sort((a, b) => a.x - b.x);
  g.append(svg('polyline', { points: sorted.map((q) => `${x(q.x).toFixed(1)},${y(q.y).toFixed(1)}`).join(' '), class: 'curve' }));
  return g;
}

function rocPoints(v) {
  const roc = v?.roc;
  if (!Array.isArray(roc)) return null;
  return roc.map((r) => (Array.isArray(r) ? { x: r[0], y: r[1] } : { x: r.far ?? r.fpr ?? r.x, y: r.tar ?? r.tpr ?? r.y }));
}

function evalSection(report) {
  const how = el('p', 'Run ', el('code', 'vigil eval DIR'), ' on a folder of labeled faces (one folder per person) to '
    + 'measure accuracy on your own people; with ', el('code', '--out DATA/eval'), ' (DATA is the server\'s data directory) '
    + 'its report shows here instead of the one the shipped thresholds came from.');
  if (!report) return el('section#eval.card', el('h3', 'ROC from the last vigil eval'), emptyState('No evaluation report yet', how));
  const v = report.verification || {};
  const rows = Object.entries(v.tar_at_far || {}).map(([far, tar]) => el('tr', el('td', far), el('td', tar == null ? 'n/a' : num(tar, 4)),
    el('td', num(v.threshold_at_far?.[far], 3))));
  let chart = null;
  const roc = rocPoints(v);
  if (roc && roc.length) {
    chart = curve(roc, { xLabel: 'false accept rate', yLabel: 'true accept rate', logX: true });
  } else if (report.open_set?.[0]?.rates?.length) {
    const o = report.open_set[0];
    chart = el('figure', curve(o.rates.map((r) => ({ x: r.stranger_pass, y: r.enrolled_correct_pass })),
      { xLabel: 'strangers passed', yLabel: 'enrolled passed correctly', logX: true }),
    el('figcaption.muted', `open set, ${o.gallery_identities ?? '?'} identities, thresholds ${o.rates[0].threshold}–${o.rates[o.rates.length - 1].threshold}`));
  }
  return el('section#eval.card', el('h3', 'ROC from the last vigil eval'),
    el('p.muted', `${report.time ?? ''} · ${report.dataset ?? ''} · ${report.detection?.identities ?? '?'} identities, `
      + `${report.detection?.images ?? '?'} images`),
    el('p', `accuracy ${num(v.accuracy, 4)} · AUC ${num(v.auc, 4)} · best threshold ${num(v.threshold, 3)}`),
    el('div.eval-body', chart || el('p.muted', 'This report has no ROC points.'),
      rows.length ? el('table.table', el('thead', el('tr', el('th', 'FAR'), el('th', 'TAR'), el('th', 'threshold'))),
        el('tbody', rows)) : null),
    how);
}

export default {
  title: 'Thresholds',
  mount(root) {
    const live = el('section#live-stats');
    const evalBox = el('div#eval-box');
    clear(root, el('div.toolbar', el('h2', 'Thresholds')), live, evalBox);
    let lastError = null;

    function render(stats) {
      const grid = stats.grid.filter((r) => r.threshold >= 0 && r.threshold <= 0.8 + 1e-9);
      const atAccept = (r) => stats.accept != null && Math.abs(r.threshold - stats.accept) < 0.005;
      clear(live,
        el('div.card',
          el('h3', 'Live similarities'),
          el('p.muted', `${stats.decisions} decisions, ${stats.withFeedback} with feedback · accept ${num(stats.accept)} · `
            + `reject floor ${num(stats.rejectFloor)}. Confirm or correct events on the `, el('a', { href: '#/events' }, 'Events'),
            ' page to fill in the false PASS / false REJECT columns.'),
          stats.decisions ? histogram(stats) : emptyState('No decisions yet',
            'Every face Vigil decides on (streams and identify calls) adds to this histogram.'),
          el('div.legend', el('span.key.bar-pass', 'PASS'), el('span.key.bar-reject', 'REJECT'), el('span.key.bar-unknown', 'UNKNOWN'))),
        el('div.card',
          el('h3', 'At each accept threshold'),
          el('div.table-scroll', el('table.table.grid#threshold-table',
            el('thead', el('tr', ['accept at', 'PASS', 'REJECT', 'UNKNOWN', 'false PASS', 'false REJECT'].map((h) => el('th', h)))),
            el('tbody', grid.map((r) => el('tr', { class: atAccept(r) ? 'current' : '' },
              el('td', num(r.threshold)), el('td', r.pass), el('td', r.reject), el('td', r.unknown),
              el('td', r.falsePass), el('td', r.falseReject))))))));
    }

    async function refresh() {
      try {
        render(await thresholds.stats());
        lastError = null;
      } catch (e) {
        if (isMissingEndpoint(e)) {
          stop();
          clear(live, emptyState('Threshold statistics are not available on this server',
            'This build has no GET /api/v1/thresholds/stats.'));
          return;
        }
        if (lastError !== e.message) showError(e);
        lastError = e.message;
      }
    }

    const stop = every(5000, refresh);
    refresh();
    thresholds.evalReport().then((r) => clear(evalBox, evalSection(r))).catch((e) => {
      clear(evalBox, evalSection(null));
      showError(e);
    });
    return stop;
  },
};
