#!/usr/bin/env bash
# Installs what the machine lacks, from Debian: for the local Neo4j a JDK 17+ and Maven, and for
# the metrics' test a real Prometheus (tests/http/test_metrics.py); and builds the traces' test
# receiver, Jaeger, with the machine's Go from the Go module proxy (tests/http/test_traces.py).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"

java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

missing=()
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  missing+=(openjdk-17-jdk-headless)
fi
command -v mvn >/dev/null || missing+=(maven)

if [ ${#missing[@]} -gt 0 ]; then
  echo "installing ${missing[*]} from Debian" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install ${missing[*]}; install them and run again" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The server alone (it recommends the node exporter and more, which nothing here needs).
if ! command -v prometheus >/dev/null; then
  echo "installing prometheus from Debian" >&2
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to install prometheus; install it and run again" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi

# Jaeger at the version scripts/jaeger/go.mod pins, its modules checked against go.sum, from the
# proxy the machine's Go is configured with (GOPROXY): once, about 7 minutes on 2 cores.
JAEGER="$ROOT/.tools/jaeger"
if [ ! -x "$JAEGER" ] || [ "$ROOT/scripts/jaeger/go.mod" -nt "$JAEGER" ]; then
  if ! command -v go >/dev/null; then
    echo "need Go (1.26 or later) to build Jaeger for the traces' test (scripts/jaeger)" >&2
    exit 1
  fi
  echo "building Jaeger from scripts/jaeger (once; a few minutes)" >&2
  (cd "$ROOT/scripts/jaeger" && go build -o "$JAEGER" github.com/jaegertracing/jaeger/cmd/jaeger)
fi
