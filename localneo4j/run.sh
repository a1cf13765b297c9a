#!/usr/bin/env bash
# Builds (once) and starts the local Neo4j in the foreground. Arguments are passed to LocalNeo4j:
#   localneo4j/run.sh --data .neo4j-data --port 7687 [--stop-on-stdin-eof]
# or, with `admin` first, to neo4j-admin for a store that is not running (the benchmark's import):
#   localneo4j/run.sh admin <store> database import full neo4j --nodes=... --relationships=...
# or only builds, with --build-only (the Neo4j stand-in image copies target/, containers/).
# The first build downloads the jars into ~/.m2; later starts reuse target/.
# Neo4j loads the network index plugin (network-index/, docs/discovery.md) from
# NEO4J_LOCAL_PLUGINS, by default the folder its build writes; set it empty for a Neo4j without.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ ! -f "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" ] \
   || [ "$here/pom.xml" -nt "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" ] \
   || [ -n "$(find "$here/src" -newer "$here/target/classes/vernetzt/localdb/LocalNeo4j.class" -print -quit)" ]; then
  echo "neo4j-local: building (first time downloads ~125 MB of jars into ~/.m2)" >&2
  mvn -B -q -f "$here/pom.xml" compile >&2
fi
plugin_project=$(cd "$here/.." && pwd)/network-index
if [ ! -f "$plugin_project/target/plugins/vernetzt-network-index.jar" ] \
   || [ -n "$(find "$plugin_project/src" "$plugin_project/pom.xml" -newer "$plugin_project/target/plugins/vernetzt-network-index.jar" -print -quit)" ]; then
  echo "neo4j-local: building the network index plugin" >&2
  mvn -B -q -f "$plugin_project/pom.xml" package >&2
fi
[ "${1:-}" = --build-only ] && exit 0
plugins=${NEO4J_LOCAL_PLUGINS-$plugin_project/target/plugins}
plugin_options=()
if [ -n "$plugins" ]; then
  # As Neo4j's own launcher does: the plugins folder on the class path (the index's extension
  # is found there) and named as the folder its procedures are loaded from.
  plugin_options=(--plugins "$plugins")
  plugins_classpath=":$plugins/*"
fi

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
  -cp "$here/target/classes:$here/target/lib/*${plugins_classpath:-}" \
  vernetzt.localdb.LocalNeo4j "${plugin_options[@]}" "$@"
