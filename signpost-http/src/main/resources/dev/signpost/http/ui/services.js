// Services: every service with its instance and check counts (one blocking query on /v1/internal/ui/services),
// searchable by name or tag and filterable by tag and health; and one service's instances with their address,
// port, tags, meta and each check's status and output (a blocking query on /v1/health/service/:name).
import { watch, enc } from './api.js';
import { h, badge, worst, table, tags, pairs, header, replace } from './dom.js';

/** A summary's health: the worst of its checks. */
function health(summary) {
  if (summary.ChecksCritical > 0) return 'critical';
  if (summary.ChecksWarning > 0) return 'warning';
  if (summary.ChecksPassing > 0) return 'passing';
  return 'none';
}

function counts(summary) {
  const parts = [];
  if (summary.ChecksPassing) parts.push(badge('passing', `${summary.ChecksPassing} passing`));
  if (summary.ChecksWarning) parts.push(badge('warning', `${summary.ChecksWarning} warning`));
  if (summary.ChecksCritical) parts.push(badge('critical', `${summary.ChecksCritical} critical`));
  return parts.length ? h('span', { class: 'badges' }, parts) : badge('none', 'no checks');
}

let rendered = false; // the benchmark's mark is set once, for the first full render of the list

export function servicesView(main, query, context) {
  const state = { q: query.get('q') || '', tag: query.get('tag') || '', status: query.get('status') || '' };
  let services = null;
  let hidden = false; // some services left out by the token's ACL rules
  const search = h('input', { id: 'service-search', type: 'search', value: state.q, placeholder: 'Name or tag',
    autocomplete: 'off' });
  const tagSelect = h('select', { id: 'service-tag' });
  const statusSelect = h('select', { id: 'service-status' },
    [['', 'Any health'], ['passing', 'Passing'], ['warning', 'Warning'], ['critical', 'Critical'], ['none', 'No checks']]
      .map(([value, label]) => h('option', { value }, label)));
  statusSelect.value = state.status;
  const summary = h('p', { class: 'subtitle', role: 'status' });
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  const tools = h('form', { class: 'toolbar', role: 'search', onsubmit: (e) => e.preventDefault() },
    h('label', { for: 'service-search' }, 'Search'), search,
    h('label', { for: 'service-tag' }, 'Tag'), tagSelect,
    h('label', { for: 'service-status' }, 'Health'), statusSelect);
  replace(main, header('Services'), summary, tools, list);

  function remember() {
    const params = new URLSearchParams();
    Object.entries(state).forEach(([k, v]) => v && params.set(k, v));
    const text = params.toString();
    history.replaceState(null, '', `#/services${text ? `?${text}` : ''}`);
  }

  function fillTags() {
    const all = [...new Set(services.flatMap((s) => s.Tags || []))].sort();
    tagSelect.replaceChildren(h('option', { value: '' }, 'Any tag'), all.map((t) => h('option', { value: t }, t)));
    tagSelect.value = all.includes(state.tag) ? state.tag : '';
  }

  function render() {
    const needle = state.q.toLowerCase();
    const shown = services.filter((s) => (!needle || s.Name.toLowerCase().includes(needle)
        || (s.Tags || []).some((t) => t.toLowerCase().includes(needle)))
      && (!state.tag || (s.Tags || []).includes(state.tag))
      && (!state.status || health(s) === state.status));
    const instances = services.reduce((n, s) => n + s.InstanceCount, 0);
    const critical = services.filter((s) => health(s) === 'critical').length;
    summary.textContent = `${services.length} services, ${instances} instances`
      + `${critical ? `, ${critical} with a critical check` : ''}`
      + `${shown.length !== services.length ? ` (showing ${shown.length})` : ''}`
      + `${hidden ? '; some are hidden from this token by ACLs' : ''}`;
    const rows = shown.map((s) => [
      s.ConnectedWithProxy
        ? h('span', {}, h('a', { href: `#/services/${enc(s.Name)}`, class: 'name' }, s.Name), ' (with proxy)')
        : h('a', { href: `#/services/${enc(s.Name)}`, class: 'name' }, s.Name),
      counts(s),
      String(s.InstanceCount),
      String(new Set(s.Nodes).size),
      tags(s.Tags),
    ]);
    replace(list, table('Services', ['Service', 'Health checks', 'Instances', 'Nodes', 'Tags'], rows,
      services.length ? 'No service matches the search.'
        : hidden ? 'This token may not read any service.' : 'No services are registered.', 'services'));
    list.querySelectorAll('tbody tr').forEach((tr, i) => tr.classList.add(`status-${health(shown[i])}`));
    if (!rendered) {
      rendered = true;
      requestAnimationFrame(() => setTimeout(() => performance.mark('signpost:services-rendered')));
    }
  }

  search.addEventListener('input', () => { state.q = search.value; remember(); render(); });
  tagSelect.addEventListener('change', () => { state.tag = tagSelect.value; remember(); render(); });
  statusSelect.addEventListener('change', () => { state.status = statusSelect.value; remember(); render(); });

  return watch('/v1/internal/ui/services', (data, response) => {
    context.ok();
    // As Consul's UI: a sidecar proxy is shown with the service it fronts, not as a service of its own.
    services = data.filter((s) => s.Kind !== 'connect-proxy');
    hidden = response.headers.get('X-Consul-Results-Filtered-By-ACLs') === 'true';
    fillTags();
    render();
  }, (error) => context.error(error));
}

function checksTable(checks) {
  return table('Checks', ['Check', 'Status', 'Type', 'Output'], checks.map((c) => [
    h('span', {}, c.Name, h('br'), h('code', { class: 'muted' }, c.CheckID)),
    badge(c.Status),
    c.Type || (c.ServiceID ? 'service' : 'node'),
    c.Output ? h('pre', { class: 'output' }, c.Output) : h('span', { class: 'muted' }, 'no output'),
  ]), 'No checks.');
}

export function serviceView(main, name, context) {
  const summary = h('p', { class: 'subtitle', role: 'status' }, 'Loading…');
  const body = h('div', { class: 'instances' });
  replace(main, h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/services' }, 'Services'), ' / '),
    header(name), summary, body);
  return watch(`/v1/health/service/${enc(name)}`, (entries) => {
    context.ok();
    const statuses = entries.map((e) => worst(e.Checks.map((c) => c.Status)));
    const critical = statuses.filter((s) => s === 'critical').length;
    summary.textContent = `${entries.length} instance${entries.length === 1 ? '' : 's'}`
      + `${critical ? `, ${critical} critical` : ''}`;
    replace(body, ...(entries.length ? entries.map((e, i) => instance(e, statuses[i]))
      : [h('p', { class: 'empty' }, 'No instance of this service is registered.')]));
  }, (error) => context.error(error));
}

function instance(entry, status) {
  const service = entry.Service;
  const address = service.Address || entry.Node.Address;
  return h('section', { class: `card status-${status}`, 'aria-label': `Instance ${service.ID}` },
    h('h2', {}, badge(status), ' ', service.ID),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Node'), h('dd', {}, h('a', { href: `#/nodes/${enc(entry.Node.Node)}` }, entry.Node.Node)),
      h('dt', {}, 'Address'), h('dd', {}, h('code', {}, `${address}:${service.Port}`)),
      h('dt', {}, 'Port'), h('dd', {}, String(service.Port)),
      h('dt', {}, 'Tags'), h('dd', {}, service.Tags.length ? tags(service.Tags) : h('span', { class: 'muted' }, 'none')),
      h('dt', {}, 'Meta'), h('dd', {}, pairs(service.Meta))),
    checksTable(entry.Checks));
}

export { checksTable };
