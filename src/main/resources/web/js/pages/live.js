// Live: a grid of annotated MJPEG views with each stream's health, and a large view with the tracks in view now.
import { isMissingEndpoint, streams } from '../api.js';
import { clear, decisionBadge, el, emptyState, every, num, showError, stateBadge } from '../ui.js';

// A browser opens at most 6 HTTP/1.1 connections per server and each MJPEG view holds one open for good: past this
// many, tiles wait for a click so the API calls still get through.
const MAX_LIVE_TILES = 4;

export default {
  title: 'Live',
  mount(root) {
    const grid = el('div#tiles.tiles');
    const large = el('section#large.large', { hidden: true });
    const summary = el('span#live-summary.muted');
    clear(root, el('div.toolbar', el('h2', 'Live'), summary), large, grid);
    const tiles = new Map(); // id -> {node, img, stats, people, badge, watching}
    let selected = null;
    let known = [];
    let lastError = null;

    function watch(tile, on) {
      tile.watching = on;
      if (on) tile.img.src = streams.mjpegUrl(tile.id) + '?t=' + Date.now();
      else tile.img.removeAttribute('src');
      tile.node.classList.toggle('paused', !on);
    }

    function tile(s) {
      const img = el('img.mjpeg', { alt: `live view of ${s.name}` });
      img.addEventListener('error', () => img.classList.add('missing'));
      img.addEventListener('load', () => img.classList.remove('missing'));
      const t = {
        id: s.id, img, watching: false,
        badge: el('span.tile-state'), stats: el('span.tile-stats.muted'), people: el('div.tile-people'),
        name: el('strong.tile-name', s.name),
      };
      t.node = el('article.tile.card', { 'data-id': s.id, tabindex: 0, title: 'Open the large view' },
        el('div.tile-video', img, el('span.tile-paused', 'paused: click to watch')),
        el('div.tile-bar', t.name, t.badge, t.stats), t.people);
      t.node.addEventListener('click', () => open(s.id));
      t.node.addEventListener('keydown', (e) => e.key === 'Enter' && open(s.id));
      return t;
    }

    function open(id) {
      selected = id;
      for (const t of tiles.values()) if (t.watching) watch(t, false);
      render();
      refreshPeople();
      large.scrollIntoView({ block: 'start' });
    }

    function closeLarge() {
      selected = null;
      large.hidden = true;
      clear(large);
      delete large.dataset.id;
      grid.hidden = false;
      let n = 0;
      for (const t of tiles.values()) watch(t, n++ < MAX_LIVE_TILES);
    }

    function renderLarge(s) {
      grid.hidden = true;
      large.hidden = false;
      if (large.dataset.id !== s.id) {
        large.dataset.id = s.id;
        const img = el('img.mjpeg.large-img', { alt: `live view of ${s.name}`, src: streams.mjpegUrl(s.id) + '?t=' + Date.now() });
        clear(large,
          el('div.large-video.card', img),
          el('aside.large-side.card',
            el('div.large-head', el('h3', s.name),
              el('button#large-close.secondary.small', { type: 'button', on: { click: closeLarge } }, 'Back to grid')),
            el('div.large-health'), el('h4', 'In view now'), el('div#tracks.tracks')));
      }
      clear(large.querySelector('.large-health'), stateBadge(s.state), ' ', health(s),
        s.lastError ? el('p.error', s.lastError) : null);
    }

    function health(s) {
      return `${num(s.fpsIn, 1)} fps in · ${num(s.fpsAnalysed, 1)} analysed · ${s.dropped} dropped · ${s.reconnects} reconnects`;
    }

    function render() {
      summary.textContent = known.length ? `${known.length} stream${known.length === 1 ? '' : 's'}` : '';
      if (!known.length) {
        grid.hidden = false;
        large.hidden = true;
        clear(grid, emptyState('No streams yet',
          el('p', 'Add a camera (RTSP, HTTP MJPEG) or a video file on the ', el('a', { href: '#/streams' }, 'Streams'),
            ' page; its annotated live view appears here with the names Vigil decides.')));
        tiles.clear();
        return;
      }
      for (const id of [...tiles.keys()]) {
        if (!known.some((s) => s.id === id)) { tiles.get(id).node.remove(); tiles.delete(id); }
      }
      if (!tiles.size) clear(grid);
      for (const s of known) {
        let t = tiles.get(s.id);
        if (!t) {
          t = tile(s);
          tiles.set(s.id, t);
          grid.append(t.node);
          if (!selected) watch(t, [...tiles.values()].filter((x) => x.watching).length < MAX_LIVE_TILES);
        }
        t.node.dataset.state = s.state;
        clear(t.badge, stateBadge(s.state));
        t.stats.textContent = `${num(s.fpsIn, 1)} fps · ${s.dropped} dropped`;
        t.node.title = s.lastError ? `last error: ${s.lastError}` : 'Open the large view';
      }
      const sel = known.find((s) => s.id === selected);
      if (selected && !sel) closeLarge();
      if (sel) renderLarge(sel);
    }

    async function refresh() {
      try {
        // Streams another server runs (several servers on PostgreSQL) play on that server's dashboard.
        known = (await streams.list()).filter((s) => s.state !== 'remote' && s.state !== 'unassigned');
        lastError = null;
        render();
      } catch (e) {
        if (isMissingEndpoint(e)) {
          stop();
          clear(grid, emptyState('Live video is not available on this server',
            'This build has no streams API (GET /api/v1/streams answered 404).'));
          return;
        }
        if (lastError !== e.message) showError(e);
        lastError = e.message;
      }
      refreshPeople();
    }

    async function refreshPeople() {
      if (!known.length) return;
      let inView;
      try {
        inView = await streams.status();
      } catch (e) {
        return; // the tiles still show; the status panel just stays as it was
      }
      for (const [id, t] of tiles) {
        clear(t.people, (inView.get(id) || []).map((p) => el('span.chip.decision-' + p.decision.toLowerCase(),
          p.name || 'unknown')));
      }
      const box = document.getElementById('tracks');
      if (box && selected) {
        const people = inView.get(selected) || [];
        clear(box, people.length ? el('table.table',
          el('thead', el('tr', el('th', 'track'), el('th', 'who'), el('th', 'decision'), el('th', 'score'))),
          el('tbody', people.map((p) => el('tr', el('td', `#${p.track ?? '?'}`), el('td', p.name || 'unknown'),
            el('td', decisionBadge(p.decision)), el('td', p.confidence ? num(p.confidence) : '–'))))) : el('p.muted', 'Nobody in view.'));
      }
    }

    const stop = every(2000, refresh);
    refresh();
    return () => {
      stop();
      for (const t of tiles.values()) t.img.removeAttribute('src');
      const big = large.querySelector('img');
      if (big) big.removeAttribute('src');
    };
  },
};
