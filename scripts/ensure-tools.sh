#!/usr/bin/env bash
# Installs what the machine lacks, from Debian: for the local Neo4j a JDK 17+ and Maven, and for
# the metrics' test a real Prometheus (tests/http/test_metrics.py).
set -euo pipefail

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
