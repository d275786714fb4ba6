#!/usr/bin/env python3
"""Load and blocking-query clients for bench/scale (standard library only).

  load.py write HOST:PORT SERVICES     SERVICES x 10 instances on 1,000 nodes, through /v1/txn (64 operations each);
                                       prints "<instances> <seconds>"
  load.py block HOST:PORT QUERIES CMD  QUERIES blocking reads of /v1/health/service/web parked on the agent, CMD run
                                       (a shell command) while they are, then one more instance of web registered;
                                       prints "<answered> <p50 ms> <max ms> <CMD's output>", the times from the write's
                                       reply to each answer
"""
import asyncio
import http.client
import json
import subprocess
import sys
import time

NODES = 1000
PER_TXN = 64  # Consul's limit of operations in one transaction


def post(conn, method, path, body):
    conn.request(method, path, body=json.dumps(body) if body is not None else None)
    reply = conn.getresponse()
    data = reply.read()
    if reply.status != 200:
        sys.exit(f"{method} {path}: {reply.status} {data[:300]!r}")
    return reply, data


def write(address, services):
    host, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    ops = [{"Node": {"Verb": "set", "Node": {"Node": f"node-{n}", "Address": f"10.1.{n // 250}.{n % 250 + 1}"}}}
           for n in range(NODES)]
    for x in range(services * 10):
        node = f"node-{x % NODES}"
        ops.append({"Service": {"Verb": "set", "Node": node, "Service": {
            "ID": f"svc-{x // 10}-{x % 10}", "Service": f"svc-{x // 10}", "Port": 20000 + x % 10,
            "Tags": ["scale"]}}})
    started = time.monotonic()
    for i in range(0, len(ops), PER_TXN):
        post(conn, "PUT", "/v1/txn", ops[i:i + PER_TXN])
    print(services * 10, f"{time.monotonic() - started:.1f}")


async def block(address, queries, command):
    host, port = address.rsplit(":", 1)
    conn = http.client.HTTPConnection(host, int(port), timeout=60)
    reply, _ = post(conn, "GET", "/v1/health/service/web", None)
    index = reply.getheader("X-Consul-Index")
    request = (f"GET /v1/health/service/web?index={index}&wait=300s HTTP/1.1\r\nHost: {address}\r\n"
               "Connection: close\r\n\r\n").encode()
    readers = []
    for _ in range(queries):
        reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(request)
        readers.append(reader)
    deadline = time.monotonic() + 120
    while parked(conn) < queries:  # the agent's own count of parked reads
        if time.monotonic() > deadline:
            sys.exit(f"only {parked(conn)} of {queries} reads parked after 120 s")
        await asyncio.sleep(0.2)
    measured = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=True).stdout.strip()
    answered = []

    async def answer(reader):
        await reader.readline()  # the status line: the agent has answered
        answered.append(time.monotonic())

    tasks = [asyncio.ensure_future(answer(r)) for r in readers]
    post(conn, "PUT", "/v1/agent/service/register", {"ID": "web-new", "Name": "web", "Port": 9999})
    changed = time.monotonic()
    await asyncio.wait(tasks, timeout=60)
    times = sorted((t - changed) * 1000 for t in answered)
    p50 = times[len(times) // 2] if times else -1
    print(len(times), f"{p50:.0f}", f"{times[-1]:.0f}" if times else "-1", measured)


def parked(conn):
    _, data = post(conn, "GET", "/v1/agent/metrics", None)
    for gauge in json.loads(data)["Gauges"]:
        if gauge["Name"] == "signpost.blocking_queries.waiting":
            return gauge["Value"]
    return 0


if __name__ == "__main__":
    mode, address, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if mode == "write":
        write(address, count)
    else:
        asyncio.run(block(address, count, sys.argv[4]))
