package vernetzt.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * People you may know (R21), as cypher/people_you_may_know.cypher answers it: members two
 * connections away ranked by mutual connections, then newest first, then by id; without the
 * viewer's connections, invitations either way, blocks either way and dismissals. Counting walks
 * the viewer's connections' arrays into one counter per member; only the members shown are read
 * from the store (their mutual connections' names, for the sample).
 */
final class Suggestions {
  static final int SAMPLE = 3;

  /** One suggestion: the member's id, the mutual count and up to three mutual ids by name. */
  public static final class Row {
    public String id;
    public long mutualCount;
    public List<String> sample;

    Row(String id, long mutualCount, List<String> sample) {
      this.id = id;
      this.mutualCount = mutualCount;
      this.sample = sample;
    }
  }

  /** Counters and the list of members counted, kept per thread between requests: a counter per
   * node of the database is too big to allocate for each one. */
  private static final class Counters {
    int[] counts = new int[0];
    int[] touched = new int[1024];
    int size;

    void fit(int capacity) {
      if (counts.length < capacity) {
        counts = new int[capacity];
      }
    }

    void increment(int node) {
      if (counts[node]++ == 0) {
        if (size == touched.length) {
          touched = Arrays.copyOf(touched, size * 2);
        }
        touched[size++] = node;
      }
    }

    void reset() {
      for (int i = 0; i < size; i++) {
        counts[touched[i]] = 0;
      }
      size = 0;
    }
  }

  private static final ThreadLocal<Counters> COUNTERS = ThreadLocal.withInitial(Counters::new);

  private Suggestions() {}

  static List<Row> of(Transaction tx, NetworkIndex.Tables tables, Node viewer, int limit) {
    int v = Standing.node(viewer);
    int[] ring = tables.neighbours(v);
    Counters counters = COUNTERS.get();
    counters.fit(tables.capacity());
    try {
      for (int connection : ring) {
        for (int candidate : tables.neighbours(connection)) {
          if (candidate != v) {
            counters.increment(candidate);
          }
        }
      }
      // Excluded members count nothing: zero is never ranked.
      for (int connection : ring) {
        counters.counts[connection] = 0;
      }
      Standing.notSuggested(viewer).forEach(node -> {
        if (node < counters.counts.length) {
          counters.counts[node] = 0;
        }
      });
      int[] best = best(tables, counters, limit);
      return rows(tx, tables, ring, counters, best);
    } finally {
      counters.reset();
    }
  }

  /** The `limit` best members counted, best first: a sorted window that a member enters only
   * when it beats the window's last. */
  private static int[] best(NetworkIndex.Tables tables, Counters counters, int limit) {
    int[] window = new int[Math.max(0, limit)];
    int filled = 0;
    for (int i = 0; i < counters.size && limit > 0; i++) {
      int node = counters.touched[i];
      if (counters.counts[node] == 0 || tables.ids[node] == null) {
        continue;
      }
      if (filled == limit && !before(tables, counters.counts, node, window[filled - 1])) {
        continue;
      }
      int at = filled == limit ? filled - 1 : filled++;
      while (at > 0 && before(tables, counters.counts, node, window[at - 1])) {
        window[at] = window[at - 1];
        at--;
      }
      window[at] = node;
    }
    return Arrays.copyOf(window, filled);
  }

  /** Whether `a` ranks ahead of `b`: more mutual connections, then newer, then smaller id. */
  private static boolean before(NetworkIndex.Tables tables, int[] counts, int a, int b) {
    if (counts[a] != counts[b]) {
      return counts[a] > counts[b];
    }
    if (tables.joined[a] != tables.joined[b]) {
      return tables.joined[a] > tables.joined[b];
    }
    return Text.compare(tables.ids[a], tables.ids[b]) < 0;
  }

  private static List<Row> rows(
      Transaction tx, NetworkIndex.Tables tables, int[] ring, Counters counters, int[] best) {
    IntHashSet viewerConnections = IntHashSet.newSetWith(ring);
    List<Row> rows = new ArrayList<>(best.length);
    for (int candidate : best) {
      List<String> sample = sample(tx, tables, viewerConnections, candidate);
      rows.add(new Row(tables.ids[candidate], counters.counts[candidate], sample));
    }
    return rows;
  }

  /** The ids of up to three mutual connections, by name, then id (as the reference query). */
  private static List<String> sample(
      Transaction tx, NetworkIndex.Tables tables, IntHashSet viewerConnections, int candidate) {
    List<String[]> mutual = new ArrayList<>();
    for (int node : tables.neighbours(candidate)) {
      if (viewerConnections.contains(node) && tables.ids[node] != null) {
        Object name = tx.getNodeById(node).getProperty("name", null);
        mutual.add(new String[] {name instanceof String text ? text : null, tables.ids[node]});
      }
    }
    mutual.sort(Comparator.comparing((String[] m) -> m[0], Text::compareNullsLast)
        .thenComparing(m -> m[1], Text::compareNullsLast));
    List<String> ids = new ArrayList<>(SAMPLE);
    for (int i = 0; i < Math.min(SAMPLE, mutual.size()); i++) {
      ids.add(mutual.get(i)[1]);
    }
    return ids;
  }
}
