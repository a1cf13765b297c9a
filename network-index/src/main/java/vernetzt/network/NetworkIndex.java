package vernetzt.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One database's members and their connections, in memory: for each member (by Neo4j's node id)
 * the node ids of its connections, its `id` and the instant it joined. Discovery counts and
 * intersects these arrays instead of expanding paths in Cypher (docs/discovery.md).
 *
 * <p>A connection is a pair: the API makes at most one CONNECTED relationship per pair (MERGE), so
 * adding a pair that is there, or removing one that is not, changes nothing. That is what lets the
 * changes committed while the index is first built be applied again afterwards, whatever the scan
 * saw of them.
 *
 * <p>Readers never lock: each member's array is replaced, never changed, and published through
 * an {@link AtomicReferenceArray}, so a reader sees a whole old array or a whole new one. Writers
 * (one committed transaction at a time) hold {@code this}.
 */
final class NetworkIndex {
  static final int[] NONE = new int[0];

  /** The arrays, replaced by bigger ones when a node id beyond them arrives. */
  static final class Tables {
    final AtomicReferenceArray<int[]> neighbours;
    final String[] ids;
    final long[] joined;

    Tables(int capacity) {
      neighbours = new AtomicReferenceArray<>(capacity);
      ids = new String[capacity];
      joined = new long[capacity];
    }

    int capacity() {
      return ids.length;
    }

    int[] neighbours(int node) {
      if (node < 0 || node >= ids.length) {
        return NONE;
      }
      int[] found = neighbours.get(node);
      return found == null ? NONE : found;
    }

    Tables grownTo(int capacity) {
      Tables grown = new Tables(capacity);
      for (int node = 0; node < ids.length; node++) {
        grown.neighbours.set(node, neighbours.get(node));
      }
      System.arraycopy(ids, 0, grown.ids, 0, ids.length);
      System.arraycopy(joined, 0, grown.joined, 0, joined.length);
      return grown;
    }
  }

  private volatile Tables tables = new Tables(0);
  private final CountDownLatch built = new CountDownLatch(1);
  // Changes committed while the first build scans the store, applied once it is in place.
  private List<Changes> pending = new ArrayList<>();
  private volatile BuildReport report;
  private volatile String failure;

  /** What the first build took, for the status procedure (and the benchmark's note). */
  record BuildReport(long millis, long members, long connections, long bytes) {}

  /** The arrays as of every change committed before this call; waits for the first build. */
  Tables current(long timeoutMillis) throws InterruptedException {
    if (!built.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the network index is still being built");
    }
    if (failure != null) {
      throw new IllegalStateException("the network index could not be built: " + failure);
    }
    return tables;
  }

  boolean ready() {
    return built.getCount() == 0 && failure == null;
  }

  /** The first build failed: every request says so at once instead of waiting. */
  synchronized void failed(Throwable error) {
    failure = String.valueOf(error);
    built.countDown();
  }

  BuildReport report() {
    return report;
  }

  /** A committed transaction's changes: applied now, or after the first build. */
  synchronized void apply(Changes changes) {
    if (pending != null) {
      pending.add(changes);
      return;
    }
    Tables target = withRoomFor(tables, changes.highestNode());
    changes.applyTo(target);
    tables = target;  // the volatile write that publishes the facts written above
  }

  /** The first build's result, with the changes committed meanwhile applied over it. */
  synchronized void install(Tables scanned, BuildReport scan) {
    Tables target = scanned;
    for (Changes changes : pending) {
      target = withRoomFor(target, changes.highestNode());
      changes.applyTo(target);
    }
    pending = null;
    tables = target;
    report = scan;
    built.countDown();
  }

  private static Tables withRoomFor(Tables tables, long highestNode) {
    if (highestNode < tables.capacity()) {
      return tables;
    }
    long wanted = Math.max(highestNode + 1, (long) tables.capacity() * 3 / 2 + 1024);
    return tables.grownTo(Math.toIntExact(wanted));
  }

  /** `node` joined to `other` (nothing if it is already). */
  static void add(Tables tables, int node, int other) {
    int[] now = tables.neighbours(node);
    for (int existing : now) {
      if (existing == other) {
        return;
      }
    }
    int[] next = Arrays.copyOf(now, now.length + 1);
    next[now.length] = other;
    tables.neighbours.set(node, next);
  }

  /** `node` no longer joined to `other` (nothing if it was not). */
  static void remove(Tables tables, int node, int other) {
    int[] now = tables.neighbours(node);
    for (int i = 0; i < now.length; i++) {
      if (now[i] == other) {
        int[] next = new int[now.length - 1];
        System.arraycopy(now, 0, next, 0, i);
        System.arraycopy(now, i + 1, next, i, now.length - i - 1);
        tables.neighbours.set(node, next.length == 0 ? NONE : next);
        return;
      }
    }
  }

  /** Roughly what the index holds on the heap (compressed references): 16 bytes per array
   * header plus 4 per int or reference and 8 per long. */
  static long bytes(Tables tables) {
    long total = 16L + 4L * tables.capacity() + 16L + 4L * tables.capacity() + 16L
        + 8L * tables.capacity();
    for (int node = 0; node < tables.capacity(); node++) {
      int[] found = tables.neighbours.get(node);
      if (found != null && found.length > 0) {
        total += 16L + 4L * found.length;
      }
      if (tables.ids[node] != null) {
        // A String (24 bytes) and its byte[] (16 bytes and a byte per character: ids are ASCII).
        total += 40L + tables.ids[node].length();
      }
    }
    return total;
  }
}
