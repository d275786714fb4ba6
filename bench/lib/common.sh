# Shell functions the bench/*/run scripts share. A script sources it relative to itself, after `set -euo pipefail`:
#   . "$(dirname "$0")/../lib/common.sh"
# It sets ROOT (the repository), NAME (bench/ and the script's directory: the prefix of every message) and PIDS (the
# processes a script starts, `PIDS+=($!)`, for stop_started). A script keeps its own temp dir in WORK and its own
# cleanup, usually `cleanup() { stop_started; keep_or_remove_work; }` and `trap cleanup EXIT`.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
NAME=bench/$(basename "$(cd "$(dirname "$0")" && pwd)")
PIDS=()

fail() {
    echo "$NAME: $*" >&2
    exit 1
}

need() { # PACKAGES TOOL... -> stops, naming the Debian PACKAGES to install, unless every TOOL is on PATH
    local packages=$1 tool
    shift
    for tool in "$@"; do
        command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y $packages)"
    done
}

find_jdk_and_jar() { # sets JAVA_HOME (bin/find-jdk) and SIGNPOST_JAR, built by bin/signpost unless already set
    JAVA_HOME=$("$ROOT/bin/find-jdk") || exit 1
    if [ -z "${SIGNPOST_JAR:-}" ]; then
        "$ROOT/bin/signpost" --version >/dev/null || fail "cannot build the agent jar (see signpost-cli/build.log)"
        SIGNPOST_JAR=$ROOT/signpost-cli/target/signpost.jar
    fi
}

free_port() { # a free TCP and UDP port below the ephemeral range, where wrk's closed sockets linger
    local port
    while :; do
        port=$((20000 + RANDOM % 12000))
        ss -Hltun "sport = :$port" | grep -q . || { echo "$port"; return; }
    done
}

java_options() { # HEAP -> sets java_opts (-XmxHEAP, this JDK's flags, then $SIGNPOST_JAVA_OPTS) and release
    java_opts=("-Xmx$1")
    # As bin/signpost: quiet the JDK's warnings about Ratis' bundled Netty on JDK 23+ (it still works).
    release=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)
    if [ "${release:-0}" -ge 23 ]; then java_opts+=(--sun-misc-unsafe-memory-access=allow); fi
    if [ "${release:-0}" -ge 22 ]; then java_opts+=(--enable-native-access=ALL-UNNAMED); fi
    # shellcheck disable=SC2206 # word splitting of the user's JVM options is intended
    java_opts+=(${SIGNPOST_JAVA_OPTS:-})
}

has_leader() { # URL -> whether the agent there names a Raft leader
    [ -n "$(curl -sf "$1/v1/status/leader" 2>/dev/null | tr -d '"')" ]
}

leader_at() { # HOST PORT -> the leader's server address the agent at HOST:PORT names ("" when none or no answer)
    curl -sf --max-time 2 "http://$1:$2/v1/status/leader" 2>/dev/null | tr -d '"' || true
}

DEV_AGENT_FLAGS=() # more flags for start_dev_agent's agent, e.g. (-hcl 'acl { enabled = true }')

start_dev_agent() { # DIR LOG HTTP_PORT SECONDS -> sets AGENT_PID; fails (returns 1) unless there is a leader in time
    # `signpost agent -dev -node bench` with java_opts, run in DIR with its output in LOG, HTTP on 127.0.0.1:HTTP_PORT,
    # its other ports free ones. The caller says why it stopped, with as much of LOG as it wants shown.
    local url=http://127.0.0.1:$3 _
    (cd "$1" && exec "$JAVA_HOME/bin/java" "${java_opts[@]}" -jar "$SIGNPOST_JAR" agent -dev -node bench \
        -http-port "$3" -dns-port "$(free_port)" -server-port "$(free_port)" -serf-lan-port "$(free_port)" \
        "${DEV_AGENT_FLAGS[@]}" >"$2" 2>&1) &
    PIDS+=($!)
    AGENT_PID=$!
    for _ in $(seq 1 $(($4 * 10))); do
        has_leader "$url" && return 0
        kill -0 "$AGENT_PID" 2>/dev/null || break
        sleep 0.1
    done
    has_leader "$url"
}

# --- the container benchmarks: their containers carry the label bench=RUN_ID -------------------------------------
docker_image() { # IMAGE -> stops unless Docker runs; builds IMAGE as the seed's training/webapp when it is missing
    docker info >/dev/null 2>&1 || fail "docker is not running"
    docker image inspect "$1" >/dev/null 2>&1 \
        || bash "$ROOT/signpost-registrator/src/test/resources/build-webapp-image.sh" "$1" >/dev/null \
        || fail "cannot build $1"
}

start_registrator() { # RUN_ID HTTP_PORT LOG -> `signpost registrator` for this run's containers; sets REG_PID
    "$JAVA_HOME/bin/java" "${java_opts[@]}" -jar "$SIGNPOST_JAR" registrator -ip 127.0.0.1 \
        -only-label "bench=$1" "consul://127.0.0.1:$2" >"$3" 2>&1 &
    PIDS+=($!)
    REG_PID=$!
}

remove_containers() { # RUN_ID -> removes this run's containers, running or not; for a cleanup, so it never fails
    local ids
    ids=$(docker ps -aq --filter "label=bench=$1" 2>/dev/null || true)
    # shellcheck disable=SC2086 # one argument per container ID
    [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
}

# --- cleanup -----------------------------------------------------------------------------------------------------
stop_started() { # stops every process in PIDS, one after another
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
}

keep_or_remove_work() { # removes WORK, or with KEEP=1 keeps it and says where
    if [ "${KEEP:-0}" = 1 ]; then echo "$NAME: kept $WORK"; else rm -rf "$WORK"; fi
}

cpu_ticks() { # PID -> its user + system CPU time so far, in clock ticks
    awk '{print $14 + $15}' "/proc/$1/stat"
}

rps() { # PID URL CONNECTIONS [wrk args...] -> "requests/s agent-CPU-microseconds-per-request"
    # wrk for SECONDS_PER_RUN with THREADS threads and CONNECTIONS connections, its output in $WORK/wrk.txt; the agent
    # PID's own CPU time over the run (user + system, from /proc: the VM's neighbours do not count in it) per request.
    local pid=$1 url=$2 c=$3 before tick_us
    shift 3
    tick_us=$((1000000 / $(getconf CLK_TCK)))
    before=$(cpu_ticks "$pid")
    wrk -t"$THREADS" -c"$c" -d"${SECONDS_PER_RUN}s" "$@" "$url" >"$WORK/wrk.txt" 2>&1 || true
    grep -E 'Non-2xx|Socket errors' "$WORK/wrk.txt" | tr -s ' ' | sed 's/^/    /' >&2 || true
    awk -v ticks=$(($(cpu_ticks "$pid") - before)) -v tick_us="$tick_us" \
        '/ requests in / {n = $1} /^Requests\/sec/ {r = $2} END {printf "%d %.1f\n", r, (n > 0) ? ticks * tick_us / n : 0}' \
        "$WORK/wrk.txt"
}
