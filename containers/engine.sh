#!/usr/bin/env bash
# A Docker engine for the container tests, and the tools they need (issue 17).
#
#   containers/engine.sh start   # prints DOCKER_HOST=... of an engine that answers, or fails;
#                                # and OWNED=1 when the engine is this script's own
#   containers/engine.sh stop    # stops this script's own engine (never one it found running)
#   containers/engine.sh tools   # Compose v2, the `docker compose` plugin, when it is missing
#
# `start` uses, in this order: DOCKER_HOST when it answers, /var/run/docker.sock when it answers,
# else (root on Debian only) its own engine: Debian's docker.io, started with a private socket,
# data root and exec root so that it touches nothing else on the machine, without iptables rules
# (containers reach the network only with --network host, which the image builds use). Its data
# root stays between runs, so built images are a cache; the engine itself stops after each run.
set -euo pipefail

STATE=${VERNETZT_ENGINE_STATE:-/var/lib/vernetzt-docker}   # images, layers, volumes (kept)
RUN_DIR=/run/vernetzt-docker                                # socket, pid file, exec root
SOCKET=$RUN_DIR/docker.sock
COMPOSE_VERSION=v2.29.7
PLUGIN_DIR=/usr/local/lib/docker/cli-plugins

log() { echo "containers: $*" >&2; }

answers() {  # whether an engine answers on the given DOCKER_HOST
  DOCKER_HOST=$1 timeout 10 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

root_debian() {
  [ "$(id -u)" -eq 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null
}

apt_install() {  # installs the Debian packages that are missing
  local missing=()
  for package in "$@"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return
  log "installing ${missing[*]} from Debian"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

tools() {
  if docker compose version >/dev/null 2>&1; then
    return
  fi
  root_debian || { log "no 'docker compose' (Compose v2); install it"; return 1; }
  # Compose 2.29 needs Go 1.21+: the machine's own Go (not Debian's 1.19).
  PATH=$PATH:/usr/local/go/bin
  command -v go >/dev/null || { log "no Go toolchain to build Compose v2 with"; return 1; }
  # Debian has only Compose 1.29; v2 builds from the Go module proxy (about 2 minutes, once).
  log "building Compose $COMPOSE_VERSION from the Go module proxy (once)"
  local gobin
  gobin=$(mktemp -d)
  GOBIN=$gobin GOFLAGS=-mod=mod go install \
    -ldflags "-s -w -X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
    "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION"
  mkdir -p "$PLUGIN_DIR"
  install -m 0755 "$gobin/cmd" "$PLUGIN_DIR/docker-compose"
  rm -rf "$gobin"
}

start() {
  if [ -n "${DOCKER_HOST:-}" ] && answers "$DOCKER_HOST"; then
    echo "DOCKER_HOST=$DOCKER_HOST"; return
  fi
  if answers unix:///var/run/docker.sock; then
    echo "DOCKER_HOST=unix:///var/run/docker.sock"; return
  fi
  if answers "unix://$SOCKET"; then  # ours, left by a run that was killed: reuse it
    echo "DOCKER_HOST=unix://$SOCKET"; echo OWNED=1; return
  fi
  if ! root_debian; then
    log "no Docker engine answers, and only root on Debian may start one here"
    return 1
  fi
  apt_install docker.io debootstrap  # debootstrap: the stand-ins' Debian base (images.sh)
  mkdir -p "$STATE" "$RUN_DIR"
  log "starting dockerd (data in $STATE)"
  local started=$SECONDS
  # setsid: the engine is not in the caller's process group, so a Ctrl-C of the tests does not
  # kill it halfway; `stop` ends it by its pid.
  setsid dockerd --iptables=false --ip-forward=false --ip-masq=false \
    --data-root "$STATE" --exec-root "$RUN_DIR/exec" --pidfile "$RUN_DIR/docker.pid" \
    -H "unix://$SOCKET" >"$RUN_DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 60); do
    if answers "unix://$SOCKET"; then
      log "engine $(DOCKER_HOST=unix://$SOCKET docker version --format '{{.Server.Version}}') up in $((SECONDS - started)) s"
      echo "DOCKER_HOST=unix://$SOCKET"; echo OWNED=1; return
    fi
    sleep 0.5
  done
  log "dockerd did not answer in 30 s:"; tail -20 "$RUN_DIR/dockerd.log" >&2
  return 1
}

stop() {
  [ -f "$RUN_DIR/docker.pid" ] || return 0
  local pid
  pid=$(cat "$RUN_DIR/docker.pid")
  if kill -0 "$pid" 2>/dev/null; then
    # Containers the tests left (a killed run) go; images and the build cache stay.
    local leftovers
    leftovers=$(DOCKER_HOST=unix://$SOCKET docker ps -aq 2>/dev/null || true)
    if [ -n "$leftovers" ]; then
      # shellcheck disable=SC2086
      DOCKER_HOST=unix://$SOCKET docker rm -f -v $leftovers >/dev/null 2>&1 || true
    fi
    DOCKER_HOST=unix://$SOCKET docker volume prune -f >/dev/null 2>&1 || true
    kill "$pid"
    for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    log "engine stopped"
  fi
  rm -f "$RUN_DIR/docker.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  tools) tools ;;
  *) echo "usage: $0 start|stop|tools" >&2; exit 2 ;;
esac
