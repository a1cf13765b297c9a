#!/usr/bin/env bash
# The base images the compose file, the Dockerfile and the tests need, on whatever engine
# DOCKER_HOST names; prints the names to use as NAME=image lines:
#
#   containers/images.sh [neo4j|python|prometheus|all]
#   NEO4J_IMAGE=neo4j:5.26-community      (the official image, present or pulled)
#   PYTHON_IMAGE=vernetzt-standin/python:3.13   (a stand-in, where Docker Hub cannot be reached)
#   PROMETHEUS_IMAGE=...                  (for the compose file's `metrics` profile)
#
# Where the official image can be neither found nor pulled, a stand-in is built from what the
# machine reaches (docs/containers.md): Debian bases by debootstrap, Python 3.13 from Debian 13
# (trixie) in a venv, and Neo4j on Debian 12 (bookworm, whose Java 17 Neo4j 5.26 is built for)
# from the same Maven artifacts as localneo4j/. Each stand-in carries a label
# with a hash of its inputs; one that is present with the same hash is not built again.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")

NEO4J_OFFICIAL=neo4j:5.26-community
PYTHON_OFFICIAL=python:3.13-slim
PROMETHEUS_OFFICIAL=prom/prometheus:v3.5.0
NEO4J_BASE=bookworm
PYTHON_BASE=trixie  # the Debian release whose Python is the newest the project supports
NEO4J_STANDIN=vernetzt-standin/neo4j:5.26
PYTHON_STANDIN=vernetzt-standin/python:3.13
PROMETHEUS_STANDIN=vernetzt-standin/prometheus:debian
export DOCKER_BUILDKIT=0  # the classic builder: Debian's engine has no buildx plugin beside it

log() { echo "containers: $*" >&2; }

present() { docker image inspect "$1" >/dev/null 2>&1; }

inputs_of() { docker image inspect --format '{{index .Config.Labels "vernetzt.inputs"}}' "$1" 2>/dev/null || true; }

digest() { cat "$@" | sha256sum | cut -c1-16; }

official() {  # present, or pulled; a registry that cannot be reached answers at once here
  present "$1" || docker pull -q "$1" >/dev/null 2>&1
}

debian_mirror() {  # the machine's own Debian mirror, from its apt sources: none is written here
  local uri
  uri=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)
  [ -n "$uri" ] || uri=$(sed -n 's/^deb \(\[[^]]*\] \)\?\(http[^ ]*\) bookworm .*/\2/p' /etc/apt/sources.list 2>/dev/null | head -n 1)
  if [ -z "$uri" ]; then
    log "no Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list;"
    log "debootstrap needs one to build the stand-in images (docs/containers.md)"
    return 1
  fi
  echo "$uri"
}

debian_standin() { echo "vernetzt-standin/debian:$1"; }

debian_base() {  # debian_base SUITE: vernetzt-standin/debian:SUITE, by debootstrap, once
  local suite=$1 image hash
  image=$(debian_standin "$suite")
  hash=$(printf 'debootstrap minbase %s 1' "$suite" | sha256sum | cut -c1-16)
  [ "$(inputs_of "$image")" = "$hash" ] && return
  command -v debootstrap >/dev/null || { log "debootstrap is missing (apt-get install debootstrap)"; return 1; }
  local dir mirror started=$SECONDS
  mirror=$(debian_mirror) || return 1
  dir=$(mktemp -d /var/tmp/vernetzt-debian.XXXXXX)
  log "building $image with debootstrap from $mirror"
  debootstrap --variant=minbase "$suite" "$dir" "$mirror" >"$dir.log" 2>&1 \
    || { tail -20 "$dir.log" >&2; rm -rf "$dir" "$dir.log"; return 1; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/* "$dir.log"
  tar -C "$dir" --exclude='./dev/*' --exclude='./proc/*' --exclude='./sys/*' -c . \
    | docker import --change "LABEL vernetzt.inputs=$hash" --change 'CMD ["bash"]' \
        --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8' \
        - "$image" >/dev/null
  rm -rf "$dir"
  log "$image built in $((SECONDS - started)) s"
}

legacy_notice_filtered() {  # the builder's deprecation notice, every time; the rest passes
  grep -v -e '^DEPRECATED: The legacy builder' -e '^ *BuildKit is currently disabled' \
    -e '^ *environment-variable\.' -e '^$' || true
}

build() {  # build NAME CONTEXT HASH SUITE: a stand-in on that Debian base, apt over the host network
  local started=$SECONDS
  log "building $1"
  docker build -q --force-rm --network host --build-arg "BASE=$(debian_standin "$4")" \
    --label "vernetzt.inputs=$3" -t "$1" "$2" 2>&1 >/dev/null | legacy_notice_filtered >&2
  log "$1 built in $((SECONDS - started)) s"
}

python_image() {
  if official "$PYTHON_OFFICIAL"; then echo "PYTHON_IMAGE=$PYTHON_OFFICIAL"; return; fi
  debian_base "$PYTHON_BASE"
  local hash context
  context=$(mktemp -d)
  cp -r "$here/python/." "$context/"
  mkdir "$context/local-ca"
  cp /usr/local/share/ca-certificates/*.crt "$context/local-ca/" 2>/dev/null || true
  hash=$( (docker image inspect --format '{{.Id}}' "$(debian_standin "$PYTHON_BASE")"; find "$context" -type f | sort | xargs cat) | digest)
  [ "$(inputs_of "$PYTHON_STANDIN")" = "$hash" ] || build "$PYTHON_STANDIN" "$context" "$hash" "$PYTHON_BASE"
  rm -rf "$context"
  echo "PYTHON_IMAGE=$PYTHON_STANDIN"
}

neo4j_image() {
  if official "$NEO4J_OFFICIAL"; then echo "NEO4J_IMAGE=$NEO4J_OFFICIAL"; return; fi
  debian_base "$NEO4J_BASE"
  local hash sources
  sources=$(find "$root/localneo4j/src" "$here/neo4j" -type f | sort)
  # shellcheck disable=SC2086
  hash=$( (docker image inspect --format '{{.Id}}' "$(debian_standin "$NEO4J_BASE")"; cat "$root/localneo4j/pom.xml" $sources) | digest)
  if [ "$(inputs_of "$NEO4J_STANDIN")" != "$hash" ]; then
    # The same jars and classes as `make neo4j`, built by its script if they are not yet.
    "$root/localneo4j/run.sh" --build-only
    local context
    context=$(mktemp -d)
    cp -r "$here/neo4j/." "$context/"
    cp -r "$root/localneo4j/target/lib" "$root/localneo4j/target/classes" "$context/"
    build "$NEO4J_STANDIN" "$context" "$hash" "$NEO4J_BASE"
    rm -rf "$context"
  fi
  echo "NEO4J_IMAGE=$NEO4J_STANDIN"
}

prometheus_image() {
  if official "$PROMETHEUS_OFFICIAL"; then echo "PROMETHEUS_IMAGE=$PROMETHEUS_OFFICIAL"; return; fi
  debian_base "$NEO4J_BASE"
  local hash
  hash=$( (docker image inspect --format '{{.Id}}' "$(debian_standin "$NEO4J_BASE")"; cat "$here/prometheus/Dockerfile") | digest)
  [ "$(inputs_of "$PROMETHEUS_STANDIN")" = "$hash" ] || build "$PROMETHEUS_STANDIN" "$here/prometheus" "$hash" "$NEO4J_BASE"
  echo "PROMETHEUS_IMAGE=$PROMETHEUS_STANDIN"
}

case "${1:-all}" in
  neo4j) neo4j_image ;;
  python) python_image ;;
  prometheus) prometheus_image ;;
  all) neo4j_image; python_image; prometheus_image ;;
  *) echo "usage: $0 [neo4j|python|prometheus|all]" >&2; exit 2 ;;
esac
