package vernetzt.localdb;

import java.util.Map;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Logging;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;

/**
 * The part of `cypher-shell` a healthcheck uses, for the stand-in image (the official image ships
 * the real one): `cypher-shell [-a ADDRESS] [-u USER] [-p PASSWORD] 'QUERY'` runs the query over
 * Bolt, prints each record's values and exits 0, or prints the error and exits 1.
 */
public final class CypherShell {
  private CypherShell() {}

  public static void main(String[] args) {
    // bolt://, not the real one's neo4j://: an advertised address set for clients outside the
    // container (the tests' 127.0.0.1:PORT) does not route from inside it.
    String address = "bolt://localhost:7687";
    String user = "";
    String password = "";
    String query = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "-a", "--address" -> address = args[++i];
        case "-u", "--username" -> user = args[++i];
        case "-p", "--password" -> password = args[++i];
        default -> query = args[i];
      }
    }
    if (query == null) {
      System.err.println("usage: cypher-shell [-a ADDRESS] [-u USER] [-p PASSWORD] 'QUERY'");
      System.exit(2);
    }
    Config config = Config.builder().withLogging(Logging.none()).build();
    var auth = user.isEmpty() ? AuthTokens.none() : AuthTokens.basic(user, password);
    try (Driver driver = GraphDatabase.driver(address, auth, config);
        Session session = driver.session()) {
      for (Record record : session.run(query, Map.of()).list()) {
        System.out.println(String.join(", ", record.values().stream().map(Object::toString).toList()));
      }
    } catch (RuntimeException error) {
      System.err.println(error.getMessage());
      System.exit(1);
    }
  }
}
