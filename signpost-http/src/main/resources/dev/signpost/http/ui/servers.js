// Servers: the Raft configuration (who leads, each server's Raft index) and autopilot's health of each server.
// Neither endpoint takes a blocking query in Consul, so this one view re-reads them every 5 s while it is shown.
import { getJson } from './api.js';
import { h, badge, table, header, replace } from './dom.js';

/** A time, or a dash for none (Go's zero time, 0001-01-01). */
function since(text) {
  const time = text ? new Date(text) : null;
  return time && time.getUTCFullYear() > 1970 ? time.toLocaleString() : '–';
}

export function serversView(main, context) {
  const summary = h('div', { class: 'summary' });
  const list = h('div', { class: 'list' }, h('p', { class: 'muted' }, 'Loading…'));
  replace(main, header('Servers', 'Raft configuration and autopilot health, refreshed every 5 seconds'), summary, list);
  let timer = null;
  let stopped = false;
  async function load() {
    try {
      const [raft, health] = await Promise.all([getJson('/v1/operator/raft/configuration'),
        getJson('/v1/operator/autopilot/health')]);
      if (stopped) return;
      context.ok();
      const byId = new Map(health.Servers.map((s) => [s.ID, s]));
      const leader = raft.Servers.find((s) => s.Leader);
      replace(summary, h('dl', { class: 'facts inline' },
        h('dt', {}, 'Cluster'), h('dd', {}, badge(health.Healthy ? 'passing' : 'critical', health.Healthy ? 'healthy' : 'unhealthy')),
        h('dt', {}, 'Leader'), h('dd', {}, leader ? leader.Node : 'none'),
        h('dt', {}, 'Failure tolerance'), h('dd', {}, String(health.FailureTolerance)),
        h('dt', {}, 'Raft index'), h('dd', {}, leader ? String(byId.get(leader.ID)?.LastIndex ?? leader.LastIndex) : '–')));
      replace(list, table('Servers', ['Server', 'Address', 'Role', 'Raft index', 'Autopilot', 'Last contact', 'Stable since'],
        raft.Servers.map((s) => {
          const a = byId.get(s.ID) || {};
          return [
            h('span', {}, s.Node, h('br'), h('code', { class: 'muted' }, s.ID)),
            h('code', {}, s.Address),
            `${s.Leader ? 'Leader' : 'Follower'}${s.Voter ? '' : ' (non-voter)'}`,
            String(a.LastIndex ?? s.LastIndex ?? '–'),
            badge(a.Healthy ? 'passing' : 'critical', a.Healthy ? 'healthy' : 'unhealthy'),
            a.LastContact || '–',
            since(a.StableSince),
          ];
        }), 'No servers.'));
    } catch (error) {
      if (!stopped) context.error(error);
    }
    if (!stopped) timer = setTimeout(load, 5000);
  }
  load();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
