// ACL: the tokens and policies, each list kept live by a blocking query. Reading them needs acl:read.
import { watch } from './api.js';
import { h, table, header, replace } from './dom.js';

export function aclView(main, context) {
  const tokens = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  const policies = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, header('Access control', 'Tokens and policies of this datacenter'),
    h('h2', {}, 'Tokens'), tokens, h('h2', {}, 'Policies'), policies);
  let stops = [];
  const failed = (error) => {
    if (error.status === 401) { // Consul's "ACL support disabled": nothing to wait for
      stops.forEach((stop) => stop());
      replace(tokens, h('p', { class: 'empty' }, 'ACLs are disabled on this agent.'));
      replace(policies);
      return;
    }
    context.error(error);
  };
  const stopTokens = watch('/v1/acl/tokens', (list) => {
    context.ok();
    replace(tokens, table('Tokens', ['Accessor ID', 'Description', 'Policies', 'Scope', 'Created'], list.map((t) => [
      h('code', {}, t.AccessorID),
      t.Description || h('span', { class: 'muted' }, 'none'),
      (t.Policies || []).map((p) => p.Name).join(', ') || h('span', { class: 'muted' }, 'none'),
      t.Local ? 'local' : 'global',
      t.CreateTime ? new Date(t.CreateTime).toLocaleString() : '–',
    ]), 'No tokens.'));
  }, failed);
  const stopPolicies = watch('/v1/acl/policies', (list) => {
    replace(policies, table('Policies', ['Name', 'Description', 'ID'], list.map((p) => [
      h('span', { class: 'name' }, p.Name),
      p.Description || h('span', { class: 'muted' }, 'none'),
      h('code', {}, p.ID),
    ]), 'No policies.'));
  }, failed);
  stops = [stopTokens, stopPolicies];
  return () => stops.forEach((stop) => stop());
}
