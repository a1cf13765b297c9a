#!/usr/bin/env bash
# Builds (once) and starts the local Neo4j in the foreground. Arguments are passed to LocalNeo4j:
#   localneo4j/run.sh --data .neo4j-data --port 7687 [--stop-on-stdin-eof]
# or, with `admin` first, to neo4j-admin for a store that is not running (the benchmark's import):
#   localneo4j/run.sh admin <store> database import full neo4j --nodes=... --relationships=...
# or only builds, with --build-only (the Neo4j stand-in image copies target/, containers/).
# The first build downloads the jars into ~/.m2; later starts reuse target/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" ] \
   || [ "$here/pom.xml" -nt "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" ] \
   || [ -n "$(find "$here/src" -newer "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" -print -quit)" ]; then
  echo "neo4j-local: building (first time downloads ~125 MB of jars into ~/.m2)" >&2
  mvn -B -q -f "$here/pom.xml" compile >&2
fi
[ "${1:-}" = --build-only ] && exit 0

if [ "${1:-}" = admin ]; then
  # neo4j-admin reads the store's layout from NEO4J_HOME, the folder LocalNeo4j's --data names.
  export NEO4J_HOME=$(cd "$2" && pwd) NEO4J_CONF=$(cd "$2" && pwd)
  shift 2
  exec java -Xmx${NEO4J_LOCAL_HEAP:-1g} -cp "$here/target/classes:$here/target/lib/*" \
    org.neo4j.cli.AdminTool "$@"
fi

# The flags bin/neo4j would add; heap sized for a 2-core, 24 GiB machine shared with the API.
exec java \
  -Xms${NEO4J_LOCAL_HEAP:-1g} -Xmx${NEO4J_LOCAL_HEAP:-1g} \
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
  -Djdk.tls.ephemeralDHKeySize=2048 \
  --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/java.lang=ALL-UNNAMED \
  --enable-native-access=ALL-UNNAMED \
  -cp "$here/target/classes:$here/target/lib/*" \
  vernetzt.localdb.LocalNeo4j "$@"
