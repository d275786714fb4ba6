// The HTTP API as the UI uses it: the ACL token kept in localStorage and sent as X-Consul-Token, JSON answers,
// Consul's error texts, and blocking queries (?index=) that keep a view live without polling.

const TOKEN_KEY = 'signpost:token';

export const token = {
  get: () => localStorage.getItem(TOKEN_KEY) || '',
  set: (value) => (value ? localStorage.setItem(TOKEN_KEY, value) : localStorage.removeItem(TOKEN_KEY)),
};

/** An answer other than 2xx: its status and the agent's plain-text reason. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message || `HTTP ${status}`);
    this.status = status;
  }
}

const responseListeners = new Set();

/** Calls fn with every response (the app learns the ACL default policy from the headers). */
export function onResponse(fn) {
  responseListeners.add(fn);
}

/** One request; resolves with the Response when it is 2xx (or a 404 the caller accepts), else throws ApiError. */
export async function request(method, path, { body, signal, accept404 = false, withToken } = {}) {
  const headers = {};
  const secret = withToken ?? token.get();
  if (secret) headers['X-Consul-Token'] = secret;
  const response = await fetch(path, { method, headers, body, signal, cache: 'no-store' });
  responseListeners.forEach((fn) => fn(response));
  if (response.ok || (accept404 && response.status === 404)) return response;
  const text = (await response.text()).trim();
  throw new ApiError(response.status, text || response.statusText);
}

export async function getJson(path, options) {
  const response = await request('GET', path, options);
  return response.status === 404 ? null : response.json();
}

/** A write answering true or false (KV's check-and-set), or a JSON object. */
export async function put(path, body) {
  const response = await request('PUT', path, { body });
  const text = await response.text();
  return text ? JSON.parse(text) : true;
}

export async function del(path) {
  const response = await request('DELETE', path);
  return JSON.parse((await response.text()) || 'true');
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Keeps calling onData with the answer of path while it changes: a plain GET first, then blocking queries
 * (?index=N&wait=5m) that the agent answers as soon as what they read changes. onError gets failures, after
 * which the loop waits (1 s, doubling to 10 s) and goes on. Returns a function that stops it.
 */
export function watch(path, onData, onError, { accept404 = false } = {}) {
  let index = 0;
  let stopped = false;
  let controller = null;
  let failures = 0;
  const separator = path.includes('?') ? '&' : '?';
  (async () => {
    while (!stopped) {
      controller = new AbortController();
      const url = index > 0 ? `${path}${separator}index=${index}&wait=5m` : path;
      try {
        const response = await request('GET', url, { signal: controller.signal, accept404 });
        const next = Number(response.headers.get('X-Consul-Index') || 0);
        const data = response.status === 404 ? null : await response.json();
        if (stopped) return;
        failures = 0;
        if (index === 0 || next !== index) onData(data, response);
        // Consul's rule for clients: an index that goes backwards (a restored snapshot) starts over.
        index = next > 0 && next >= index ? next : 0;
        if (index === 0) await sleep(1000); // an answer without an index cannot block: do not spin
      } catch (error) {
        if (stopped || error.name === 'AbortError') return;
        failures += 1;
        onError(error);
        await sleep(Math.min(1000 * 2 ** (failures - 1), 10000));
      }
    }
  })();
  return () => {
    stopped = true;
    if (controller) controller.abort();
  };
}

/** A path segment or a KV key with its slashes kept. */
export const enc = (text) => encodeURIComponent(text);
export const encKey = (key) => key.split('/').map(encodeURIComponent).join('/');
