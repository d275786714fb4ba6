// Sessions: every session with its node, behaviour, TTL, lock delay and checks (a blocking query on
// /v1/session/list), each of which can be invalidated.
import { watch, put, enc } from './api.js';
import { h, table, header, replace } from './dom.js';

const seconds = (nanos) => (nanos ? `${nanos / 1e9} s` : '–');

export function sessionsView(main, context) {
  const summary = h('p', { class: 'subtitle', role: 'status' });
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, header('Sessions'), summary, list);
  return watch('/v1/session/list', (sessions) => {
    context.ok();
    summary.textContent = `${sessions.length} session${sessions.length === 1 ? '' : 's'}`;
    replace(list, table('Sessions', ['ID', 'Name', 'Node', 'Behavior', 'TTL', 'Lock delay', 'Checks', ''],
      sessions.map((s) => [
        h('code', {}, s.ID),
        s.Name || h('span', { class: 'muted' }, 'none'),
        h('a', { href: `#/nodes/${enc(s.Node)}` }, s.Node),
        s.Behavior,
        s.TTL || '–',
        seconds(s.LockDelay),
        [...(s.NodeChecks || []), ...(s.ServiceChecks || []).map((c) => c.ID), ...(s.Checks || [])]
          .filter((c, i, all) => all.indexOf(c) === i).join(', ') || '–',
        h('button', { type: 'button', class: 'danger small', 'aria-label': `Invalidate session ${s.ID}`,
          onclick: () => put(`/v1/session/destroy/${enc(s.ID)}`, '').catch((e) => context.error(e)) }, 'Invalidate'),
      ]), 'No sessions.'));
  }, (error) => context.error(error));
}
