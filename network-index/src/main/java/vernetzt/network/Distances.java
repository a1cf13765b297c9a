package vernetzt.network;

import java.util.List;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.neo4j.graphdb.Node;

/**
 * Degrees (R10) and the path (R23) between a viewer and a member, over connections that avoid
 * every member in a block with the viewer, as cypher/member_degrees.cypher and
 * path_from_viewer.cypher answer them. Walks from whichever side has the fewer connections two
 * steps out: a member with ten thousand connections costs as little as a newcomer.
 */
final class Distances {
  private Distances() {}

  /** What one viewer sees: its connections outside its blocks, as a set. */
  static final class Viewer {
    final int node;
    final IntHashSet blocked;
    final IntHashSet ring = new IntHashSet();
    final int[] ringList;

    Viewer(NetworkIndex.Tables tables, Node viewer) {
      node = Standing.node(viewer);
      blocked = Standing.blocked(viewer);
      for (int connection : tables.neighbours(node)) {
        if (!blocked.contains(connection)) {
          ring.add(connection);
        }
      }
      ringList = ring.toArray();
    }
  }

  /** 1, 2 or 3 connections from the viewer to `member`, or null: farther, itself, or hidden. */
  static Long hops(NetworkIndex.Tables tables, Viewer viewer, int member) {
    if (member == viewer.node || viewer.blocked.contains(member)) {
      return null;
    }
    if (viewer.ring.contains(member)) {
      return 1L;
    }
    int[] around = tables.neighbours(member);
    for (int next : around) {
      if (viewer.ring.contains(next)) {
        return 2L;
      }
    }
    return thirdDegree(tables, viewer, member) ? 3L : null;
  }

  private static boolean thirdDegree(NetworkIndex.Tables tables, Viewer viewer, int member) {
    int[] around = tables.neighbours(member);
    if (reach(tables, around) <= reach(tables, viewer.ringList)) {
      for (int middle : around) {
        if (usable(viewer, middle) && meetsRing(tables, viewer, middle)) {
          return true;
        }
      }
      return false;
    }
    IntHashSet memberSide = usableOf(viewer, around);
    for (int first : viewer.ringList) {
      for (int middle : tables.neighbours(first)) {
        if (memberSide.contains(middle)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The ids along the shortest path that is smallest by ids, for a member two or three
   * connections away (R23); null otherwise. The same graph always gives the same path.
   */
  static List<String> path(NetworkIndex.Tables tables, Viewer viewer, int member) {
    Long hops = hops(tables, viewer, member);
    if (hops == null || hops == 1L) {
      return null;
    }
    String[] ids = tables.ids;
    if (hops == 2L) {
      String best = null;
      for (int middle : tables.neighbours(member)) {
        if (viewer.ring.contains(middle) && smaller(ids[middle], best)) {
          best = ids[middle];
        }
      }
      return List.of(ids[viewer.node], best, ids[member]);
    }
    String bestFirst = null;
    String bestSecond = null;
    for (int second : tables.neighbours(member)) {
      if (!usable(viewer, second)) {
        continue;
      }
      for (int first : tables.neighbours(second)) {
        boolean better = viewer.ring.contains(first)
            && (smaller(ids[first], bestFirst)
                || (ids[first] != null && ids[first].equals(bestFirst)
                    && smaller(ids[second], bestSecond)));
        if (better) {
          bestFirst = ids[first];
          bestSecond = ids[second];
        }
      }
    }
    return List.of(ids[viewer.node], bestFirst, bestSecond, ids[member]);
  }

  /** How many connections `viewer` and `member` share (as member_relations counts them: blocks
   * aside, none for oneself). A set of the smaller side's connections, probed with the other's. */
  static long mutualCount(NetworkIndex.Tables tables, int viewer, int member) {
    if (viewer == member) {
      return 0;
    }
    int[] one = tables.neighbours(viewer);
    int[] other = tables.neighbours(member);
    int[] smaller = one.length <= other.length ? one : other;
    int[] larger = smaller == one ? other : one;
    IntHashSet set = IntHashSet.newSetWith(smaller);
    long shared = 0;
    for (int node : larger) {
      if (set.contains(node)) {
        shared++;
      }
    }
    return shared;
  }

  /** A member a path may pass through: not the viewer, not in a block with the viewer. */
  private static boolean usable(Viewer viewer, int node) {
    return node != viewer.node && !viewer.blocked.contains(node);
  }

  private static IntHashSet usableOf(Viewer viewer, int[] nodes) {
    IntHashSet usable = new IntHashSet(nodes.length);
    for (int node : nodes) {
      if (usable(viewer, node)) {
        usable.add(node);
      }
    }
    return usable;
  }

  private static boolean meetsRing(NetworkIndex.Tables tables, Viewer viewer, int middle) {
    for (int first : tables.neighbours(middle)) {
      if (viewer.ring.contains(first)) {
        return true;
      }
    }
    return false;
  }

  /** How many array items a walk two steps out from `nodes` reads. */
  private static long reach(NetworkIndex.Tables tables, int[] nodes) {
    long total = 0;
    for (int node : nodes) {
      total += tables.neighbours(node).length;
    }
    return total;
  }

  private static boolean smaller(String id, String best) {
    return id != null && (best == null || Text.compare(id, best) < 0);
  }
}
