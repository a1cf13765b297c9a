#!/usr/bin/env bash
# Runs a command (the tests: `make test`, `make containers`) with a Docker engine where one can
# be had, so that the container tests run and the integration tests use testcontainers:
#
#   containers/run.sh .venv/bin/pytest [ARGS]
#
# An engine that answers is used as it is. Else, as root on Debian, engine.sh installs and starts
# the project's own for this run and stops it after (its images stay as a cache). Compose v2 is
# built when missing, and the base images (official, or stand-ins) are made sure of; their names
# go to the command as NEO4J_IMAGE and PYTHON_IMAGE. VERNETZT_ENGINE=none runs without an engine.
# Where none can be had, the command runs all the same: the integration tests use the local
# launcher, and the container tests skip with a message (or fail, under CI).
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
owned=0

finish() {
  [ "$owned" = 1 ] && "$here/engine.sh" stop
}
trap finish EXIT
trap 'exit 130' INT TERM

prepare() {
  local started=$SECONDS engine images line compose_log
  if [ "${VERNETZT_ENGINE:-auto}" = none ]; then return 1; fi
  engine=$("$here/engine.sh" start) || return 1
  [[ $engine == *OWNED=1* ]] && owned=1
  export DOCKER_HOST
  DOCKER_HOST=$(sed -n 's/^DOCKER_HOST=//p' <<<"$engine")
  # Compose v2 (a Go build the first time) alongside the images, which wait on the network.
  compose_log=$(mktemp)
  "$here/engine.sh" tools >"$compose_log" 2>&1 &
  local compose_pid=$!
  images=$("$here/images.sh" all) || return 1
  while IFS= read -r line; do export "${line?}"; done <<<"$images"
  if ! wait "$compose_pid"; then cat "$compose_log" >&2; fi
  rm -f "$compose_log"
  # The project's own engine gives containers no route out (no iptables rules): builds that
  # install packages use the host's network. The classic builder where buildx is missing.
  [ "$owned" = 1 ] && export VERNETZT_BUILD_NETWORK=host
  docker buildx version >/dev/null 2>&1 || export DOCKER_BUILDKIT=0
  echo "containers: engine at $DOCKER_HOST, NEO4J_IMAGE=$NEO4J_IMAGE," \
    "PYTHON_IMAGE=$PYTHON_IMAGE, ready in $((SECONDS - started)) s" >&2
}

if ! prepare; then
  unset DOCKER_HOST
  if [ -n "${CI:-}" ]; then
    echo "containers: no Docker engine could be had; under CI the container tests fail" >&2
  else
    echo "containers: no Docker engine; the container tests skip (docs/containers.md)" >&2
  fi
fi
"$@"
