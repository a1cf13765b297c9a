package vernetzt.network;

import java.time.ZonedDateTime;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;

/**
 * Keeps a {@link NetworkIndex} current: reads what each transaction changed of CONNECTED before it
 * commits, and applies it once it has. Neo4j calls afterCommit in the committing thread before the
 * commit returns to the client, so the next request, from any API process, reads the new state.
 */
final class NetworkListener implements TransactionEventListener<Changes> {
  static final RelationshipType CONNECTED = RelationshipType.withName("CONNECTED");

  private final NetworkIndex index;

  NetworkListener(NetworkIndex index) {
    this.index = index;
  }

  @Override
  public Changes beforeCommit(TransactionData data, Transaction transaction, GraphDatabaseService db) {
    Changes changes = new Changes();
    for (Relationship made : data.createdRelationships()) {
      if (made.isType(CONNECTED)) {
        member(changes, made.getStartNode());
        member(changes, made.getEndNode());
        changes.connected(made.getStartNodeId(), made.getEndNodeId());
      }
    }
    for (Relationship gone : data.deletedRelationships()) {
      if (gone.isType(CONNECTED)) {
        changes.disconnected(gone.getStartNodeId(), gone.getEndNodeId());
      }
    }
    for (Node gone : data.deletedNodes()) {
      changes.deleted(gone.getId());
    }
    return changes.isEmpty() ? null : changes;
  }

  @Override
  public void afterCommit(TransactionData data, Changes changes, GraphDatabaseService db) {
    if (changes != null) {
      index.apply(changes);
    }
  }

  @Override
  public void afterRollback(TransactionData data, Changes changes, GraphDatabaseService db) {
    // Nothing was applied before the commit: nothing to undo.
  }

  static void member(Changes changes, Node node) {
    changes.member(node.getId(), (String) node.getProperty("id", null), joined(node));
  }

  /** The joining instant in nanoseconds, so that ties order as Cypher orders the datetimes. */
  static long joined(Node node) {
    Object value = node.getProperty("joinedAt", null);
    if (value instanceof ZonedDateTime at) {
      return at.toEpochSecond() * 1_000_000_000L + at.getNano();
    }
    return Long.MAX_VALUE;  // none: Cypher puts null first in a descending order
  }
}
