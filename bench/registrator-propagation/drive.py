"""Driver of bench/registrator-propagation (see run): starts containers one after another and times each from
its Docker `start` event (the daemon's TimeNano) to the blocking query on /v1/catalog/service/webapp that first
lists it. Floors measured in the same run, right after each container is seen: a plain GET of the catalog on a
new connection (the HTTP round trip alone, the baseline), an inspect of the container on the Docker socket, and a
register PUT of a dummy service (a Raft write)."""
import http.client, math, json, socket, subprocess, sys, threading, time

api_port, run_id, count, warmup, image = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
lock = threading.Condition()
started, seen = {}, {}   # container name -> ns (start event TimeNano; arrival of the first answer listing it)
stop = False

def events():
    p = subprocess.Popen(["docker", "events", "--filter", "label=bench=" + run_id, "--filter", "event=start",
                          "--format", "{{.TimeNano}} {{.Actor.Attributes.name}}"], stdout=subprocess.PIPE, text=True)
    procs.append(p)
    for line in p.stdout:
        t, name = line.split()
        with lock:
            started[name] = int(t)
            lock.notify_all()

def watch():
    index = 0
    conn = http.client.HTTPConnection("127.0.0.1", api_port, timeout=60)
    while not stop:
        try:
            conn.request("GET", "/v1/catalog/service/webapp?index=%d&wait=30s" % index)
            r = conn.getresponse()
            body = r.read()
            now = time.time_ns()
        except Exception:
            conn = http.client.HTTPConnection("127.0.0.1", api_port, timeout=60)
            time.sleep(0.01)
            continue
        index = int(r.getheader("X-Consul-Index", "0") or 0)
        with lock:
            for inst in json.loads(body):
                name = inst["ServiceID"].split(":")[1] if ":" in inst["ServiceID"] else inst["ServiceID"]
                seen.setdefault(name, now)
            lock.notify_all()

class UnixHTTP(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect("/var/run/docker.sock")

def timed(fn):
    t = time.perf_counter_ns(); fn(); return time.perf_counter_ns() - t

def get_catalog():
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("GET", "/v1/catalog/service/webapp"); c.getresponse().read(); c.close()

def inspect(name):
    c = UnixHTTP("docker"); c.request("GET", "/containers/%s/json" % name); c.getresponse().read(); c.close()

def register(k):
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("PUT", "/v1/agent/service/register", json.dumps({"ID": "floor", "Name": "floor", "Port": 1000 + k}))
    c.getresponse().read(); c.close()

procs = []
threading.Thread(target=events, daemon=True).start()
threading.Thread(target=watch, daemon=True).start()
time.sleep(1.0)
lat, base, insp, reg, runs = [], [], [], [], []
for k in range(warmup + count):
    name = "sp-regprop-%s-%d" % (run_id, k)
    t0 = time.time_ns()
    subprocess.run(["docker", "run", "-d", "--name", name, "--label", "bench=" + run_id, "-p", "127.0.0.1::5000", image],
                   check=True, stdout=subprocess.DEVNULL)
    t1 = time.time_ns()
    with lock:
        if not lock.wait_for(lambda: name in seen and name in started, timeout=20):
            sys.exit("bench/registrator-propagation: %s not in the catalog within 20 s" % name)
    b, i, w = timed(get_catalog), timed(lambda: inspect(name)), timed(lambda: register(k))
    if k >= warmup:
        lat.append(seen[name] - started[name]); base.append(b); insp.append(i); reg.append(w); runs.append(t1 - t0)
    time.sleep(0.05)
stop = True
for p in procs: p.kill()

def pct(xs, p):
    xs = sorted(xs); return xs[max(0, math.ceil(p / 100.0 * len(xs)) - 1)] / 1e6  # nearest rank
out = {"n": len(lat), "lat": [pct(lat, 50), pct(lat, 99), max(lat) / 1e6], "base": [pct(base, 50), pct(base, 99)],
       "inspect": [pct(insp, 50), pct(insp, 99)], "register": [pct(reg, 50), pct(reg, 99)],
       "docker_run": [pct(runs, 50), pct(runs, 99)], "raw_ms": [round(x / 1e6, 2) for x in lat]}
print(json.dumps(out))
