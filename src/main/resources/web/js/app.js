// The shell: who is signed in, the tabs, and which page is mounted. Pages live in ./pages/, one module each, with
// mount(root) returning a function that stops its timers and sockets.
import { isMissingEndpoint, session } from './api.js';
import { clear, el, showError } from './ui.js';
import live from './pages/live.js';
import events from './pages/events.js';
import gallery from './pages/gallery.js';
import streams from './pages/streams.js';
import nodes from './pages/nodes.js';
import thresholds from './pages/thresholds.js';

const PAGES = { live, events, gallery, streams, nodes, thresholds };
const $ = (id) => document.getElementById(id);
let unmount = null;
let me = null;

function route() {
  const name = (location.hash.match(/^#\/([a-z]+)/) || [])[1];
  return PAGES[name] ? name : 'live';
}

function show() {
  if (!me) return;
  if (unmount) unmount();
  unmount = null;
  const name = route();
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === name);
  const root = clear($('main'));
  root.dataset.page = name;
  document.title = `${PAGES[name].title} · Vigil`;
  try {
    unmount = PAGES[name].mount(root) || null;
  } catch (e) {
    showError(e);
  }
}

function signedIn(who) {
  me = who;
  $('login').hidden = true;
  $('main').hidden = false;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = who.keys_enabled ? `${who.name} (${who.role})` : 'open on loopback';
  $('who-name').title = who.keys_enabled ? 'signed in with an API key' : 'no API keys are configured: the server only listens locally';
  $('logout').hidden = !who.keys_enabled;
  show();
}

function signedOut(message) {
  me = null;
  if (unmount) unmount();
  unmount = null;
  clear($('main'));
  $('main').hidden = true;
  $('nav').hidden = true;
  $('who').hidden = true;
  $('login').hidden = false;
  const err = $('login-error');
  err.hidden = !message;
  err.textContent = message || '';
  $('login-key').value = '';
  $('login-key').focus();
}

async function boot() {
  try {
    signedIn(await session.whoami());
  } catch (e) {
    if (e.status === 401) signedOut();
    else if (isMissingEndpoint(e)) signedIn({ name: 'local', role: 'admin', keys_enabled: false }); // a build without keys
    else clear($('main'), el('div.empty', el('h3', 'The server cannot be reached'), el('p', e.message)));
  }
}

$('login-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const button = $('login-submit');
  button.disabled = true;
  try {
    await session.login($('login-key').value.trim());
    signedIn(await session.whoami());
  } catch (e) {
    signedOut(e.message);
  } finally {
    button.disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  try {
    await session.logout();
  } catch (e) {
    showError(e);
  }
  signedOut();
});

window.addEventListener('vigil:unauthorized', () => {
  if (me && me.keys_enabled) signedOut('Your session has ended (expired, or the key was revoked). Sign in again.');
});
window.addEventListener('hashchange', show);
window.addEventListener('unhandledrejection', (e) => showError(e.reason));
boot();
