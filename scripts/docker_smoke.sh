#!/usr/bin/env bash
# Smoke test of the Docker image: build it, start it, and check that it serves and is healthy.
#
#   scripts/docker_smoke.sh [--local-base | --base IMAGE] [--start-engine] [--no-negative] [--rmi]
#
# Steps (each one bounded in time; the first failure stops the run with a non-zero exit):
#   0. (--start-engine) start a Docker engine if none answers: install Debian's docker.io if it is
#      missing (root only), run `dockerd --storage-driver=vfs --bridge=none --iptables=false` with its
#      log in $CACHE_DIR/dockerd.log, wait up to ENGINE_TIMEOUT s; the engine is stopped again at exit.
#   1. (--local-base) make the base image local/bookworm-python if the engine lacks it: Debian bookworm
#      (python3 3.11, python3-venv, python3-pip, ca-certificates) from Debian's mirror with debootstrap,
#      cached as a tarball in $CACHE_DIR so a later run only imports it. Needs root.
#   2. negative check (skip with --no-negative): build a copy of the context whose pyproject.toml
#      adds a requirement that cannot be met (gunicorn<1 next to the gunicorn pin); the build MUST
#      fail and leave no image.
#   3. build the image with --build-arg BASE_IMAGE=<base> --network host (pip needs PyPI).
#   4. run it with --network host (the engine may have no bridge), DASHBOARD_PORT set to a free port
#      (the image binds DASHBOARD_HOST=0.0.0.0 as built; this script only talks to 127.0.0.1) and a 2 s
#      health interval; wait for /health (200, status ok, no data problems).
#   5. every process in the container runs as uid 10001 (and `docker exec id -u` says 10001).
#   6. the HEALTHCHECK state turns `healthy` (an `unhealthy` state fails at once).
#   7. app pages (/, /green, /_dash-layout) answer 200 with no traceback or debugger text; debug is off;
#      the container log holds no traceback.
#   8. stop and remove the container (always, by trap, even after a failure).
#
# Exit: 0 passed; 1 a check failed; 2 usage error; 3 no Docker engine (nothing was checked).
# Environment: BASE_IMAGE (default python:3.11-slim), SMOKE_IMAGE (tag, default
# china-upgrading-dashboard:smoke), SMOKE_PORT (default: a free port), CACHE_DIR (default
# /var/cache/dashboard-docker), DEBIAN_MIRROR (default: from /etc/apt sources, else deb.debian.org),
# ENGINE_TIMEOUT (60), BUILD_TIMEOUT (1800), START_TIMEOUT (180), HEALTHY_TIMEOUT (180).
set -euo pipefail
cd "$(dirname "$0")/.."

LOCAL_BASE_IMAGE=local/bookworm-python
BASE_IMAGE="${BASE_IMAGE:-python:3.11-slim}"
SMOKE_IMAGE="${SMOKE_IMAGE:-china-upgrading-dashboard:smoke}"
CACHE_DIR="${CACHE_DIR:-/var/cache/dashboard-docker}"
ENGINE_TIMEOUT="${ENGINE_TIMEOUT:-60}"
BUILD_TIMEOUT="${BUILD_TIMEOUT:-1800}"
START_TIMEOUT="${START_TIMEOUT:-180}"
HEALTHY_TIMEOUT="${HEALTHY_TIMEOUT:-180}"
START_ENGINE=0
NEGATIVE=1
REMOVE_IMAGE=0

while [ $# -gt 0 ]; do
  case "$1" in
    --local-base) BASE_IMAGE="$LOCAL_BASE_IMAGE" ;;
    --base) [ $# -ge 2 ] || { echo "docker smoke: --base needs an image" >&2; exit 2; }; BASE_IMAGE="$2"; shift ;;
    --base=*) BASE_IMAGE="${1#--base=}" ;;
    --start-engine) START_ENGINE=1 ;;
    --no-negative) NEGATIVE=0 ;;
    --rmi) REMOVE_IMAGE=1 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "docker smoke: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

# ---------------------------------------------------------------- output, timing, cleanup
say() { printf 'docker smoke: %s\n' "$*"; }
fail() { printf 'docker smoke: FAIL: %s\n' "$*" >&2; exit 1; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
secs() { awk -v ms="$1" 'BEGIN { printf "%.1f s", ms / 1000 }'; }
RUN_T0=$(now_ms)
declare -a SUMMARY=()
note() { SUMMARY+=("$1"); say "$1"; }

CONTAINER=""
TMP_DIRS=()
STARTED_DOCKERD_PID=""
cleanup() {
  local rc=$?
  set +e
  if [ -n "$CONTAINER" ]; then
    if [ "$rc" -ne 0 ]; then
      say "container log (last 40 lines):"
      docker logs --tail 40 "$CONTAINER" 2>&1 | sed 's/^/  | /'
    fi
    docker rm -f "$CONTAINER" >/dev/null 2>&1 && say "container $CONTAINER removed"
  fi
  if [ "$REMOVE_IMAGE" -eq 1 ]; then docker rmi "$SMOKE_IMAGE" >/dev/null 2>&1 && say "image $SMOKE_IMAGE removed"; fi
  for d in "${TMP_DIRS[@]}"; do rm -rf "$d"; done
  if [ -n "$STARTED_DOCKERD_PID" ]; then
    kill "$STARTED_DOCKERD_PID" 2>/dev/null
    for _ in $(seq 1 30); do kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null || break; sleep 1; done
    say "stopped the dockerd this script started (pid $STARTED_DOCKERD_PID)"
  fi
  if [ "$rc" -eq 0 ]; then
    say "PASSED in $(secs $(( $(now_ms) - RUN_T0 )))"
  elif [ "$rc" -ne 3 ]; then
    say "FAILED (exit $rc) after $(secs $(( $(now_ms) - RUN_T0 )))"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# ---------------------------------------------------------------- 0. engine
engine_up() { command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; }

if ! engine_up; then
  if [ "$START_ENGINE" -eq 0 ]; then
    say "no Docker engine answers (docker info); start one or pass --start-engine"
    exit 3
  fi
  if ! command -v dockerd >/dev/null 2>&1; then
    say "installing Debian's docker.io"
    if ! { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq docker.io >/dev/null; }; then
      say "could not install docker.io"
      exit 3
    fi
  fi
  if [ "$(id -u)" -ne 0 ]; then say "starting dockerd needs root"; exit 3; fi
  mkdir -p "$CACHE_DIR"
  say "starting dockerd (vfs storage, no bridge, no iptables; log: $CACHE_DIR/dockerd.log)"
  t0=$(now_ms)
  dockerd --storage-driver=vfs --bridge=none --iptables=false >"$CACHE_DIR/dockerd.log" 2>&1 &
  STARTED_DOCKERD_PID=$!
  deadline=$(( $(date +%s) + ENGINE_TIMEOUT ))
  until engine_up; do
    if ! kill -0 "$STARTED_DOCKERD_PID" 2>/dev/null; then
      STARTED_DOCKERD_PID=""
      say "dockerd exited at start; its log ends with:"; tail -5 "$CACHE_DIR/dockerd.log" | sed 's/^/  | /'
      exit 3
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      say "dockerd did not answer within ${ENGINE_TIMEOUT} s; its log ends with:"; tail -5 "$CACHE_DIR/dockerd.log" | sed 's/^/  | /'
      exit 3
    fi
    sleep 1
  done
  note "engine started in $(secs $(( $(now_ms) - t0 )))"
fi
say "engine: $(docker version --format 'server {{.Server.Version}}, client {{.Client.Version}}' 2>/dev/null || echo '?')"

# The CLI falls back to the legacy builder when the buildx plugin is missing; say so explicitly.
if ! docker buildx version >/dev/null 2>&1; then export DOCKER_BUILDKIT=0; fi

# ---------------------------------------------------------------- 1. local base image
debian_mirror() {
  if [ -n "${DEBIAN_MIRROR:-}" ]; then echo "$DEBIAN_MIRROR"; return; fi
  local m
  m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -1 | tr -d ' ') || true
  echo "${m:-http://deb.debian.org/debian}"
}

build_local_base() {
  local tarball="$CACHE_DIR/bookworm-python.tar"
  mkdir -p "$CACHE_DIR"
  if [ ! -s "$tarball" ]; then
    [ "$(id -u)" -eq 0 ] || fail "building $LOCAL_BASE_IMAGE with debootstrap needs root"
    command -v debootstrap >/dev/null 2>&1 \
      || { say "installing debootstrap"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; } \
      || fail "debootstrap is missing and could not be installed"
    local mirror rootfs t0
    mirror=$(debian_mirror)
    rootfs=$(mktemp -d "$CACHE_DIR/rootfs.XXXXXX"); TMP_DIRS+=("$rootfs")
    # mktemp -d makes the folder 0700, and it becomes the image's /: a non-root USER could then not
    # even start /bin/bash ("stat /bin/bash: permission denied"). A root file system is 0755.
    chmod 0755 "$rootfs"
    say "debootstrap bookworm (minbase + python3 python3-venv python3-pip ca-certificates) from $mirror"
    t0=$(now_ms)
    timeout "$BUILD_TIMEOUT" debootstrap --variant=minbase --include=python3,python3-venv,python3-pip,ca-certificates \
      bookworm "$rootfs" "$mirror" >"$CACHE_DIR/debootstrap.log" 2>&1 \
      || { tail -20 "$CACHE_DIR/debootstrap.log" >&2; fail "debootstrap failed (log: $CACHE_DIR/debootstrap.log)"; }
    # The base is a local artifact: it trusts what this machine trusts. Machines whose HTTPS goes
    # through an inspecting proxy hold its CA in /usr/local/share/ca-certificates; without it pip
    # inside the build cannot verify PyPI. (Debian's pip uses the system CA bundle.)
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
      mkdir -p "$rootfs/usr/local/share/ca-certificates"
      cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
      chroot "$rootfs" update-ca-certificates >/dev/null 2>&1 || fail "update-ca-certificates in the base failed"
      say "base trusts this machine's local CA certificates: $(cd /usr/local/share/ca-certificates && echo *.crt)"
    fi
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    note "debootstrap base made in $(secs $(( $(now_ms) - t0 ))) ($(du -h "$tarball" | cut -f1) tarball, cached in $tarball)"
  else
    say "using the cached base tarball $tarball"
  fi
  local t0; t0=$(now_ms)
  docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' \
    "$tarball" "$LOCAL_BASE_IMAGE" >/dev/null || fail "docker import of $tarball failed"
  note "base image $LOCAL_BASE_IMAGE imported in $(secs $(( $(now_ms) - t0 )))"
}

if [ "$BASE_IMAGE" = "$LOCAL_BASE_IMAGE" ]; then
  if docker image inspect "$LOCAL_BASE_IMAGE" >/dev/null 2>&1; then
    say "base image $LOCAL_BASE_IMAGE is present"
  else
    build_local_base
  fi
  # checked as a non-root user too: the image runs the app as one (a base made before the chmod above
  # had a 0700 root, which only a USER step showed)
  base_ok() {
    docker run --rm --network none --user 65534:65534 "$LOCAL_BASE_IMAGE" \
      python3 -c 'import sys, venv, ensurepip; assert sys.version_info[:2] == (3, 11), sys.version'
  }
  if ! base_ok; then
    say "base image $LOCAL_BASE_IMAGE is unusable by a non-root user or lacks python3.11: rebuilding it"
    docker rmi -f "$LOCAL_BASE_IMAGE" >/dev/null 2>&1 || true
    rm -f "$CACHE_DIR/bookworm-python.tar"
    build_local_base
    base_ok || fail "$LOCAL_BASE_IMAGE lacks python3.11 with venv/ensurepip or cannot be used by a non-root user (delete $CACHE_DIR/bookworm-python.tar and the image to rebuild it)"
  fi
elif ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  say "base image $BASE_IMAGE is not present locally: the build will try to pull it (use --local-base where no registry is reachable)"
fi

build_image() {  # build_image CONTEXT TAG LOG
  timeout "$BUILD_TIMEOUT" docker build --network host --force-rm --build-arg "BASE_IMAGE=$BASE_IMAGE" -t "$2" "$1" >"$3" 2>&1
}

# ---------------------------------------------------------------- 2. a broken dependency fails the build
if [ "$NEGATIVE" -eq 1 ]; then
  neg=$(mktemp -d); TMP_DIRS+=("$neg")
  cp -r Dockerfile .dockerignore pyproject.toml README.md app.py gunicorn.conf.py dashboard assets datasets "$neg"/
  python3 - "$neg/pyproject.toml" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
new, n = re.subn(r"^dependencies = \[\n", 'dependencies = [\n  "gunicorn<1",  # smoke test: cannot be met\n', text, count=1, flags=re.M)
assert n == 1, "no dependencies list in pyproject.toml"
open(path, "w", encoding="utf-8").write(new)
EOF
  broken_tag="${SMOKE_IMAGE%%:*}:smoke-broken"
  docker rmi "$broken_tag" >/dev/null 2>&1 || true
  say "negative check: building with an impossible requirement (gunicorn<1); the build must fail"
  t0=$(now_ms)
  if build_image "$neg" "$broken_tag" "$neg/build.log"; then
    tail -20 "$neg/build.log" >&2
    docker rmi "$broken_tag" >/dev/null 2>&1 || true
    fail "the build SUCCEEDED with an impossible requirement: a failed step is being swallowed"
  fi
  docker image inspect "$broken_tag" >/dev/null 2>&1 && fail "the failed build left an image $broken_tag"
  grep -qiE 'ResolutionImpossible|conflicting dependencies|No matching distribution' "$neg/build.log" \
    || { tail -20 "$neg/build.log" >&2; fail "the build failed, but not at the dependency install"; }
  note "negative check passed: the build failed at pip install in $(secs $(( $(now_ms) - t0 ))) ($(grep -m1 -oE 'returned a non-zero code: [0-9]+' "$neg/build.log" || echo 'non-zero exit'))"
fi

# ---------------------------------------------------------------- 3. build
build_log=$(mktemp); TMP_DIRS+=("$build_log")
say "building $SMOKE_IMAGE from BASE_IMAGE=$BASE_IMAGE (docker build --network host)"
t0=$(now_ms)
build_image . "$SMOKE_IMAGE" "$build_log" || { tail -40 "$build_log" >&2; fail "docker build failed"; }
size_bytes=$(docker image inspect --format '{{.Size}}' "$SMOKE_IMAGE")
base_bytes=$(docker image inspect --format '{{.Size}}' "$BASE_IMAGE" 2>/dev/null || echo 0)
note "built in $(secs $(( $(now_ms) - t0 ))); image $(awk -v b="$size_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }') (base $(awk -v b="$base_bytes" 'BEGIN { printf "%.0f MB", b / 1e6 }'))"
[ "$(docker image inspect --format '{{.Config.User}}' "$SMOKE_IMAGE")" = "app:app" ] || fail "image USER is not app:app"
docker image inspect --format '{{json .Config.Healthcheck}}' "$SMOKE_IMAGE" | grep -q '/health' || fail "image has no HEALTHCHECK on /health"

# ---------------------------------------------------------------- 4. run, /health
if [ -n "${SMOKE_PORT:-}" ]; then
  PORT="$SMOKE_PORT"
else
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
CONTAINER="china-dashboard-smoke-$$"
t_start=$(now_ms)
docker run -d --name "$CONTAINER" --network host \
  -e DASHBOARD_PORT="$PORT" -e GUNICORN_WORKERS=2 \
  --health-interval=2s --health-timeout=5s --health-retries=3 --health-start-period=60s \
  "$SMOKE_IMAGE" >/dev/null || fail "docker run failed"
say "container $CONTAINER started (host network, port $PORT); waiting for http://127.0.0.1:$PORT/health (at most ${START_TIMEOUT} s)"

http_get() {  # http_get PATH OUTFILE -> prints the status code (000 when no answer)
  python3 - "http://127.0.0.1:$PORT$1" "$2" <<'EOF'
import sys, urllib.request, urllib.error
url, out = sys.argv[1], sys.argv[2]
try:
    with urllib.request.urlopen(url, timeout=10) as r:
        status, body = r.status, r.read()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read()
except Exception:
    status, body = 0, b""
open(out, "wb").write(body)
print(f"{status:03d}")
EOF
}
body=$(mktemp); TMP_DIRS+=("$body")
deadline=$(( $(date +%s) + START_TIMEOUT ))
while :; do
  [ "$(docker inspect --format '{{.State.Running}}' "$CONTAINER")" = "true" ] \
    || fail "the container exited (code $(docker inspect --format '{{.State.ExitCode}}' "$CONTAINER")) before /health answered"
  [ "$(http_get /health "$body")" = "200" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "/health did not answer 200 within ${START_TIMEOUT} s"
  sleep 1
done
note "/health 200 after $(secs $(( $(now_ms) - t_start ))): $(cat "$body")"
python3 - "$body" <<'EOF' || fail "/health body is not status ok with indicators and no data problems"
import json, sys
h = json.load(open(sys.argv[1]))
assert h["status"] == "ok" and h["indicators"] > 0 and h["data_problems"] == 0, h
EOF

# ---------------------------------------------------------------- 5. non-root
exec_uid=$(docker exec "$CONTAINER" id -u) || fail "docker exec id -u failed"
[ "$exec_uid" = "10001" ] || fail "docker exec id -u gives $exec_uid, not 10001"
procs=$(docker exec "$CONTAINER" python -c '
import os
rows = []
for pid in sorted((p for p in os.listdir("/proc") if p.isdigit() and int(p) != os.getpid()), key=int):
    try:
        status = open(f"/proc/{pid}/status").read().splitlines()
        cmd = " ".join(open(f"/proc/{pid}/cmdline", "rb").read().decode().replace(chr(0), " ").split())
    except OSError:
        continue
    uids = next(line.split()[1:] for line in status if line.startswith("Uid:"))
    uid_list = ",".join(uids)
    rows.append(f"{pid} {uid_list} {cmd[:60]}")
print("\n".join(rows))') || fail "could not list the container's processes"
say "processes (pid, uid real,effective,saved,fs, command):"; echo "$procs" | sed 's/^/  | /'
echo "$procs" | awk '{ n = split($2, u, ","); for (i = 1; i <= n; i++) if (u[i] != "10001") bad = 1 } END { exit bad }' \
  || fail "a process in the container runs with a uid other than 10001"
echo "$procs" | grep -q '^1 .*gunicorn' || fail "pid 1 is not gunicorn"
[ "$(echo "$procs" | grep -c 'gunicorn')" -ge 2 ] || fail "no gunicorn worker process"
note "uid: docker exec id -u = 10001; all $(echo "$procs" | grep -c gunicorn) gunicorn processes (master = pid 1 + workers) run as 10001"

# ---------------------------------------------------------------- 6. HEALTHCHECK state
deadline=$(( $(date +%s) + HEALTHY_TIMEOUT ))
while :; do
  state=$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$CONTAINER")
  case "$state" in
    healthy) break ;;
    unhealthy) docker inspect --format '{{json .State.Health}}' "$CONTAINER" >&2; fail "HEALTHCHECK state is unhealthy" ;;
    none) fail "the container has no HEALTHCHECK state" ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "HEALTHCHECK state still '$state' after ${HEALTHY_TIMEOUT} s"
  sleep 1
done
note "HEALTHCHECK state healthy after $(secs $(( $(now_ms) - t_start ))) from docker run"

# ---------------------------------------------------------------- 7. pages, no traceback, debug off
check_page() {  # check_page PATH NEEDLE
  local code
  code=$(http_get "$1" "$body")
  [ "$code" = "200" ] || fail "GET $1 answered $code"
  if grep -qiE 'Traceback \(most recent call last\)|Werkzeug Debugger|__debugger__' "$body"; then fail "GET $1 shows a traceback or the debugger"; fi
  grep -qF "$2" "$body" || fail "GET $1 lacks '$2'"
  say "GET $1: 200, $(wc -c <"$body") bytes, no traceback"
}
check_page / '<div id="react-entry-point">'
check_page /green '<div id="react-entry-point">'
check_page /_dash-layout '"props"'
[ "$(http_get / "$body")" = "200" ] || fail "GET / failed"
python3 - "$body" <<'EOF' || fail "the page's Dash config shows dev tools (debug) on"
import json, re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', html, re.S)
assert m, "no _dash-config"
cfg = json.loads(m.group(1))
assert cfg.get("ui") is False and cfg.get("props_check") is False, cfg
EOF
say "Dash config: dev tools UI and props check off (debug off)"
if docker logs "$CONTAINER" 2>&1 | grep -q 'Traceback (most recent call last)'; then
  docker logs "$CONTAINER" 2>&1 | grep -A15 'Traceback' | head -30 >&2
  fail "the container log holds a traceback"
fi
note "pages /, /green, /_dash-layout answered 200 without traceback; container log clean"

# ---------------------------------------------------------------- 8. stop (removal happens in the trap)
t0=$(now_ms)
timeout 60 docker stop -t 30 "$CONTAINER" >/dev/null || fail "docker stop failed"
note "stopped in $(secs $(( $(now_ms) - t0 ))) (exit code $(docker inspect --format '{{.State.ExitCode}}' "$CONTAINER"))"
say "summary:"
for line in "${SUMMARY[@]}"; do say "  - $line"; done
