// Key/Value: a folder's keys and sub-folders (a blocking query on /v1/kv/<prefix>?keys&separator=/), creating
// keys and folders, and one key's editor (text or JSON, JSON checked before it is saved) with a check-and-set
// save (?cas=ModifyIndex) and delete.
import { watch, getJson, put, del, encKey } from './api.js';
import { h, table, header, replace } from './dom.js';

const link = (key) => `#/kv/${encKey(key)}`;

function crumbs(path) {
  const parts = path.split('/').filter(Boolean);
  const items = [h('a', { href: '#/kv/' }, 'Key/Value')];
  let prefix = '';
  parts.slice(0, -1).forEach((part) => {
    prefix += `${part}/`;
    items.push(' / ', h('a', { href: link(prefix) }, part));
  });
  return h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, items, ' / ');
}

const isJson = (text) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A value editor: a textarea and a Text/JSON choice; JSON is checked as it is typed. */
function editor(idPrefix, initial, onValidity) {
  const area = h('textarea', { id: `${idPrefix}-value`, rows: '8', spellcheck: 'false', value: initial });
  const format = h('select', { id: `${idPrefix}-format` }, h('option', { value: 'text' }, 'Text'),
    h('option', { value: 'json' }, 'JSON'));
  format.value = initial.trim() && isJson(initial) && /^[[{]/.test(initial.trim()) ? 'json' : 'text';
  const message = h('p', { id: `${idPrefix}-message`, class: 'error', 'aria-live': 'polite' });
  const pretty = h('button', { type: 'button', class: 'small' }, 'Format JSON');
  function check() {
    let error = '';
    if (format.value === 'json') {
      try {
        JSON.parse(area.value);
      } catch (e) {
        error = `Not valid JSON: ${e.message}`;
      }
    }
    message.textContent = error;
    area.setAttribute('aria-invalid', error ? 'true' : 'false');
    pretty.hidden = format.value !== 'json';
    onValidity(!error);
    return !error;
  }
  pretty.addEventListener('click', () => {
    if (check()) area.value = JSON.stringify(JSON.parse(area.value), null, 2);
  });
  area.addEventListener('input', check);
  format.addEventListener('change', check);
  area.setAttribute('aria-describedby', message.id);
  const fields = h('div', { class: 'editor' },
    h('div', { class: 'row' }, h('label', { for: format.id }, 'Format'), format, pretty),
    h('label', { for: area.id }, 'Value'), area, message);
  setTimeout(check);
  return { fields, area, check };
}

function folderView(main, prefix, context) {
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  const status = h('p', { class: 'subtitle', role: 'status' });
  const name = h('input', { id: 'kv-new-key', type: 'text', required: true, autocomplete: 'off', spellcheck: 'false' });
  const create = h('button', { type: 'submit', class: 'primary' }, 'Create');
  const { fields, area, check } = editor('kv-new', '', (valid) => { create.disabled = !valid; });
  const formMessage = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card create' },
    h('h2', {}, prefix ? `Create in ${prefix}` : 'Create a key or folder'),
    h('label', { for: name.id }, 'Key or folder name (end a folder with /)'), name, fields, formMessage,
    h('div', { class: 'actions' }, create));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    formMessage.textContent = '';
    const key = prefix + name.value.trim();
    const folder = key.endsWith('/');
    if (!folder && !check()) return;
    try {
      // cas=0: create only, never overwrite a key someone else made meanwhile.
      const created = await put(`/v1/kv/${encKey(key)}?cas=0`, folder ? '' : area.value);
      if (created === false) {
        formMessage.textContent = `${key} already exists.`;
        return;
      }
      location.hash = link(key);
    } catch (error) {
      formMessage.textContent = error.message;
    }
  });
  let stop = () => {};
  const parts = [crumbs(prefix), header(prefix ? prefix : 'Key/Value'), status, list, form];
  if (prefix) {
    parts.splice(3, 0, deleteControl(`the folder ${prefix} and everything in it`, async () => {
      stop(); // its blocking query would answer the delete with a 404 for the folder that is gone
      try {
        await del(`/v1/kv/${encKey(prefix)}?recurse`);
      } catch (error) {
        start();
        throw error;
      }
      const parent = prefix.slice(0, -1).split('/').slice(0, -1).join('/');
      location.hash = link(parent ? `${parent}/` : '');
    }, context));
  }
  replace(main, ...parts);
  const start = () => {
    stop = watch(`/v1/kv/${encKey(prefix)}?keys&separator=/`, render, (error) => context.error(error),
      { accept404: true });
  };
  start();
  return () => stop();

  function render(keys) {
    context.ok();
    const entries = (keys || []).filter((k) => k !== prefix);
    status.textContent = `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`;
    replace(list, table(`Keys in ${prefix || 'the root'}`, ['Name', 'Kind'], entries.map((key) => [
      h('a', { href: link(key), class: key.endsWith('/') ? 'name folder' : 'name' }, key.slice(prefix.length)),
      key.endsWith('/') ? 'Folder' : 'Key',
    ]), 'No keys here yet.'));
  }
}

/** A Delete button that asks once more, in place, before it deletes. */
function deleteControl(what, action, context) {
  const box = h('div', { class: 'danger-zone' });
  const start = h('button', { type: 'button', class: 'danger', id: 'kv-delete' }, 'Delete');
  function ask() {
    const confirm = h('button', { type: 'button', class: 'danger', id: 'kv-delete-confirm' }, 'Yes, delete');
    const cancel = h('button', { type: 'button' }, 'Cancel');
    confirm.addEventListener('click', () => action().catch((e) => context.error(e)));
    cancel.addEventListener('click', () => { replace(box, start); start.focus(); });
    replace(box, h('span', { role: 'alert' }, `Delete ${what}?`), confirm, cancel);
    confirm.focus();
  }
  start.addEventListener('click', ask);
  box.append(start);
  return box;
}

function decode(base64) {
  if (!base64) return { text: '', binary: false };
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), binary: false };
  } catch {
    return { text: '', binary: true };
  }
}

function keyView(main, key, context) {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, crumbs(key), header(key.split('/').pop()), body);
  let stopped = false;
  async function load(notice) {
    const entries = await getJson(`/v1/kv/${encKey(key)}`, { accept404: true });
    if (stopped) return;
    if (!entries) {
      replace(body, h('p', { class: 'empty' }, `There is no key ${key}.`));
      return;
    }
    const entry = entries[0];
    const value = decode(entry.Value);
    if (value.binary) {
      replace(body, h('p', {}, 'This value is binary; it is not shown or edited here.'),
        deleteControl(key, remove, context));
      return;
    }
    const save = h('button', { type: 'submit', class: 'primary', id: 'kv-save' }, 'Save');
    const { fields, area, check } = editor('kv-edit', value.text, (valid) => { save.disabled = !valid; });
    const message = h('p', { class: 'notice', role: 'status', id: 'kv-status' }, notice || '');
    const form = h('form', { class: 'card' }, fields, h('div', { class: 'actions' }, save), message);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      if (!check()) return;
      try {
        const saved = await put(`/v1/kv/${encKey(key)}?cas=${entry.ModifyIndex}`, area.value);
        if (saved === false) {
          message.textContent = 'Not saved: the key changed since it was loaded. Reload to see the new value.';
          return;
        }
        await load(`Saved ${new Date().toLocaleTimeString()}.`);
      } catch (error) {
        context.error(error);
      }
    });
    replace(body, form,
      h('dl', { class: 'facts' },
        h('dt', {}, 'Modify index'), h('dd', {}, String(entry.ModifyIndex)),
        h('dt', {}, 'Create index'), h('dd', {}, String(entry.CreateIndex)),
        h('dt', {}, 'Flags'), h('dd', {}, String(entry.Flags)),
        h('dt', {}, 'Lock session'), h('dd', {}, entry.Session || h('span', { class: 'muted' }, 'none'))),
      deleteControl(key, remove, context));
  }
  async function remove() {
    await del(`/v1/kv/${encKey(key)}`);
    const parent = key.split('/').slice(0, -1).join('/');
    location.hash = link(parent ? `${parent}/` : '');
  }
  load().catch((error) => context.error(error));
  return () => { stopped = true; };
}

export function kvView(main, path, context) {
  return path === '' || path.endsWith('/') ? folderView(main, path, context) : keyView(main, path, context);
}
