package vernetzt.network;

import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction changed of the network: connections made and removed, the facts (`id`,
 * joining time) of the members they join, and members deleted. Read in the committing
 * transaction, where those facts can still be read; applied once it has committed.
 */
final class Changes {
  private record Member(int node, String id, long joined) {}

  private record Pair(int one, int other) {}

  private final List<Member> members = new ArrayList<>();
  private final List<Pair> added = new ArrayList<>();
  private final List<Pair> removed = new ArrayList<>();
  private final List<Integer> deleted = new ArrayList<>();
  private long highestNode = -1;

  boolean isEmpty() {
    return members.isEmpty() && added.isEmpty() && removed.isEmpty() && deleted.isEmpty();
  }

  long highestNode() {
    return highestNode;
  }

  void member(long node, String id, long joined) {
    members.add(new Member(nodeIndex(node), id, joined));
  }

  void connected(long one, long other) {
    added.add(new Pair(nodeIndex(one), nodeIndex(other)));
  }

  void disconnected(long one, long other) {
    removed.add(new Pair(nodeIndex(one), nodeIndex(other)));
  }

  /** A deleted node: any node, since its labels are gone by then; most were never members. */
  void deleted(long node) {
    deleted.add(Math.toIntExact(node));  // beyond the arrays it was never a member: no room made
  }

  private int nodeIndex(long node) {
    highestNode = Math.max(highestNode, node);
    return Math.toIntExact(node);
  }

  /** Into `tables`, in the order that keeps the facts ahead of the arrays that name them. */
  void applyTo(NetworkIndex.Tables tables) {
    for (Member member : members) {
      tables.ids[member.node()] = member.id();
      tables.joined[member.node()] = member.joined();
    }
    for (Pair pair : removed) {
      NetworkIndex.remove(tables, pair.one(), pair.other());
      NetworkIndex.remove(tables, pair.other(), pair.one());
    }
    for (Pair pair : added) {
      NetworkIndex.add(tables, pair.one(), pair.other());
      NetworkIndex.add(tables, pair.other(), pair.one());
    }
    for (int node : deleted) {
      if (node >= tables.capacity()) {
        continue;
      }
      tables.neighbours.set(node, NetworkIndex.NONE);
      tables.ids[node] = null;
    }
  }
}
