// Streams: add, edit and remove cameras and video files; their health and last error.
import { isMissingEndpoint, streams } from '../api.js';
import { ago, clear, confirmDialog, el, emptyState, every, num, showError, stateBadge, toast } from '../ui.js';

export default {
  title: 'Streams',
  mount(root) {
    const name = el('input#stream-name', { type: 'text', required: true, placeholder: 'front-door', autocomplete: 'off' });
    const url = el('input#stream-url', { type: 'text', required: true, placeholder: 'rtsp://camera/stream or /path/video.mp4' });
    const fps = el('input#stream-fps', { type: 'number', min: '0.1', step: '0.1', placeholder: 'default' });
    const loop = el('input#stream-loop', { type: 'checkbox' });
    const submit = el('button#stream-submit.primary', { type: 'submit' }, 'Add stream');
    const cancel = el('button#stream-cancel.secondary', { type: 'button', hidden: true }, 'Cancel');
    const heading = el('h2', 'Add a stream');
    const form = el('form#stream-form.card.stream-form', heading,
      el('div.form-grid',
        el('label', 'Name ', name), el('label.wide', 'URL or file ', url),
        el('label', 'Analysed fps ', fps), el('label.check', loop, ' loop a video file')),
      el('div.form-actions', submit, cancel));
    const table = el('div#streams-table');
    clear(root, el('div.toolbar', el('h2', 'Streams')), table, form);
    let editing = null;
    let lastError = null;

    function edit(s) {
      editing = s;
      heading.textContent = `Edit ${s.name}`;
      submit.textContent = 'Save';
      cancel.hidden = false;
      name.value = s.name;
      url.value = s.url || '';
      fps.value = s.fps ?? '';
      loop.checked = s.loop;
      form.scrollIntoView({ block: 'center' });
      name.focus();
    }

    function reset() {
      editing = null;
      form.reset();
      heading.textContent = 'Add a stream';
      submit.textContent = 'Add stream';
      cancel.hidden = true;
    }

    cancel.addEventListener('click', reset);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const spec = { name: name.value.trim(), url: url.value.trim(), fps: fps.value, loop: loop.checked };
      submit.disabled = true;
      try {
        if (editing) await save(editing, spec); else await streams.add(spec);
        toast(editing ? `saved ${spec.name}` : `added ${spec.name}`);
        reset();
        refresh();
      } catch (err) {
        showError(err);
      } finally {
        submit.disabled = false;
      }
    });

    /** Edits in place when the server can; otherwise, with consent, replaces the stream (remove, then add). */
    async function save(old, spec) {
      try {
        await streams.update(old.id, spec);
        return;
      } catch (e) {
        if (!isMissingEndpoint(e)) throw e;
      }
      const ok = await confirmDialog(`This server cannot edit a stream in place. Replace ${old.name} (remove it, then add `
        + 'it again with the new settings)?', { confirm: 'Replace', danger: false });
      if (!ok) throw new Error('not saved');
      await streams.remove(old.id);
      try {
        await streams.add(spec);
      } catch (e) {
        await streams.add({ name: old.name, url: old.url, fps: old.fps, loop: old.loop }).catch(() => {});
        throw e;
      }
    }

    async function remove(s) {
      if (!await confirmDialog(`Remove the stream ${s.name}? Its past events stay in the log.`, { confirm: 'Remove' })) return;
      try {
        await streams.remove(s.id);
        toast(`removed ${s.name}`);
        refresh();
      } catch (e) {
        showError(e);
      }
    }

    function render(list) {
      if (!list.length) {
        clear(table, emptyState('No streams yet', 'Add an RTSP or HTTP camera, or a video file path, with the form '
          + 'below. Vigil reads it, finds faces at the analysed frame rate, and logs a decision per person it tracks.'));
        return;
      }
      clear(table, el('table.table.streams',
        el('thead', el('tr', ['stream', 'state', 'fps in / analysed', 'dropped', 'reconnects', 'last frame', 'last error', '']
          .map((h) => el('th', h)))),
        el('tbody', list.map((s) => el('tr', { 'data-id': s.id, 'data-state': s.state },
          el('td', el('strong', s.name), el('div.muted.url', s.url || '')),
          el('td', stateBadge(s.state)),
          el('td', `${num(s.fpsIn, 1)} / ${num(s.fpsAnalysed, 1)}`),
          el('td', String(s.dropped)), el('td', String(s.reconnects)),
          el('td', ago(s.lastFrame)),
          el('td.error', s.lastError || ''),
          el('td.row-actions',
            el('button.secondary.small', { type: 'button', on: { click: () => edit(s) } }, 'Edit'),
            el('button.danger.small', { type: 'button', on: { click: () => remove(s) } }, 'Remove')))))));
    }

    async function refresh() {
      try {
        render(await streams.list());
        lastError = null;
      } catch (e) {
        if (isMissingEndpoint(e)) {
          stop();
          clear(table, emptyState('Streams are not available on this server',
            'This build has no streams API (GET /api/v1/streams answered 404).'));
          return;
        }
        if (lastError !== e.message) showError(e);
        lastError = e.message;
      }
    }

    const stop = every(3000, refresh);
    refresh();
    return stop;
  },
};
