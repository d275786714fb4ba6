#!/usr/bin/env python3
"""bench/ui's driver (see run): registers 1,000 services x 10 instances, writes the static baseline page, and times
both pages in headless Chromium through chromedriver's WebDriver HTTP API (standard library only)."""
import argparse
import html
import http.client
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

SERVICES, INSTANCES = 1000, 10
MARK = 'signpost:services-rendered'
CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
                 '--disable-background-networking', '--disable-component-update', '--disable-sync',
                 '--window-size=1366,860']


def register(api):
    """10,000 catalog registrations over 4 keep-alive connections; every 50th instance's check is critical."""
    host = urllib.parse.urlparse(api)
    jobs = [(s, n) for s in range(SERVICES) for n in range(INSTANCES)]
    errors = []

    def worker(part):
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=30)
        for s, n in part:
            service_id = f'svc-{s:04d}-{n}'
            body = {'Node': f'node-{n}', 'Address': f'10.0.0.{n + 1}',
                    'Service': {'ID': service_id, 'Service': f'svc-{s:04d}', 'Port': 8000 + n,
                                'Tags': ['v1', f'zone-{n % 3}']},
                    'Check': {'CheckID': f'{service_id}-http', 'Name': 'http', 'ServiceID': service_id,
                              'Status': 'critical' if (s * INSTANCES + n) % 50 == 0 else 'passing',
                              'Output': 'HTTP GET http://10.0.0.1:8000/health: 200 OK'}}
            conn.request('PUT', '/v1/catalog/register', json.dumps(body))
            answer = conn.getresponse().read()
            if answer != b'true':
                errors.append(answer)
                return
        conn.close()

    threads = [threading.Thread(target=worker, args=(jobs[i::4],)) for i in range(4)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        sys.exit(f'bench/ui: a registration failed: {errors[0]!r}')
    return time.monotonic() - start


def fetch_summaries(api):
    start = time.monotonic()
    with urllib.request.urlopen(api + '/v1/internal/ui/services') as r:
        body = r.read()
    return json.loads(body), len(body), (time.monotonic() - start) * 1000


def health(s):
    if s['ChecksCritical']:
        return 'critical'
    if s['ChecksWarning']:
        return 'warning'
    return 'passing' if s['ChecksPassing'] else 'none'


def static_page(summaries, www, style):
    """The same table the UI renders, as plain HTML: the browser's floor for these rows."""
    shutil.copy(style, os.path.join(www, 'style.css'))
    rows = []
    for s in summaries:
        badges = ''.join(f'<span class="badge {k}">{s[f]} {k}</span>'
                         for k, f in (('passing', 'ChecksPassing'), ('warning', 'ChecksWarning'),
                                      ('critical', 'ChecksCritical')) if s[f])
        tags = ''.join(f'<span class="tag">{html.escape(t)}</span>' for t in (s['Tags'] or []))
        rows.append(f'<tr class="status-{health(s)}"><td><a class="name" href="#">{html.escape(s["Name"])}</a></td>'
                    f'<td><span class="badges">{badges}</span></td><td>{s["InstanceCount"]}</td>'
                    f'<td>{len(set(s["Nodes"]))}</td><td><span class="tags">{tags}</span></td></tr>')
    page = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>static</title>'
            '<link rel="stylesheet" href="style.css"></head><body><main><h1>Services</h1><table class="services"><thead><tr>'
            '<th>Service</th><th>Health checks</th><th>Instances</th><th>Nodes</th><th>Tags</th></tr></thead><tbody>'
            + ''.join(rows) + '</tbody></table></main><script>addEventListener("load", () => requestAnimationFrame('
            f'() => setTimeout(() => performance.mark("{MARK}"))));</script></body></html>')
    with open(os.path.join(www, 'services.html'), 'w') as f:
        f.write(page)


class Session:
    """One browser: a chromedriver session with a fresh profile."""

    def __init__(self, driver, work):
        self.driver = driver
        self.profile = tempfile.mkdtemp(prefix='profile.', dir=work)
        caps = {'capabilities': {'alwaysMatch': {'browserName': 'chrome', 'goog:chromeOptions': {
            'binary': '/usr/bin/chromium', 'args': CHROMIUM_ARGS + [f'--user-data-dir={self.profile}']}}}}
        self.id = self.call('POST', '/session', caps)['sessionId']

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.driver + path, data=data, method=method,
                                         headers={'Content-Type': 'application/json'})
        with urllib.request.urlopen(request, timeout=120) as r:
            return json.loads(r.read())['value']

    def script(self, source):
        return self.call('POST', f'/session/{self.id}/execute/sync', {'script': source, 'args': []})

    def load(self, url, rows):
        """ms from navigation start to the mark; checks the table has the rows."""
        self.call('POST', f'/session/{self.id}/url', {'url': 'about:blank'})
        self.call('POST', f'/session/{self.id}/url', {'url': url})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            marks = self.script(f'return performance.getEntriesByName("{MARK}").map(e => e.startTime)')
            if marks:
                shown = self.script('return document.querySelectorAll("main tbody tr").length')
                if shown != rows:
                    sys.exit(f'bench/ui: {url} shows {shown} rows, not {rows}')
                # Where the time went: when the page asked for the summaries, and when their last byte came.
                fetched = self.script('const e = performance.getEntriesByType("resource").find(r => '
                                      'r.name.includes("/v1/internal/ui/services")); '
                                      'return e ? [e.startTime, e.responseEnd] : null')
                return marks[0], fetched
            time.sleep(0.02)
        sys.exit(f'bench/ui: {url} did not render in 60 s')

    def close(self):
        self.call('DELETE', f'/session/{self.id}')
        shutil.rmtree(self.profile, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    for name in ('api', 'static', 'www', 'driver', 'work', 'style'):
        p.add_argument('--' + name, required=True)
    p.add_argument('--rounds', type=int, default=5)
    a = p.parse_args()

    seconds = register(a.api)
    print(f'bench/ui: registered {SERVICES * INSTANCES} instances of {SERVICES} services on {INSTANCES} nodes '
          f'in {seconds:.1f} s')
    summaries, size, first_ms = fetch_summaries(a.api)
    api_ms = statistics.median(fetch_summaries(a.api)[2] for _ in range(5))
    rows = len(summaries)
    print(f'bench/ui: GET /v1/internal/ui/services: {rows} summaries, {size / 1024:.0f} KiB, '
          f'first {first_ms:.0f} ms, then median {api_ms:.0f} ms')
    static_page(summaries, a.www, a.style)

    ui_url = a.api + '/ui/#/services'
    static_url = a.static + '/services.html'
    figures = {k: [] for k in ('ui first', 'ui again', 'static first', 'static again')}
    cold = None
    phases = []
    for r in range(a.rounds):
        session = Session(a.driver, a.work)
        try:
            order = [('ui', ui_url), ('static', static_url)]
            if r % 2:
                order.reverse()
            for name, url in order:
                first, fetched = session.load(url, rows)
                again, fetched_again = session.load(url, rows)
                if name == 'ui':
                    phases.append(fetched)
                    phases.append(fetched_again)
                if cold is None and name == 'ui':
                    cold = first
                else:
                    figures[f'{name} first'].append(first)
                figures[f'{name} again'].append(again)
        finally:
            session.close()

    print()
    print(f'| page ({rows} services) | rounds | median ms | worst ms | static file: median ms | ratio |')
    print('|---|---|---|---|---|---|')
    for kind in ('first', 'again'):
        ui, static = figures[f'ui {kind}'], figures[f'static {kind}']
        print(f'| /ui/#/services, {kind} load in a fresh browser' if kind == 'first'
              else f'| /ui/#/services, {kind} (same browser)', end='')
        print(f' | {len(ui)} | {statistics.median(ui):.0f} | {max(ui):.0f} | {statistics.median(static):.0f} | '
              f'{statistics.median(ui) / statistics.median(static):.2f}x |')
    print(f'| the first UI load after the agent started (cold JIT) | 1 | {cold:.0f} | {cold:.0f} | - | - |')
    asked = statistics.median(p[0] for p in phases)
    answered = statistics.median(p[1] for p in phases)
    print(f'\nbench/ui: the UI (all its loads, medians): asks for the summaries at {asked:.0f} ms, has them at '
          f'{answered:.0f} ms, the rest is parsing, rendering and the frame')
    everything = figures['ui first'] + figures['ui again'] + [cold]
    verdict = 'met' if max(everything) < 1000 else 'NOT met'
    print(f'\nbench/ui: target < 1000 ms in every round: {verdict} (worst {max(everything):.0f} ms); '
          f'load average {os.getloadavg()[0]:.2f}')


if __name__ == '__main__':
    main()
