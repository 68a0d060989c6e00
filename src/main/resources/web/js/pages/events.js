// Events: the decision log, filtered, live-updating over the WebSocket feed, with feedback buttons that feed the
// threshold statistics.
import { events, gallery, isMissingEndpoint, streams } from '../api.js';
import { clear, decisionBadge, el, emptyState, num, selectDialog, showError, thumb, time, toast } from '../ui.js';

const MAX_ROWS = 500;

/** A datetime-local value (local time) as ISO-8601 UTC, or undefined. */
function iso(v) {
  return v ? new Date(v).toISOString() : undefined;
}

export default {
  title: 'Events',
  mount(root) {
    const f = {
      stream: el('select#filter-stream', el('option', { value: '' }, 'all streams')),
      subject: el('input#filter-subject', { type: 'search', list: 'subject-names', placeholder: 'anyone', autocomplete: 'off' }),
      decision: el('select#filter-decision', ['', 'PASS', 'REJECT', 'UNKNOWN'].map((d) => el('option', { value: d }, d || 'any decision'))),
      from: el('input#filter-from', { type: 'datetime-local' }),
      to: el('input#filter-to', { type: 'datetime-local' }),
    };
    const names = el('datalist#subject-names');
    const liveState = el('span#feed-state.feed-state.off', 'live: off');
    const list = el('div#events.events');
    const more = el('button#events-more.secondary', { type: 'button', hidden: true }, 'Load older');
    const form = el('form#event-filters.filters.card',
      el('label', 'Stream ', f.stream), el('label', 'Person ', f.subject, names), el('label', 'Decision ', f.decision),
      el('label', 'From ', f.from), el('label', 'To ', f.to),
      el('div.filter-actions', el('button.primary', { type: 'submit' }, 'Apply'),
        el('button.secondary#filter-reset', { type: 'reset' }, 'Reset')));
    clear(root, el('div.toolbar', el('h2', 'Events'), liveState), form, list, more);

    let next = null;
    let feed = null;
    let subjects = [];
    const shown = new Set();

    const filters = () => ({
      stream: f.stream.value || undefined, subject: f.subject.value.trim() || undefined,
      decision: f.decision.value || undefined, from: iso(f.from.value), to: iso(f.to.value),
    });

    function matches(ev, q) {
      if (q.stream && ev.stream !== q.stream) return false;
      if (q.subject && (ev.name || '').toLowerCase() !== q.subject.toLowerCase()) return false;
      if (q.decision && ev.decision !== q.decision) return false;
      if (q.from && ev.time && ev.time < q.from) return false;
      return !q.to; // a window that ends is history: live events do not belong in it
    }

    function row(ev) {
      const who = ev.name || (ev.decision === 'UNKNOWN' ? 'unknown' : '–');
      const verdict = el('span.verdict.muted');
      const right = el('button.small.ok-button', { type: 'button', title: 'The decision was right' }, '✓ Right');
      const wrong = el('button.small.wrong-button', { type: 'button', title: 'The decision was wrong: say who it was' }, '✗ Wrong…');
      const img = thumb(ev.snapshot, `snapshot of event ${ev.id}`, 'event-img');
      if (ev.snapshot) img.addEventListener('error', () => setTimeout(() => { // a live event's snapshot may lag
        img.src = ev.snapshot + '?retry=1';
      }, 1500), { once: true });
      const node = el('article.event.card.decision-row-' + ev.decision.toLowerCase(), { 'data-id': ev.id },
        img,
        el('div.event-main',
          el('div.event-title', el('strong.event-name', who), ' ', decisionBadge(ev.decision),
            ev.similarity != null ? el('span.muted', ` similarity ${num(ev.similarity, 3)}`) : null),
          el('div.event-meta.muted', time(ev.time), ' · ', ev.stream || ev.source || 'api',
            ev.track != null ? ` · track #${ev.track}` : '', ev.quality != null ? ` · quality ${num(ev.quality)}` : '',
            ev.liveness != null ? ` · liveness ${num(ev.liveness)}` : '')),
        el('div.event-actions', right, wrong, verdict));
      right.addEventListener('click', () => send(ev, true, null, verdict));
      wrong.addEventListener('click', async () => {
        const options = [['', 'someone not enrolled'], ...subjects.filter((s) => s.id !== ev.subjectId)
          .map((s) => [s.id, s.name])];
        const choice = await selectDialog(`Who was it really? (Vigil said ${who}, ${ev.decision})`, options,
          { confirm: 'Correct it' });
        if (choice !== null) send(ev, false, choice || null, verdict);
      });
      return node;
    }

    async function send(ev, correct, subjectId, verdict) {
      try {
        await events.feedback(ev.id, correct, subjectId);
        const who = subjectId ? subjects.find((s) => s.id === subjectId)?.name : null;
        verdict.textContent = correct ? 'confirmed' : `corrected: ${who || 'not enrolled'}`;
        verdict.className = 'verdict ' + (correct ? 'ok' : 'warn');
        toast(correct ? 'Thanks: counted as right' : 'Thanks: counted as wrong', 'info');
      } catch (e) {
        showError(e);
      }
    }

    function add(evs, { top }) {
      if (list.querySelector('.empty')) clear(list);
      const nodes = evs.filter((ev) => ev.id && !shown.has(ev.id)).map((ev) => {
        shown.add(ev.id);
        return row(ev);
      });
      if (top) list.prepend(...nodes.reverse()); else list.append(...nodes);
      while (list.children.length > MAX_ROWS) {
        shown.delete(list.lastElementChild.dataset.id);
        list.lastElementChild.remove();
      }
    }

    async function load(fresh) {
      try {
        const page = await events.list(filters(), fresh ? undefined : next);
        if (fresh) {
          clear(list);
          shown.clear();
        }
        add(page.events, { top: false });
        next = page.next;
        more.hidden = !next;
        if (!list.children.length) {
          clear(list, emptyState('No events', 'Each face a stream or an identify call decides on is logged here: '
            + 'PASS, REJECT or UNKNOWN, with a snapshot.'));
        }
        return true;
      } catch (e) {
        if (isMissingEndpoint(e)) {
          clear(list, emptyState('The event log is not available on this server',
            'This build has no events API (GET /api/v1/events answered 404).'));
          return false;
        }
        clear(list, emptyState('Events cannot be shown', e.message));
        showError(e);
        return true;
      }
    }

    function setState(s) {
      liveState.className = 'feed-state ' + s;
      liveState.textContent = `live: ${s}`;
    }

    form.addEventListener('submit', (e) => {
      e.preventDefault();
      load(true);
      if (feed) feed.subscribe(f.stream.value ? [f.stream.value] : []);
    });
    form.addEventListener('reset', () => setTimeout(() => form.requestSubmit(), 0));
    more.addEventListener('click', () => load(false));

    gallery.list(0, 1000).then((p) => {
      subjects = p.subjects;
      names.append(...subjects.map((s) => el('option', { value: s.name })));
    }).catch(() => {});
    streams.list().then((ss) => f.stream.append(...ss.map((s) => el('option', { value: s.name }, s.name))))
      .catch(() => {});

    let stopped = false;
    load(true).then((available) => {
      if (!available || stopped) return;
      feed = events.feed({
        onEvents: (evs) => {
          const q = filters();
          add(evs.filter((ev) => matches(ev, q)), { top: true });
        },
        onState: setState,
      });
    });
    return () => {
      stopped = true;
      if (feed) feed.close();
    };
  },
};
