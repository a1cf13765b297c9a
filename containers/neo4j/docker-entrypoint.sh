#!/bin/bash
# Starts the stand-in Neo4j as the official image's entrypoint would, for the settings compose
# and testcontainers use: NEO4J_AUTH (neo4j/PASSWORD, set on a new store only; or none) and
# NEO4J_<setting> variables, where _ stands for . and __ for _ (NEO4J_server_bolt_advertised__address
# is server.bolt.advertised_address). Data in /data, logs in /logs, Bolt on 0.0.0.0:7687.
set -euo pipefail

if [ "${1:-neo4j}" != neo4j ]; then
  exec "$@"  # e.g. `docker run IMAGE cypher-shell ...`, as with the official image
fi

conf=$NEO4J_HOME/conf/neo4j.conf
heap=1g
{
  echo "server.directories.data=/data"
  echo "server.directories.logs=/logs"
  while IFS='=' read -r var _; do
    case $var in
      NEO4J_AUTH|NEO4J_HOME|NEO4J_CONF|NEO4J_ACCEPT_LICENSE_AGREEMENT|NEO4J_PLUGINS|NEO4J_DEBUG) continue ;;
      NEO4J_server_memory_heap_max__size) heap=${!var} ;;  # a JVM flag here, not a setting
      NEO4J_*) ;;
      *) continue ;;
    esac
    name=${var#NEO4J_}; name=${name//__/@}; name=${name//_/.}; name=${name//@/_}
    echo "$name=${!var}"
  done < <(env)
} >"$conf"

auth=${NEO4J_AUTH:-enabled}  # unset: authentication on, neo4j/neo4j (to be changed), as there
case $auth in
  none | enabled) ;;
  neo4j/*)
    if [ ${#auth} -lt 14 ]; then
      echo "Invalid value for password. The minimum password length is 8 characters." >&2
      exit 1
    fi ;;
  *) echo "Invalid admin username, it must be neo4j." >&2; exit 1 ;;
esac

# Plugins as the official image loads them: the jars in /plugins, on the class path (an
# extension is found there) and as the folder procedures are loaded from.
plugins=()
if compgen -G "/plugins/*.jar" >/dev/null; then
  plugins=(--plugins /plugins)
fi

exec java -Xms"$heap" -Xmx"$heap" \
  -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+DisableExplicitGC \
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --enable-native-access=ALL-UNNAMED \
  -cp "$NEO4J_HOME/classes:$NEO4J_HOME/lib/*:/plugins/*" vernetzt.localdb.LocalNeo4j \
  --data "$NEO4J_HOME" --host 0.0.0.0 --port 7687 --auth "$auth" --config "$conf" "${plugins[@]}"
