// Nodes: edge nodes beside cameras that send embeddings, never images.
import { isMissingEndpoint, nodes } from '../api.js';
import { ago, clear, el, emptyState, every, showError, stateBadge } from '../ui.js';

function explanation() {
  return [
    el('p', 'An edge node is a small machine beside the cameras running ', el('code', 'vigil node'),
      '. It reads the streams there, finds and embeds faces locally, and sends this server only the embeddings and '
      + 'decisions to make: never images, so no picture leaves the site.'),
    el('p', 'Each node shows up here with its last heartbeat, the streams it serves and how many faces wait in its queue.'),
  ];
}

export default {
  title: 'Nodes',
  mount(root) {
    const body = el('div#nodes-table');
    clear(root, el('div.toolbar', el('h2', 'Edge nodes')), body);
    let lastError = null;

    async function refresh() {
      try {
        const list = await nodes.list();
        lastError = null;
        if (!list.length) {
          clear(body, emptyState('No edge nodes connected', ...explanation()));
          return;
        }
        clear(body, el('table.table.nodes',
          el('thead', el('tr', ['node', 'state', 'last heartbeat', 'streams', 'queue'].map((h) => el('th', h)))),
          el('tbody', list.map((n) => el('tr', { 'data-id': n.id },
            el('td', el('strong', n.name), n.address ? el('div.muted', n.address) : null),
            el('td', n.state ? stateBadge(n.state) : '–'),
            el('td', ago(n.lastHeartbeat)),
            el('td', n.streams.join(', ') || '–'),
            el('td', n.queueDepth ?? '–'))))));
      } catch (e) {
        if (isMissingEndpoint(e)) {
          stop();
          clear(body, emptyState('Edge nodes are not available in this build yet', ...explanation()));
          return;
        }
        if (lastError !== e.message) showError(e);
        lastError = e.message;
      }
    }

    const stop = every(5000, refresh);
    refresh();
    return stop;
  },
};
