package vernetzt.network;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.UserFunction;

/**
 * Discovery from the network index, called from the product's Cypher (cypher/*_indexed.cypher).
 * Each answers exactly what its reference query answers; tests/integration/test_network_index.py
 * compares them on hundreds of viewers.
 */
public final class NetworkProcedures {
  // A request waits this long for the first build (seconds at a million members), then fails.
  private static final long BUILD_WAIT_MILLIS = 60_000;

  @Context public GraphDatabaseService db;

  @Context public Transaction tx;

  /** A row of the status procedure. */
  public static final class Status {
    public boolean ready;
    public long buildMillis;
    public long members;
    public long connections;
    public long bytes;

    Status(boolean ready, NetworkIndex.BuildReport report) {
      this.ready = ready;
      if (report != null) {
        buildMillis = report.millis();
        members = report.members();
        connections = report.connections();
        bytes = report.bytes();
      }
    }
  }

  /** A row of the path procedure. */
  public static final class PathRow {
    public List<String> path;

    PathRow(List<String> path) {
      this.path = path;
    }
  }

  @Procedure(name = "vernetzt.network.status", mode = Mode.READ)
  @Description("Whether the network index is built, and what its first build took.")
  public Stream<Status> status() {
    NetworkIndex index = Indexes.of(db.databaseName());
    return Stream.of(new Status(index.ready(), index.report()));
  }

  @Procedure(name = "vernetzt.network.suggestions", mode = Mode.READ)
  @Description("People the viewer may know (R21), best first: id, mutualCount, sample.")
  public Stream<Suggestions.Row> suggestions(
      @Name("viewer") Node viewer, @Name("limit") long limit) throws InterruptedException {
    NetworkIndex.Tables tables = tables();
    return Suggestions.of(tx, tables, viewer, Math.toIntExact(Math.min(limit, 1000))).stream();
  }

  @Procedure(name = "vernetzt.network.path", mode = Mode.READ)
  @Description("The ids along the viewer's smallest shortest path to the member (R23), 2 or 3 away.")
  public Stream<PathRow> path(@Name("viewer") Node viewer, @Name("member") Node member)
      throws InterruptedException {
    NetworkIndex.Tables tables = tables();
    List<String> path = Distances.path(tables, new Distances.Viewer(tables, viewer),
        Standing.node(member));
    return path == null ? Stream.empty() : Stream.of(new PathRow(path));
  }

  @UserFunction(name = "vernetzt.network.hops")
  @Description("Connections from the viewer to each member (R10): 1, 2, 3 or null, in order.")
  public List<Long> hops(@Name("viewer") Node viewer, @Name("members") List<Node> members)
      throws InterruptedException {
    NetworkIndex.Tables tables = tables();
    Distances.Viewer seen = new Distances.Viewer(tables, viewer);
    List<Long> hops = new ArrayList<>(members.size());
    for (Node member : members) {
      hops.add(Distances.hops(tables, seen, Standing.node(member)));
    }
    return hops;
  }

  @UserFunction(name = "vernetzt.network.mutualCount")
  @Description("How many connections the viewer and the member share (0 for oneself).")
  public long mutualCount(@Name("viewer") Node viewer, @Name("member") Node member)
      throws InterruptedException {
    return Distances.mutualCount(tables(), Standing.node(viewer), Standing.node(member));
  }

  private NetworkIndex.Tables tables() throws InterruptedException {
    return Indexes.of(db.databaseName()).current(BUILD_WAIT_MILLIS);
  }
}
