"""Driver of bench/registrator-propagation (see run): starts containers one after another and times each from
its Docker `start` event (the daemon's TimeNano) to the blocking query on /v1/catalog/service/webapp that first
lists it. Floors measured in the same run, right after each container is seen: a plain GET of the catalog on a
new connection (the HTTP round trip alone, the baseline), an inspect of the container on the Docker socket, and a
register PUT of a dummy service (a Raft write)."""
import http.client, json, os, socket, sys, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ beside bench/lib in the source tree
from percentile import pct
from propagation import Stamps, get_catalog_ns, run_container

api_port, run_id, count, warmup, image = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

class UnixHTTP(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.connect("/var/run/docker.sock")

def timed(fn):
    t = time.perf_counter_ns(); fn(); return time.perf_counter_ns() - t

def inspect(name):
    c = UnixHTTP("docker"); c.request("GET", "/containers/%s/json" % name); c.getresponse().read(); c.close()

def register(k):
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("PUT", "/v1/agent/service/register", json.dumps({"ID": "floor", "Name": "floor", "Port": 1000 + k}))
    c.getresponse().read(); c.close()

stamps = Stamps(api_port, run_id)
stamps.start()
lat, base, insp, reg, runs = [], [], [], [], []
for k in range(warmup + count):
    name = "sp-regprop-%s-%d" % (run_id, k)
    t0 = time.time_ns()
    run_container(name, run_id, image)
    t1 = time.time_ns()
    with stamps.lock:
        if not stamps.wait_seen(name, timeout=20):
            sys.exit("bench/registrator-propagation: %s not in the catalog within 20 s" % name)
    b, i, w = get_catalog_ns(api_port), timed(lambda: inspect(name)), timed(lambda: register(k))
    if k >= warmup:
        lat.append(stamps.seen[name][0] - stamps.started[name]); base.append(b); insp.append(i); reg.append(w)
        runs.append(t1 - t0)
    time.sleep(0.05)
stamps.stop()

out = {"n": len(lat), "lat": [pct(lat, 50), pct(lat, 99), max(lat) / 1e6], "base": [pct(base, 50), pct(base, 99)],
       "inspect": [pct(insp, 50), pct(insp, 99)], "register": [pct(reg, 50), pct(reg, 99)],
       "docker_run": [pct(runs, 50), pct(runs, 99)], "raw_ms": [round(x / 1e6, 2) for x in lat]}
print(json.dumps(out))
