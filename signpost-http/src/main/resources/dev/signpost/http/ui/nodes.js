// Nodes: every node with its address, health and services (one blocking query on /v1/internal/ui/nodes), and one
// node with its services and every check's status and output (/v1/internal/ui/node/:node).
import { watch, enc } from './api.js';
import { h, badge, worst, table, tags, pairs, header, replace } from './dom.js';
import { checksTable } from './services.js';

function checkCounts(checks) {
  const count = (s) => checks.filter((c) => c.Status === s).length;
  const parts = ['passing', 'warning', 'critical'].filter((s) => count(s)).map((s) => badge(s, `${count(s)} ${s}`));
  return parts.length ? h('span', { class: 'badges' }, parts) : badge('none', 'no checks');
}

/** A node's own health: the worst of its node checks (serfHealth and the like). */
const nodeHealth = (node) => worst(node.Checks.filter((c) => !c.ServiceID).map((c) => c.Status));

export function nodesView(main, query, context) {
  let nodes = null;
  const search = h('input', { id: 'node-search', type: 'search', value: query.get('q') || '',
    placeholder: 'Name or address', autocomplete: 'off' });
  const summary = h('p', { class: 'subtitle', role: 'status' });
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, header('Nodes'), summary,
    h('form', { class: 'toolbar', role: 'search', onsubmit: (e) => e.preventDefault() },
      h('label', { for: 'node-search' }, 'Search'), search), list);

  function render() {
    const needle = search.value.toLowerCase();
    const shown = nodes.filter((n) => !needle || n.Node.toLowerCase().includes(needle) || n.Address.includes(needle));
    summary.textContent = `${nodes.length} node${nodes.length === 1 ? '' : 's'}`
      + `${shown.length !== nodes.length ? ` (showing ${shown.length})` : ''}`;
    replace(list, table('Nodes', ['Node', 'Address', 'Node health', 'Services', 'All checks'], shown.map((n) => [
      h('a', { href: `#/nodes/${enc(n.Node)}`, class: 'name' }, n.Node),
      h('code', {}, n.Address),
      badge(nodeHealth(n)),
      h('span', {}, `${n.Services.length} `, h('span', { class: 'muted' },
        [...new Set(n.Services.map((s) => s.Service))].slice(0, 5).join(', '))),
      checkCounts(n.Checks),
    ]), nodes.length ? 'No node matches the search.' : 'No nodes are registered.'));
  }

  search.addEventListener('input', () => {
    history.replaceState(null, '', `#/nodes${search.value ? `?q=${enc(search.value)}` : ''}`);
    render();
  });
  return watch('/v1/internal/ui/nodes', (data) => {
    context.ok();
    nodes = data;
    render();
  }, (error) => context.error(error));
}

export function nodeView(main, name, context) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/nodes' }, 'Nodes'), ' / '),
    header(name), body);
  const stop = watch(`/v1/internal/ui/node/${enc(name)}`, (node) => {
    context.ok();
    if (node === null) {
      // Consul's 404 carries no index to block on: stop rather than ask again every second.
      stop();
      replace(body, h('p', { class: 'empty' }, `There is no node named ${name}. `,
        h('a', { href: '#/nodes' }, 'All nodes')));
      return;
    }
    const tagged = Object.entries(node.TaggedAddresses || {}).map(([k, v]) => `${k}: ${v}`).join(', ');
    replace(body,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Health'), h('dd', {}, badge(nodeHealth(node))),
        h('dt', {}, 'Address'), h('dd', {}, h('code', {}, node.Address)),
        h('dt', {}, 'Tagged addresses'), h('dd', {}, tagged || h('span', { class: 'muted' }, 'none')),
        h('dt', {}, 'ID'), h('dd', {}, h('code', {}, node.ID || '–')),
        h('dt', {}, 'Meta'), h('dd', {}, pairs(node.Meta))),
      h('h2', {}, 'Services'),
      table('Services on this node', ['ID', 'Service', 'Address', 'Tags'], node.Services.map((s) => [
        h('code', {}, s.ID),
        h('a', { href: `#/services/${enc(s.Service)}` }, s.Service),
        h('code', {}, `${s.Address || node.Address}:${s.Port}`),
        tags(s.Tags),
      ]), 'No services on this node.'),
      h('h2', {}, 'Checks'),
      checksTable(node.Checks));
  }, (error) => context.error(error), { accept404: true });
  return stop;
}
