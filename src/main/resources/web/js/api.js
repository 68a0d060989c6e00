// Every call the dashboard makes to the server, and the one place where response shapes are adapted.
// Pages never call fetch() themselves: when an endpoint changes shape, fix it here.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** True when the server has no such endpoint (a feature not in this build), as opposed to a missing record. */
export function isMissingEndpoint(e) {
  return e instanceof ApiError && (e.status === 405 || (e.status === 404 && /^(no such endpoint|Endpoint .* not found)/.test(e.message)));
}

function errorFrom(status, text, what) {
  try {
    const body = JSON.parse(text);
    if (body && (body.message || body.error)) return new ApiError(status, body.error || 'error', body.message || body.error);
    if (body && body.title) return new ApiError(status, 'http_' + status, body.title); // Javalin's own error JSON
  } catch (ignored) {
    // not JSON: fall through
  }
  const reason = status === 0 ? 'the server cannot be reached' : `HTTP ${status}`;
  return new ApiError(status, 'http_' + status, `${what} failed: ${reason}`);
}

function signalUnauthorized(e) {
  if (e.status === 401) window.dispatchEvent(new CustomEvent('vigil:unauthorized', { detail: e }));
}

async function request(method, path, { json, query, quiet401 } = {}) {
  const url = path + queryString(query);
  const init = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (json !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let res;
  try {
    res = await fetch(url, init);
  } catch (netError) {
    throw new ApiError(0, 'network', `${method} ${path} failed: the server cannot be reached`);
  }
  const text = await res.text();
  if (!res.ok) {
    const e = errorFrom(res.status, text, `${method} ${path}`);
    if (!quiet401) signalUnauthorized(e);
    throw e;
  }
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(res.status, 'bad_response', `${method} ${path} answered something that is not JSON`);
  }
}

function queryString(query) {
  if (!query) return '';
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}

/** A multipart upload with progress (fetch has no upload progress). onText sees the response body as it arrives. */
function upload(path, form, { onProgress, onText } = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    if (onProgress) xhr.upload.addEventListener('progress', (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    if (onText) xhr.addEventListener('progress', () => xhr.status >= 200 && xhr.status < 300 && onText(xhr.responseText));
    xhr.addEventListener('load', () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        if (onText) onText(xhr.responseText, true);
        resolve(xhr.responseText);
      } else {
        const e = errorFrom(xhr.status, xhr.responseText, `POST ${path}`);
        signalUnauthorized(e);
        reject(e);
      }
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'network', `POST ${path} failed: the server cannot be reached`)));
    xhr.send(form);
  });
}

/** Lists come as {"things": [...]} or as a bare array. */
function list(body, key) {
  if (Array.isArray(body)) return body;
  if (body && Array.isArray(body[key])) return body[key];
  return [];
}

const enc = encodeURIComponent;

// ---- session ----
export const session = {
  /** {name, role, keys_enabled}; 401 when keys are on and nobody is logged in. */
  whoami: () => request('GET', '/api/v1/session', { quiet401: true }),
  login: (key) => request('POST', '/api/v1/session', { json: { key }, quiet401: true }),
  logout: () => request('DELETE', '/api/v1/session'),
};

export const health = () => request('GET', '/health');

// ---- gallery ----
export const gallery = {
  list: (offset = 0, limit = 60) => request('GET', '/api/v1/subjects', { query: { offset, limit } })
    .then((b) => ({ subjects: list(b, 'subjects'), total: b.total ?? list(b, 'subjects').length })),
  get: (id) => request('GET', `/api/v1/subjects/${enc(id)}`),
  rename: (id, name) => request('PATCH', `/api/v1/subjects/${enc(id)}`, { json: { name } }),
  remove: (id) => request('DELETE', `/api/v1/subjects/${enc(id)}`),
  removeTemplate: (id, templateId) => request('DELETE', `/api/v1/subjects/${enc(id)}/templates/${enc(templateId)}`),
  cropUrl: (id, templateId) => `/api/v1/subjects/${enc(id)}/templates/${enc(templateId)}/crop`,
  /** Enrols one photo under a name, creating the person if needed. */
  enrollByName(name, file, onProgress) {
    const form = new FormData();
    form.append('name', name);
    form.append('create', 'true');
    form.append('image', file, file.name);
    return upload('/api/v1/enroll', form, { onProgress }).then(JSON.parse);
  },
  enrollInto(id, file, onProgress) {
    const form = new FormData();
    form.append('image', file, file.name);
    return upload(`/api/v1/subjects/${enc(id)}/templates`, form, { onProgress }).then(JSON.parse);
  },
  /**
   * ZIP import, streamed: onEntry({entry, subject, status, template_id?, reason?}) for each entry as the server
   * commits it; resolves with the summary {enrolled, skipped}.
   */
  importZip(file, { onProgress, onEntry }) {
    const form = new FormData();
    form.append('zip', file, file.name);
    let seen = 0;
    let summary = null;
    const onText = (text, done) => {
      const lines = text.split('\n');
      const complete = done ? lines.length : lines.length - 1;
      for (; seen < complete; seen++) {
        const line = lines[seen].trim();
        if (!line) continue;
        const obj = JSON.parse(line);
        if ('entry' in obj) onEntry(obj); else summary = obj;
      }
    };
    return upload('/api/v1/subjects/import?stream=true', form, { onProgress, onText }).then(() => summary || {});
  },
};

// ---- streams (stream branch: {"streams": [view]}; no PATCH yet) ----
function normStream(s) {
  return {
    id: s.id, name: s.name ?? s.id, url: s.url, fps: s.fps, loop: !!s.loop, enabled: s.enabled !== false,
    state: String(s.state ?? 'unknown').toLowerCase(), lastError: s.last_error ?? null,
    fpsIn: s.fps_in, fpsAnalysed: s.fps_analysed, dropped: s.dropped ?? 0, reconnects: s.reconnects ?? 0,
    lastFrame: s.last_frame_time ?? null, personsInView: s.persons_in_view,
  };
}

function normPerson(p) {
  const decision = p.decision ? String(p.decision).toUpperCase() : p.known ? 'PASS' : 'UNKNOWN';
  return { track: p.track_id ?? p.track, name: p.name ?? null, known: p.known ?? decision === 'PASS', decision,
    confidence: p.confidence ?? p.similarity ?? null };
}

export const streams = {
  list: () => request('GET', '/api/v1/streams').then((b) => list(b, 'streams').map(normStream)),
  add: (spec) => request('POST', '/api/v1/streams', { json: streamBody(spec) }).then(normStream),
  /** Edits in place; throws a missing-endpoint error when the server cannot (the page then offers to replace). */
  update: (id, spec) => request('PATCH', `/api/v1/streams/${enc(id)}`, { json: streamBody(spec) }).then(normStream),
  remove: (id) => request('DELETE', `/api/v1/streams/${enc(id)}`),
  mjpegUrl: (id) => `/streams/${enc(id)}/mjpeg`,
  /** Who is in view now, per stream id: Map(id -> [{track, name, known, decision, confidence}]). */
  status: () => request('GET', '/api/v1/status').then((b) => {
    const byId = new Map();
    const rows = Array.isArray(b) ? b : Array.isArray(b?.streams) ? b.streams
      : Object.entries(b?.streams ?? b ?? {}).map(([id, v]) => ({ id, ...(Array.isArray(v) ? { persons: v } : v) }));
    for (const r of rows) byId.set(r.id ?? r.stream, (r.persons ?? r.tracks ?? r.faces ?? []).map(normPerson));
    return byId;
  }),
};

function streamBody(spec) {
  const body = { name: spec.name, url: spec.url, loop: !!spec.loop };
  if (spec.fps !== '' && spec.fps != null) body.fps = Number(spec.fps);
  return body;
}

// ---- events (events branch: {"events": [...], "next"}; ids are event_id) ----
function decisionOf(v) {
  const d = String(v ?? 'UNKNOWN').toUpperCase();
  return d === 'KNOWN' ? 'PASS' : d;
}

export function normEvent(e) {
  const id = e.event_id ?? e.id;
  const time = e.time ?? (e.timestamp != null ? new Date(e.timestamp * 1000).toISOString() : null);
  return {
    id, time, source: e.source ?? null, stream: e.stream ?? null, track: e.track ?? e.track_id ?? null,
    decision: decisionOf(e.decision ?? e.status), subjectId: e.subject_id ?? null,
    name: e.name ?? e.subject_name ?? null,
    similarity: e.similarity ?? (e.distance != null ? 1 - e.distance : null),
    quality: e.quality ?? null, liveness: e.liveness ?? null,
    // The feed does not say whether there is a snapshot; identify calls ("api") never keep one.
    snapshot: e.snapshot === undefined ? (id && e.source !== 'api' ? `/api/v1/events/${enc(id)}/snapshot` : null) : e.snapshot,
  };
}

export const events = {
  /** filters: {from, to (ISO), stream (name), subject (name), decision}. */
  list: (filters, cursor) => request('GET', '/api/v1/events', { query: { ...filters, cursor, limit: 50 } })
    .then((b) => ({ events: list(b, 'events').map(normEvent), next: b?.next ?? null })),
  feedback: (id, correct, subjectId) => request('POST', `/api/v1/events/${enc(id)}/feedback`,
    { json: correct ? { correct: true } : { correct: false, subject_id: subjectId ?? null } }),

  /**
   * The live feed. Calls onEvents([event]) with the decisions of each pushed frame and onState('live' |
   * 'reconnecting' | 'off'). Reconnects with stepped waits. Returns {close(), subscribe(streams)}.
   */
  feed({ streams: names = [], onEvents, onState }) {
    const waits = [1000, 5000, 10000, 60000];
    let ws = null, attempt = 0, closed = false, timer = null, current = names;
    const url = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws/face-stream`
      + queryString({ frames: 'false', streams: current.join(',') });
    const open = () => {
      ws = new WebSocket(url());
      ws.addEventListener('open', () => { attempt = 0; onState('live'); });
      ws.addEventListener('message', (m) => {
        let msg;
        try { msg = JSON.parse(m.data); } catch (e) { return; }
        if (msg.type && msg.type !== 'face_event') return;
        const faces = Array.isArray(msg.faces) ? msg.faces : msg.event_id ? [msg] : [];
        const evs = faces.filter((f) => f.event_id ?? f.id).map((f) => normEvent({
          source: msg.source, stream: msg.stream, time: msg.time, timestamp: msg.timestamp, ...f }));
        if (evs.length) onEvents(evs);
      });
      ws.addEventListener('close', () => {
        if (closed) return;
        onState('reconnecting');
        timer = setTimeout(open, waits[Math.min(attempt++, waits.length - 1)]);
      });
    };
    open();
    return {
      close() { closed = true; clearTimeout(timer); if (ws) ws.close(); onState('off'); },
      /** Subscribe message (events branch: {"streams": [...], "frames": bool}). */
      subscribe(streamNames) {
        current = streamNames;
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ streams: streamNames, frames: false }));
      },
    };
  },
};

// ---- thresholds (eval branch: snake_case ThresholdStats.Stats) ----
export const thresholds = {
  stats: () => request('GET', '/api/v1/thresholds/stats').then((s) => ({
    decisions: s.decisions ?? 0, withFeedback: s.with_feedback ?? 0, accept: s.accept, rejectFloor: s.reject_floor,
    histogram: (s.histogram ?? []).map((b) => ({ from: b.from, to: b.to, count: b.count, pass: b.pass ?? 0,
      reject: b.reject ?? 0, unknown: b.unknown ?? 0, genuine: b.confirmed_genuine ?? 0, impostor: b.confirmed_impostor ?? 0 })),
    grid: (s.grid ?? s.table ?? []).map((r) => ({ threshold: r.threshold, pass: r.pass, reject: r.reject,
      unknown: r.unknown, falsePass: r.false_pass, falseReject: r.false_reject })),
  })),
  /** The last `vigil eval` report.json, as written (null when the server has none). */
  evalReport: () => request('GET', '/api/v1/eval/report').catch((e) => {
    if (e.status === 404) return null;
    throw e;
  }),
};

// ---- nodes: GET /api/v1/nodes {nodes:[{name, active, last_seen, health:{version, streams:[{name,state}], queue_depth, cpu},
// received, shed, waiting, queue_wait_p95_ms}], shed} ----
export const nodes = {
  list: () => request('GET', '/api/v1/nodes').then((b) => list(b, 'nodes').map((n) => {
    const h = n.health ?? {};
    return {
      id: n.name, name: n.name, state: n.active ? 'live' : 'inactive',
      lastHeartbeat: n.last_seen ?? null,
      streams: (h.streams ?? []).map((s) => (s.state ? `${s.name} (${String(s.state).toLowerCase()})` : s.name)),
      queueDepth: h.queue_depth ?? n.waiting ?? null, address: null, version: h.version ?? null,
    };
  })),
};
