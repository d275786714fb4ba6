// ACL: the tokens and policies, each list kept live by a blocking query, with forms to create a policy (HCL
// rules) and a token (with policies), and a delete per row. Reading needs acl:read, changing acl:write.
import { watch, put, del, enc } from './api.js';
import { h, table, header, replace } from './dom.js';

/** A Delete button that asks "Really delete?" in place before it calls action. */
function deleteButton(what, action, context) {
  const button = h('button', { type: 'button', class: 'danger small', 'aria-label': `Delete ${what}` }, 'Delete');
  let armed = false;
  button.addEventListener('click', () => {
    if (!armed) {
      armed = true;
      button.textContent = 'Really delete?';
      return;
    }
    button.disabled = true;
    action().catch((error) => {
      button.disabled = false;
      context.error(error);
    });
  });
  button.addEventListener('blur', () => {
    armed = false;
    button.textContent = 'Delete';
  });
  return button;
}

function field(id, label, input) {
  input.id = id;
  return [h('label', { for: id }, label), input];
}

function policyForm() {
  const name = h('input', { type: 'text', required: true, autocomplete: 'off', spellcheck: 'false' });
  const description = h('input', { type: 'text', autocomplete: 'off' });
  const rules = h('textarea', { rows: '5', spellcheck: 'false', placeholder: 'service_prefix "" { policy = "read" }' });
  const message = h('p', { class: 'error', role: 'alert' });
  const form = h('form', { class: 'card create' }, h('h3', {}, 'Create a policy'),
    field('acl-policy-name', 'Name', name), field('acl-policy-description', 'Description', description),
    field('acl-policy-rules', 'Rules (HCL)', rules), message,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create policy')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    try {
      await put('/v1/acl/policy', JSON.stringify({ Name: name.value.trim(), Description: description.value,
        Rules: rules.value }));
      form.reset();
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return h('details', {}, h('summary', {}, 'Create a policy'), form);
}

function tokenForm(policySelect) {
  const description = h('input', { type: 'text', autocomplete: 'off' });
  const message = h('p', { class: 'error', role: 'alert' });
  const created = h('p', { class: 'notice', role: 'status' });
  const form = h('form', { class: 'card create' }, h('h3', {}, 'Create a token'),
    field('acl-token-description', 'Description', description),
    field('acl-token-policies', 'Policies (Ctrl or Shift to pick several)', policySelect), message, created,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Create token')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    message.textContent = '';
    created.textContent = '';
    const policies = [...policySelect.selectedOptions].map((o) => ({ Name: o.value }));
    try {
      const token = await put('/v1/acl/token', JSON.stringify({ Description: description.value, Policies: policies }));
      form.reset();
      created.replaceChildren('Created. Its SecretID, shown only here: ', h('code', {}, token.SecretID));
    } catch (error) {
      message.textContent = error.message;
    }
  });
  return h('details', {}, h('summary', {}, 'Create a token'), form);
}

export function aclView(main, context) {
  const tokens = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  const policies = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  const policySelect = h('select', { multiple: true, size: '4' });
  replace(main, header('Access control', 'Tokens and policies of this datacenter'),
    h('h2', {}, 'Tokens'), tokens, tokenForm(policySelect),
    h('h2', {}, 'Policies'), policies, policyForm());
  let stops = [];
  const failed = (error) => {
    if (error.status === 401) { // Consul's "ACL support disabled": nothing to wait for
      stops.forEach((stop) => stop());
      replace(main, header('Access control'), h('p', { class: 'empty' }, 'ACLs are disabled on this agent.'));
      return;
    }
    context.error(error);
  };
  const stopTokens = watch('/v1/acl/tokens', (list) => {
    context.ok();
    replace(tokens, table('Tokens', ['Accessor ID', 'Description', 'Policies', 'Scope', 'Created', ''], list.map((t) => [
      h('code', {}, t.AccessorID),
      t.Description || h('span', { class: 'muted' }, 'none'),
      (t.Policies || []).map((p) => p.Name).join(', ') || h('span', { class: 'muted' }, 'none'),
      t.Local ? 'local' : 'global',
      t.CreateTime ? new Date(t.CreateTime).toLocaleString() : '–',
      deleteButton(`token ${t.AccessorID}`, () => del(`/v1/acl/token/${enc(t.AccessorID)}`), context),
    ]), 'No tokens.'));
  }, failed);
  const stopPolicies = watch('/v1/acl/policies', (list) => {
    const chosen = new Set([...policySelect.selectedOptions].map((o) => o.value));
    policySelect.replaceChildren(...list.map((p) => h('option', { value: p.Name, selected: chosen.has(p.Name) },
      p.Name)));
    replace(policies, table('Policies', ['Name', 'Description', 'ID', ''], list.map((p) => [
      h('span', { class: 'name' }, p.Name),
      p.Description || h('span', { class: 'muted' }, 'none'),
      h('code', {}, p.ID),
      deleteButton(`policy ${p.Name}`, () => del(`/v1/acl/policy/${enc(p.ID)}`), context),
    ]), 'No policies.'));
  }, failed);
  stops = [stopTokens, stopPolicies];
  return () => stops.forEach((stop) => stop());
}
