"""Driver of bench/template-propagation (see run). Times a registry write (PUT /v1/agent/service/register,
timestamp just before sending) to the destination file holding the new content, polled by a tight loop on the
file (no inotify-tools here). Per sample it also records when the PUT returned and when a blocking query of
ours (/v1/health/service/NAME?passing&index=N, parked before the write, as the template's is) answered.
Baseline: a direct write of the same bytes (write a temp file + rename, as the template does) seen by the
same poller; and the same with the file and its directory fsynced, as the template's atomic write does."""
import http.client, json, os, sys, threading, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
sys.dont_write_bytecode = True  # no __pycache__ beside bench/lib in the source tree
from percentile import pct

mode, api_port, outdir, services, count, warmup, gap = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), \
    int(sys.argv[5]), int(sys.argv[6]), float(sys.argv[7])

def put(svc, port):
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("PUT", "/v1/agent/service/register", json.dumps({"ID": svc + "-a", "Name": svc, "Address": "127.0.0.1",
                                                               "Port": port}))
    r = c.getresponse(); r.read(); c.close()
    if r.status != 200: sys.exit("register %s: HTTP %d" % (svc, r.status))

def index_of(svc):
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("GET", "/v1/health/service/%s?passing" % svc); r = c.getresponse(); r.read(); c.close()
    return int(r.getheader("X-Consul-Index"))

def wait_file(path, marker, deadline):
    while time.time_ns() < deadline:
        try:
            with open(path) as f:
                if marker in f.read():
                    return time.time_ns()
        except FileNotFoundError:
            pass
        time.sleep(0.0002)
    return None

def blocking(svc, index, out):
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=40)
    c.request("GET", "/v1/health/service/%s?passing&index=%d&wait=30s" % (svc, index)); c.getresponse().read()
    out.append(time.time_ns())

res = {"file": [], "put": [], "query": [], "after_query": []}
for k in range(warmup + count):
    svc = "tp-%d" % (k % services)
    path = os.path.join(outdir, "out-%d" % (k % services))
    port = 20000 + k
    marker = "%s-a 127.0.0.1:%d\n" % (svc, port)
    if mode in ("direct", "fsync"):
        t0 = time.time_ns()
        with open(path + ".tmp", "w") as f:
            f.write(marker)
            if mode == "fsync": f.flush(); os.fsync(f.fileno())
        os.rename(path + ".tmp", path)
        if mode == "fsync":
            d = os.open(outdir, os.O_RDONLY); os.fsync(d); os.close(d)
        t_put, t_q = t0, t0
        t_file = wait_file(path, marker, t0 + 10 ** 9)
    else:
        q = []
        th = None
        if mode == "template":
            th = threading.Thread(target=blocking, args=(svc, index_of(svc), q)); th.start(); time.sleep(0.01)
        t0 = time.time_ns()
        put(svc, port)
        t_put = time.time_ns()
        t_file = wait_file(path, marker, t0 + 10 * 10 ** 9)
        if th: th.join(5)
        t_q = q[0] if q else t_put
    if t_file is None: sys.exit("%s never held %r" % (path, marker))
    if k >= warmup:
        res["file"].append(t_file - t0); res["put"].append(t_put - t0); res["query"].append(t_q - t0)
        res["after_query"].append(t_file - t_q)
    if gap > 0: time.sleep(gap)
slow = sorted(range(len(res["file"])), key=lambda i: -res["file"][i])[:3]
print(json.dumps({"n": len(res["file"]), **{k: [pct(v, 50), pct(v, 99), max(v) / 1e6] for k, v in res.items()},
                  "slowest": [[round(res[k][i] / 1e6, 1) for k in ("file", "put", "query")] for i in slow]}))
