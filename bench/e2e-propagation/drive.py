"""Driver of bench/e2e-propagation (see run). Starts containers one after another and stamps, for each:
t_run (docker run -d returned), t_event (its `start` event's TimeNano), t_catalog (a parked blocking query on
/v1/catalog/service/webapp answered with it), t_file (the rendered haproxy.cfg first held its server line, polled
every 0.5 ms) and t_haproxy (HAProxy's stats CSV first listed the server, polled every 2 ms while the file lists a server
HAProxy has not shown yet). Floors, measured
right after each container in the same run: a plain GET of the catalog (new connection), a direct write of
haproxy.cfg's bytes (temp + rename) read back, and a direct reload of a second HAProxy (write its config with one
more server, `haproxy -D -sf OLD`) until its stats CSV lists the server."""
import http.client, json, os, subprocess, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ beside bench/lib in the source tree
from percentile import pct
from propagation import Stamps, get_catalog_ns, run_container

api_port, run_id, count, warmup, image, cfg, hp_port, floor_dir, floor_port = int(sys.argv[1]), sys.argv[2], \
    int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6], int(sys.argv[7]), sys.argv[8], int(sys.argv[9])
stamps = Stamps(api_port, run_id)
lock, started, seen = stamps.lock, stamps.started, stamps.seen
in_file, in_stats = {}, {}  # server line -> ns it was first in haproxy.cfg; in HAProxy's stats CSV (under lock)
stop = False

def servers(text):
    return {line.split()[1] for line in text.splitlines() if line.strip().startswith("server ")}

def poll_file():
    while not stop:
        try:
            with open(cfg) as f: text = f.read()
            now = time.time_ns()
            with lock:
                for s in servers(text): in_file.setdefault(s, now)
        except FileNotFoundError:
            pass
        time.sleep(0.0005)

def stats_names(port):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    c.request("GET", "/haproxy-stats;csv"); body = c.getresponse().read().decode(); c.close()
    return {l.split(",")[1] for l in body.splitlines() if l and not l.startswith("#")}

def poll_stats():  # only while the file lists a server HAProxy has not shown yet, so as not to load the cores before
    while not stop:
        with lock:
            pending = any(s not in in_stats for s in in_file)
        if not pending:
            time.sleep(0.0005); continue
        try:
            names = stats_names(hp_port); now = time.time_ns()
            with lock:
                for s in names: in_stats.setdefault(s, now)
                lock.notify_all()
        except Exception:
            pass
        time.sleep(0.002)

def floor_reload(k):
    path = os.path.join(floor_dir, "haproxy.cfg")
    text = open(path).read() + "    server floor_%d 127.0.0.1:%d\n" % (k, 1000 + k)
    t0 = time.time_ns()
    with open(path + ".tmp", "w") as f: f.write(text)
    os.rename(path + ".tmp", path)
    pidf = os.path.join(floor_dir, "haproxy.pid")
    subprocess.run(["haproxy", "-f", path, "-p", pidf, "-D", "-sf", open(pidf).read().strip()], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            if "floor_%d" % k in stats_names(floor_port): return time.time_ns() - t0
        except Exception:
            pass
        if time.time_ns() - t0 > 10 ** 10: sys.exit("the floor HAProxy never listed floor_%d" % k)
        time.sleep(0.002)

def floor_write():
    text = open(cfg).read()
    p = cfg + ".floor"
    t0 = time.time_ns()
    with open(p + ".tmp", "w") as f: f.write(text)
    os.rename(p + ".tmp", p)
    with open(p) as f: f.read()
    return time.time_ns() - t0

for fn in (poll_file, poll_stats):
    threading.Thread(target=fn, daemon=True).start()
stamps.start()
rows = []
for k in range(warmup + count):
    name = "sp-e2e-%s-%d" % (run_id, k)
    t0 = time.time_ns()
    run_container(name, run_id, image)
    t_run = time.time_ns()
    with lock:  # the host port comes from the catalog answer: no docker call of ours competes with registrator
        if not stamps.wait_seen(name, timeout=30):
            sys.exit("%s not in the catalog within 30 s" % name)
        t_cat, port = seen[name]
        server = "bench_%d" % port
        if not lock.wait_for(lambda: server in in_stats, timeout=30):
            sys.exit("%s (%s) not served by HAProxy within 30 s" % (name, server))
        while server not in in_file: lock.wait(0.01)
    r = {"docker_run": t_run - t0, "docker": t_run - started[name], "registrator": t_cat - started[name],
         "template": in_file[server] - t_cat, "reload": in_stats[server] - in_file[server],
         "e2e": in_stats[server] - t_run, "event_to_haproxy": in_stats[server] - started[name]}
    r.update(floor_get=get_catalog_ns(api_port), floor_write=floor_write(), floor_reload=floor_reload(k))
    r["floor_sum"] = r["floor_get"] + r["floor_write"] + r["floor_reload"]
    if k >= warmup: rows.append(r)
    time.sleep(0.2)
stop = True
stamps.stop()

print(json.dumps({"n": len(rows), **{k: [pct([r[k] for r in rows], 50), pct([r[k] for r in rows], 99),
                                         max(r[k] for r in rows) / 1e6] for k in rows[0]}}))
