// The UI's shell: the router (views live in the URL's fragment, #/services, #/kv/a/b/), the header, the
// login dialog and the error banner. Each view renders into <main> and returns a function that stops its
// blocking queries when another view replaces it.
import { token, onResponse, request, getJson } from './api.js';
import { h } from './dom.js';
import { servicesView, serviceView } from './services.js';
import { nodesView, nodeView } from './nodes.js';
import { kvView } from './kv.js';
import { sessionsView } from './sessions.js';
import { serversView } from './servers.js';
import { aclView } from './acl.js';

const main = document.getElementById('main');
const banner = document.getElementById('banner');
const dialog = document.getElementById('login');
const loginButton = document.getElementById('login-button');
const whoami = document.getElementById('whoami');
const NAME_KEY = 'signpost:token-name';

const views = {
  services: (rest, query) => (rest ? serviceView(main, rest, context) : servicesView(main, query, context)),
  nodes: (rest, query) => (rest ? nodeView(main, rest, context) : nodesView(main, query, context)),
  kv: (rest) => kvView(main, rest, context),
  sessions: () => sessionsView(main, context),
  servers: () => serversView(main, context),
  acl: () => aclView(main, context),
};

let stopView = null;
let firstRoute = true;
let askedForToken = false;

/** What views call: report a failure, clear it, or ask for a token. */
const context = {
  error(error) {
    if (error.status === 403 && !token.get()) {
      askLogin(`This needs an ACL token: ${error.message}`);
    }
    const action = error.status === 403
      ? h('button', { type: 'button', onclick: () => askLogin(error.message) }, token.get() ? 'Use another token' : 'Log in')
      : null;
    banner.replaceChildren(h('span', {}, error.message), action || '');
    banner.hidden = false;
  },
  ok() {
    if (!banner.hidden) {
      banner.hidden = true;
      banner.replaceChildren();
    }
  },
  askLogin,
};

function route() {
  if (stopView) stopView();
  stopView = null;
  context.ok();
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryText = ''] = hash.split(/\?(.*)/s);
  const slash = path.indexOf('/');
  const section = (slash < 0 ? path : path.slice(0, slash)) || 'services';
  const rest = slash < 0 ? '' : path.slice(slash + 1).split('/').map(decode).join('/');
  const view = views[section];
  document.querySelectorAll('nav a').forEach((a) => {
    if (a.dataset.section === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (!view) {
    main.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, 'There is no page here. ', h('a', { href: '#/services' }, 'Services')));
    return;
  }
  stopView = view(rest, new URLSearchParams(queryText)) || null;
  if (!firstRoute) {
    const heading = main.querySelector('h1');
    (heading || main).focus({ preventScroll: false });
  }
  firstRoute = false;
}

/** A path segment as typed or pasted: a stray % stays itself rather than breaking the page. */
function decode(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function showIdentity() {
  const name = localStorage.getItem(NAME_KEY);
  whoami.textContent = token.get() ? `Token: ${name || 'set'}` : '';
  loginButton.textContent = token.get() ? 'Log out' : 'Log in';
}

function askLogin(reason) {
  document.getElementById('login-reason').textContent = reason
    || 'The token is kept in this browser only (localStorage) and sent with every request as X-Consul-Token.';
  document.getElementById('login-error').textContent = '';
  if (!dialog.open) dialog.showModal();
  document.getElementById('login-token').focus();
}

document.getElementById('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const input = document.getElementById('login-token');
  const secret = input.value.trim();
  try {
    const self = await getJson('/v1/acl/token/self', { withToken: secret });
    token.set(secret);
    localStorage.setItem(NAME_KEY, self.Description || self.AccessorID);
    input.value = '';
    dialog.close();
    showIdentity();
    route();
  } catch (error) {
    document.getElementById('login-error').textContent = `Not logged in: ${error.message}`;
  }
});
document.getElementById('login-cancel').addEventListener('click', () => dialog.close());
loginButton.addEventListener('click', () => {
  if (token.get()) {
    token.set('');
    localStorage.removeItem(NAME_KEY);
    showIdentity();
    route();
  } else {
    askLogin();
  }
});
document.getElementById('skip').addEventListener('click', () => main.focus());

// With ACLs on and a denying default, an anonymous caller sees nothing: ask for a token once.
onResponse((response) => {
  if (!askedForToken && !token.get() && response.headers.get('X-Consul-Default-ACL-Policy') === 'deny') {
    askedForToken = true;
    askLogin('ACLs are enabled on this agent and anonymous requests may not read. Log in with an ACL token.');
  }
});

window.addEventListener('hashchange', route);
showIdentity();
route();
getJson('/v1/catalog/datacenters').then((dcs) => {
  document.getElementById('dc').textContent = dcs.join(', ');
}).catch(() => {});
