// Small DOM helpers: every text goes in as a text node (never as HTML), so names, tags and check output from
// the catalog cannot inject markup.

/** h('a', {href: '#/x', class: 'link'}, 'text', child...) */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'value') element.value = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : String(child));
  }
}

/** A status shown by word and icon (from the style sheet, silent for screen readers) as well as colour. */
export function badge(status, label = status) {
  return h('span', { class: `badge ${status}` }, label);
}

/** The worst of some check statuses; 'none' without checks. */
export function worst(statuses) {
  const order = ['none', 'passing', 'warning', 'critical'];
  let result = 'none';
  for (const status of statuses) {
    const s = status === 'maintenance' ? 'critical' : status;
    if (order.indexOf(s) > order.indexOf(result)) result = s;
  }
  return result;
}

/** A table with a caption (for screen readers), column headers and rows of cells; empty shows a message. */
export function table(caption, columns, rows, empty = 'Nothing here yet.', className = '') {
  const head = h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c))));
  const body = h('tbody');
  const fragment = document.createDocumentFragment();
  for (const cells of rows) {
    fragment.append(h('tr', {}, cells.map((c) => h('td', {}, c))));
  }
  body.append(fragment);
  const t = h('table', { class: className || null }, h('caption', { class: 'visually-hidden' }, caption), head, body);
  return rows.length ? t : h('div', {}, t, h('p', { class: 'empty' }, empty));
}

export function tags(list) {
  return h('span', { class: 'tags' }, (list || []).map((t) => h('span', { class: 'tag' }, t)));
}

/** Key/value pairs (node meta, service meta) as a description list. */
export function pairs(map) {
  const entries = Object.entries(map || {});
  if (!entries.length) return h('span', { class: 'muted' }, 'none');
  return h('dl', { class: 'pairs' }, entries.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

/** A view's heading, its subtitle and a place for its messages. */
export function header(title, subtitle) {
  return h('header', { class: 'view-header' }, h('h1', { tabindex: '-1' }, title),
    subtitle ? h('p', { class: 'subtitle' }, subtitle) : null);
}

export function replace(container, ...children) {
  container.replaceChildren(...children.filter((c) => c !== null && c !== undefined));
}
