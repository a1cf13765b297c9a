package vernetzt.localdb;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Starts Neo4j Community in this process with Bolt on a loopback address, prints one ready line,
 * and runs until SIGTERM/SIGINT (or, with --stop-on-stdin-eof, until its parent closes stdin, so a
 * test run that dies never leaves a database behind).
 *
 * <p>Usage: LocalNeo4j --data DIR [--host 127.0.0.1] [--port 7687] [--pagecache-mb 512]
 * [--tx-timeout-s 0] [--auth none|enabled|neo4j/PASSWORD] [--config FILE] [--plugins DIR]
 * [--stop-on-stdin-eof]. Port 0 picks a free port; the ready line names it. --plugins names the
 * folder Neo4j loads procedures from (run.sh passes network-index's and puts it on the class path).
 *
 * <p>--auth and --config are what the stand-in for the official Docker image needs
 * (containers/neo4j): authentication with an initial password, as the official image sets from
 * NEO4J_AUTH, and settings from a neo4j.conf that it writes from NEO4J_* variables. The file is
 * read last, so its settings win over the options above.
 */
public final class LocalNeo4j {
  private LocalNeo4j() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = Options.parse(args);
    Path data = Path.of(Options.required(options, "data")).toAbsolutePath();
    String host = options.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(options.getOrDefault("port", "7687"));
    long pageCacheMb = Long.parseLong(options.getOrDefault("pagecache-mb", "512"));
    long txTimeoutSeconds = Long.parseLong(options.getOrDefault("tx-timeout-s", "0"));
    String auth = options.getOrDefault("auth", "none");
    Path config = options.containsKey("config") ? Path.of(options.get("config")) : null;
    Path plugins = options.containsKey("plugins") ? Path.of(options.get("plugins")) : null;

    long started = System.nanoTime();
    if (!auth.equals("none") && !auth.equals("enabled")) {
      InitialPassword.set(data, config, auth);  // neo4j/PASSWORD; "enabled" keeps neo4j/neo4j
    }
    DatabaseManagementServiceBuilder builder =
        new DatabaseManagementServiceBuilder(data)
            .setConfig(BoltConnector.enabled, true)
            .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
            .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
            .setConfig(GraphDatabaseSettings.auth_enabled, !auth.equals("none"))
            .setConfig(GraphDatabaseSettings.pagecache_memory, pageCacheMb * 1024 * 1024)
            .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofSeconds(txTimeoutSeconds))
            // No keep-alive hint: with it, the Python driver puts a timer task on every chunk it
            // reads, which doubled its CPU per query (docs/benchmarks.md, "Steps").
            .setConfig(BoltConnector.connection_keep_alive_type, BoltConnector.KeepAliveRequestType.OFF)
            // Bolt's network threads otherwise idle 5 s twice before a shutdown completes.
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
            .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3));
    if (plugins != null) {
      builder.setConfig(GraphDatabaseSettings.plugin_dir, plugins.toAbsolutePath());
    }
    if (config != null) {
      builder.loadPropertiesFromFile(config);
    }
    DatabaseManagementService dbms = builder.build();
    // The JVM runs shutdown hooks on SIGTERM and SIGINT: the store is closed cleanly.
    Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "neo4j-shutdown"));

    GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
    int boltPort = boundBoltPort(db);
    String version = serverVersion(db);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "Neo4j %s ready at bolt://%s:%d (started in %.1f s, data in %s)%n",
        version, host, boltPort, seconds, data);
    // The line the official image prints once it serves clients; testcontainers waits for it.
    System.out.printf("Remote interface available at bolt://%s:%d/%n", host, boltPort);
    System.out.flush();

    if (options.containsKey("stop-on-stdin-eof")) {
      waitForEndOfInput(System.in);
      System.exit(0);
    }
    Thread.currentThread().join();
  }

  private static int boundBoltPort(GraphDatabaseService db) {
    ConnectorPortRegister ports =
        ((GraphDatabaseAPI) db).getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
    return ports.getLocalAddress(ConnectorType.BOLT).getPort();
  }

  private static String serverVersion(GraphDatabaseService db) {
    return db.executeTransactionally(
        "CALL dbms.components() YIELD versions RETURN versions[0] AS version",
        Map.of(),
        result -> String.valueOf(result.next().get("version")));
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Input is ignored; only its end matters.
    }
  }
}
