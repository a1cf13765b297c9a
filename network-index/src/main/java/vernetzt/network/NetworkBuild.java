package vernetzt.network;

import java.util.Arrays;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The index's first build: one scan of every CONNECTED relationship (through Neo4j's relationship
 * type index), then each member's array and facts. The listener is registered before the scan
 * starts, so a change committed meanwhile is applied after it (NetworkIndex.install).
 */
final class NetworkBuild {
  private NetworkBuild() {}

  static void build(GraphDatabaseService db, NetworkIndex index) {
    long started = System.nanoTime();
    try (Transaction tx = db.beginTx()) {
      Endpoints endpoints = scan(tx);
      NetworkIndex.Tables tables = arrays(endpoints);
      long members = facts(tx, tables);
      long millis = (System.nanoTime() - started) / 1_000_000;
      index.install(tables, new NetworkIndex.BuildReport(
          millis, members, endpoints.size, NetworkIndex.bytes(tables)));
    } catch (RuntimeException | Error error) {
      index.failed(error);
      throw error;
    }
  }

  /** Both ends of every connection, as two growing int arrays. */
  private static final class Endpoints {
    int[] starts = new int[1 << 16];
    int[] ends = new int[1 << 16];
    int size;
    int highest = -1;

    void add(long start, long end) {
      if (size == starts.length) {
        starts = Arrays.copyOf(starts, size * 2);
        ends = Arrays.copyOf(ends, size * 2);
      }
      starts[size] = Math.toIntExact(start);
      ends[size] = Math.toIntExact(end);
      highest = Math.max(highest, Math.max(starts[size], ends[size]));
      size++;
    }
  }

  private static Endpoints scan(Transaction tx) {
    Endpoints endpoints = new Endpoints();
    try (ResourceIterator<Relationship> all = tx.findRelationships(NetworkListener.CONNECTED)) {
      while (all.hasNext()) {
        Relationship connection = all.next();
        endpoints.add(connection.getStartNodeId(), connection.getEndNodeId());
      }
    }
    return endpoints;
  }

  /** Each member's connections, sorted and without repeats, sized exactly. */
  private static NetworkIndex.Tables arrays(Endpoints endpoints) {
    // Room for the members who join after the build without growing at once.
    int capacity = endpoints.highest + 1 + Math.max(1024, (endpoints.highest + 1) / 8);
    int[] degree = new int[capacity];
    for (int i = 0; i < endpoints.size; i++) {
      degree[endpoints.starts[i]]++;
      degree[endpoints.ends[i]]++;
    }
    int[][] lists = new int[capacity][];
    for (int node = 0; node < capacity; node++) {
      lists[node] = degree[node] == 0 ? NetworkIndex.NONE : new int[degree[node]];
    }
    int[] filled = new int[capacity];
    for (int i = 0; i < endpoints.size; i++) {
      int start = endpoints.starts[i];
      int end = endpoints.ends[i];
      lists[start][filled[start]++] = end;
      lists[end][filled[end]++] = start;
    }
    NetworkIndex.Tables tables = new NetworkIndex.Tables(capacity);
    for (int node = 0; node < capacity; node++) {
      tables.neighbours.set(node, distinct(lists[node]));
    }
    return tables;
  }

  private static int[] distinct(int[] list) {
    if (list.length < 2) {
      return list;
    }
    Arrays.sort(list);
    int kept = 1;
    for (int i = 1; i < list.length; i++) {
      if (list[i] != list[kept - 1]) {
        list[kept++] = list[i];
      }
    }
    return kept == list.length ? list : Arrays.copyOf(list, kept);
  }

  /** Each connected member's `id` and joining time; returns how many members that is. */
  private static long facts(Transaction tx, NetworkIndex.Tables tables) {
    long members = 0;
    for (int node = 0; node < tables.capacity(); node++) {
      if (tables.neighbours(node).length > 0) {
        try {
          var member = tx.getNodeById(node);
          tables.ids[node] = (String) member.getProperty("id", null);
          tables.joined[node] = NetworkListener.joined(member);
          members++;
        } catch (NotFoundException deletedMeanwhile) {
          // Its deletion was committed during the scan: the listener's changes remove it.
        }
      }
    }
    return members;
  }
}
