"""What the container propagation drivers share (bench/registrator-propagation and bench/e2e-propagation): they
start containers one after another with `docker run` and stamp each when Docker reports it started and when a
blocking query on /v1/catalog/service/webapp first lists it. A driver finds this module relative to its own file:

    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
    sys.dont_write_bytecode = True  # no __pycache__ in the source tree
    import propagation

Their percentile is in percentile.py. Nothing here writes to stdout: the drivers print their JSON result there."""
import http.client, json, subprocess, threading, time


class Stamps:
    """The `start` event and the first catalog answer of every container labelled bench=RUN_ID, stamped by two
    daemon threads. Read and wait on `started` and `seen` only while holding `lock` (a Condition, notified on
    every stamp); a driver may guard stamps of its own with it too."""

    def __init__(self, api_port, run_id):
        self.api_port, self.run_id = api_port, run_id
        self.lock = threading.Condition()
        self.started = {}  # container name -> its `start` event's TimeNano (the daemon's clock, this host)
        self.seen = {}     # container name -> (ns the first answer listing it arrived, its ServicePort)
        self._stopping = False
        self._events = None

    def start(self):
        """Starts both threads, then gives `docker events` and the first blocking query a second to be in place."""
        for fn in (self._stamp_events, self._watch_catalog):
            threading.Thread(target=fn, daemon=True).start()
        time.sleep(1.0)

    def stop(self):
        self._stopping = True
        if self._events:
            self._events.kill()

    def wait_seen(self, name, timeout):
        """Whether the container has both stamps within TIMEOUT seconds; call it holding `lock`."""
        return self.lock.wait_for(lambda: name in self.seen and name in self.started, timeout=timeout)

    def _stamp_events(self):
        self._events = subprocess.Popen(
            ["docker", "events", "--filter", "label=bench=" + self.run_id, "--filter", "event=start",
             "--format", "{{.TimeNano}} {{.Actor.Attributes.name}}"], stdout=subprocess.PIPE, text=True)
        for line in self._events.stdout:
            t, name = line.split()
            with self.lock:
                self.started[name] = int(t)
                self.lock.notify_all()

    def _watch_catalog(self):
        index = 0
        conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=60)
        while not self._stopping:
            try:
                conn.request("GET", "/v1/catalog/service/webapp?index=%d&wait=30s" % index)
                r = conn.getresponse()
                body = r.read()
                now = time.time_ns()
            except Exception:
                conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=60)
                time.sleep(0.01)
                continue
            index = int(r.getheader("X-Consul-Index", "0") or 0)
            with self.lock:
                for inst in json.loads(body):  # the registrator's ServiceID is HOST:CONTAINER-NAME:5000
                    parts = inst["ServiceID"].split(":")
                    if len(parts) == 3:
                        self.seen.setdefault(parts[1], (now, inst["ServicePort"]))
                self.lock.notify_all()


def run_container(name, run_id, image):
    """`docker run -d` of IMAGE as NAME, labelled bench=RUN_ID, port 5000 published on 127.0.0.1."""
    subprocess.run(["docker", "run", "-d", "--name", name, "--label", "bench=" + run_id, "-p", "127.0.0.1::5000",
                    image], check=True, stdout=subprocess.DEVNULL)


def get_catalog_ns(api_port):
    """A plain GET of the catalog on a new connection (the HTTP round trip alone), in ns."""
    t0 = time.perf_counter_ns()
    c = http.client.HTTPConnection("127.0.0.1", api_port, timeout=10)
    c.request("GET", "/v1/catalog/service/webapp")
    c.getresponse().read()
    c.close()
    return time.perf_counter_ns() - t0
