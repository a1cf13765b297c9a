package vernetzt.network;

import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;

/**
 * What the index does not hold, read from the store in the request's own transaction so that it
 * is always current: blocks (R18), invitations (R4) and dismissals (R21) of the viewer. A member
 * has few of these, so reading them costs little next to the connections.
 */
final class Standing {
  static final RelationshipType BLOCKED = RelationshipType.withName("BLOCKED");
  static final RelationshipType INVITED = RelationshipType.withName("INVITED");
  static final RelationshipType DISMISSED = RelationshipType.withName("DISMISSED");

  private Standing() {}

  /** The members in a block with `viewer`, either way (R18: they never see each other). */
  static IntHashSet blocked(Node viewer) {
    return others(viewer, Direction.BOTH, BLOCKED);
  }

  /** The members R21 never suggests to `viewer` beyond its connections: pending or ignored
   * invitations either way, blocks either way, and the members the viewer dismissed. */
  static IntHashSet notSuggested(Node viewer) {
    IntHashSet excluded = others(viewer, Direction.BOTH, INVITED, BLOCKED);
    excluded.addAll(others(viewer, Direction.OUTGOING, DISMISSED));
    return excluded;
  }

  private static IntHashSet others(Node viewer, Direction direction, RelationshipType... types) {
    IntHashSet found = new IntHashSet();
    try (var relationships = viewer.getRelationships(direction, types)) {
      for (Relationship relationship : relationships) {
        found.add(Math.toIntExact(relationship.getOtherNodeId(viewer.getId())));
      }
    }
    return found;
  }

  static int node(Node node) {
    return Math.toIntExact(node.getId());
  }
}
