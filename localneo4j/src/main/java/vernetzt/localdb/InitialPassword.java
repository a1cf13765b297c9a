package vernetzt.localdb;

import java.nio.file.Files;
import java.nio.file.Path;
import org.neo4j.cli.AdminTool;
import org.neo4j.cli.ExecutionContext;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * Sets the password of the user `neo4j` before the first start, as the official image does with
 * NEO4J_AUTH=neo4j/PASSWORD (`neo4j-admin dbms set-initial-password`). Like there, a store that
 * already has users keeps its password: NEO4J_AUTH only matters for a new store.
 */
final class InitialPassword {
  private InitialPassword() {}

  static void set(Path home, Path config, String auth) {
    String[] userAndPassword = auth.split("/", 2);
    if (userAndPassword.length != 2 || !userAndPassword[0].equals("neo4j")) {
      throw new IllegalArgumentException("--auth must be none or neo4j/PASSWORD, not " + auth);
    }
    Path confDir = config == null ? home : config.toAbsolutePath().getParent();
    Config.Builder settings = Config.newBuilder().set(GraphDatabaseSettings.neo4j_home, home);
    if (config != null) {
      settings.fromFile(config);
    }
    Path dataDir = settings.build().get(GraphDatabaseSettings.data_directory);
    if (Files.exists(dataDir.resolve("dbms").resolve("auth.ini"))) {
      return;
    }
    int exit =
        AdminTool.execute(
            new ExecutionContext(home, confDir),
            // "--": a password may start with "-" (secrets.token_urlsafe gives one in 64 such),
            // which neo4j-admin would otherwise take for an option.
            "dbms", "set-initial-password", "--", userAndPassword[1]);
    if (exit != 0) {
      throw new IllegalStateException("set-initial-password exited with " + exit);
    }
  }
}
