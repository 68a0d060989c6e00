// Gallery: the people Vigil knows, their templates, enrolment by upload or drag-and-drop (photos or a ZIP).
import { gallery } from '../api.js';
import { clear, confirmDialog, el, emptyState, num, promptDialog, showError, thumb, toast } from '../ui.js';

const PAGE_SIZE = 60;

function isZip(file) {
  return /\.zip$/i.test(file.name) || file.type === 'application/zip' || file.type === 'application/x-zip-compressed';
}

function nameFromFile(file) {
  return file.name.replace(/\.[^.]+$/, '').replace(/[_-]?\d+$/, '').replace(/[_]+/g, ' ').trim() || file.name;
}

export default {
  title: 'Gallery',
  mount(root) {
    let offset = 0;
    let total = 0;
    const nameInput = el('input#enroll-name', { type: 'text', placeholder: 'e.g. Ada Lovelace', autocomplete: 'off' });
    const fileInput = el('input#enroll-files', { type: 'file', multiple: true, accept: 'image/*,.zip,application/zip' });
    const progress = el('progress#enroll-progress', { max: 1, value: 0, hidden: true });
    const log = el('ul#enroll-log.enroll-log');
    const drop = el('label.dropzone#dropzone', { for: 'enroll-files' },
      el('strong', 'Drop photos or a ZIP here'), el('span.muted', ' or click to choose files'));
    const search = el('input#gallery-search', { type: 'search', placeholder: 'Filter by name', autocomplete: 'off' });
    const count = el('span#gallery-count.muted');
    const grid = el('div#people.people');
    const more = el('button#gallery-more.secondary', { type: 'button', hidden: true }, 'Load more');

    clear(root,
      el('section.card.enroll',
        el('h2', 'Enroll'),
        el('p.muted', 'Photos of one person go under the name typed here (without a name, each photo is named after its '
          + 'file). A ZIP holds person/photo.jpg or person.jpg entries and is imported as it uploads.'),
        el('div.enroll-row', el('label', 'Name ', nameInput), fileInput),
        drop, progress, log),
      el('section.gallery',
        el('div.toolbar', el('h2', 'People'), count, search),
        grid, more));

    async function enrollFiles(files) {
      files = [...files];
      if (!files.length) return;
      clear(log);
      progress.hidden = false;
      let done = 0;
      const step = (fraction) => { progress.value = (done + fraction) / files.length; };
      for (const file of files) {
        const line = el('li', el('span.file', file.name), ' ', el('span.result.muted', 'uploading…'));
        log.append(line);
        const result = line.querySelector('.result');
        try {
          if (isZip(file)) {
            let entries = 0;
            const summary = await gallery.importZip(file, {
              onProgress: step,
              onEntry: (e) => {
                entries++;
                result.textContent = `${entries} entries… (${e.entry}: ${e.status})`;
              },
            });
            result.textContent = `imported: ${summary.enrolled ?? '?'} enrolled, ${summary.skipped ?? 0} skipped`;
            result.className = 'result ok';
          } else {
            const name = nameInput.value.trim() || nameFromFile(file);
            const r = await gallery.enrollByName(name, file, step);
            result.textContent = `enrolled as ${r.subject.name} (quality ${num(r.template?.quality)})`;
            result.className = 'result ok';
          }
        } catch (e) {
          result.textContent = e.message;
          result.className = 'result error';
          showError(e);
        }
        done++;
        step(0);
      }
      fileInput.value = '';
      setTimeout(() => { progress.hidden = true; }, 800);
      reload();
    }

    fileInput.addEventListener('change', () => enrollFiles(fileInput.files));
    for (const type of ['dragenter', 'dragover']) {
      drop.addEventListener(type, (e) => { e.preventDefault(); drop.classList.add('over'); });
    }
    drop.addEventListener('dragleave', () => drop.classList.remove('over'));
    drop.addEventListener('drop', (e) => {
      e.preventDefault();
      drop.classList.remove('over');
      enrollFiles(e.dataTransfer.files);
    });
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      for (const card of grid.children) card.hidden = !!q && !(card.dataset.name || '').toLowerCase().includes(q);
    });
    more.addEventListener('click', () => load(false));

    function personCard(s) {
      const thumbs = el('div.thumbs', el('span.muted', 'loading templates…'));
      const addInput = el('input.add-photo-input', { type: 'file', accept: 'image/*', multiple: true, hidden: true });
      const card = el('article.person.card', { 'data-id': s.id, 'data-name': s.name },
        el('header.person-head',
          el('h3.person-name', s.name),
          el('span.muted.person-count', `${s.template_count} template${s.template_count === 1 ? '' : 's'}`)),
        thumbs,
        el('div.person-actions',
          el('button.secondary.small.add-photo', { type: 'button', on: { click: () => addInput.click() } }, 'Add photo'),
          el('button.secondary.small.rename', { type: 'button', on: { click: () => rename(s) } }, 'Rename'),
          el('button.danger.small.delete', { type: 'button', on: { click: () => remove(s) } }, 'Delete')),
        addInput);
      addInput.addEventListener('change', async () => {
        for (const f of addInput.files) {
          try {
            const r = await gallery.enrollInto(s.id, f);
            toast(`added a template to ${s.name} (quality ${num(r.template?.quality)})`);
          } catch (e) {
            showError(e);
          }
        }
        reload();
      });
      gallery.get(s.id).then((full) => fillThumbs(thumbs, s, full.templates || [])).catch((e) => {
        clear(thumbs, el('span.error', e.message));
      });
      return card;
    }

    function fillThumbs(box, s, templates) {
      if (!templates.length) {
        clear(box, el('span.muted', 'no templates: this person cannot be recognised'));
        return;
      }
      clear(box, templates.map((t) => el('figure.thumb', { 'data-template': t.id, title: t.source || '' },
        thumb(t.has_crop === false ? null : gallery.cropUrl(s.id, t.id), `${s.name}, template`),
        el('figcaption', `q ${num(t.quality)}`),
        el('button.thumb-delete', { type: 'button', title: 'Delete this template', 'aria-label': 'Delete this template',
          on: { click: () => removeTemplate(s, t) } }, '×'))));
    }

    async function rename(s) {
      const name = await promptDialog(`New name for ${s.name}`, s.name, { confirm: 'Rename' });
      if (!name || name === s.name) return;
      try {
        await gallery.rename(s.id, name);
        toast(`renamed ${s.name} to ${name}`);
        reload();
      } catch (e) {
        showError(e);
      }
    }

    async function remove(s) {
      const ok = await confirmDialog(`Delete ${s.name} and all ${s.template_count} of their templates and crops? `
        + 'This cannot be undone.', { confirm: 'Delete person' });
      if (!ok) return;
      try {
        await gallery.remove(s.id);
        toast(`deleted ${s.name}`);
        reload();
      } catch (e) {
        showError(e);
      }
    }

    async function removeTemplate(s, t) {
      const ok = await confirmDialog(`Delete this template of ${s.name}?`, { confirm: 'Delete template' });
      if (!ok) return;
      try {
        await gallery.removeTemplate(s.id, t.id);
        toast(`deleted a template of ${s.name}`);
        reload();
      } catch (e) {
        showError(e);
      }
    }

    let generation = 0;
    async function load(fresh) {
      if (fresh) offset = 0;
      const mine = ++generation;
      try {
        const page = await gallery.list(offset, PAGE_SIZE);
        if (mine !== generation) return; // a newer load is under way
        total = page.total;
        if (fresh) clear(grid);
        grid.append(...page.subjects.map(personCard));
        offset += page.subjects.length;
        count.textContent = `${total} ${total === 1 ? 'person' : 'people'}`;
        more.hidden = offset >= total;
        if (!total) {
          clear(grid, emptyState('Nobody enrolled yet',
            'Type a name and choose a photo above, or drop a ZIP of person/photo.jpg files.',
            'People in the gallery get PASS when a camera sees them; everybody else stays UNKNOWN.'));
        }
      } catch (e) {
        clear(grid, emptyState('The gallery cannot be shown', e.message));
        showError(e);
      }
    }

    function reload() {
      load(true);
    }

    reload();
    return () => {};
  },
};
