package vernetzt.network;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The index of each running database, by name: the extension creates it, the procedures read it.
 * One class loader holds both (the plugin jar is on Neo4j's class path), so a static map is shared.
 */
final class Indexes {
  private static final ConcurrentHashMap<String, NetworkIndex> BY_DATABASE = new ConcurrentHashMap<>();

  private Indexes() {}

  static NetworkIndex create(String database) {
    NetworkIndex index = new NetworkIndex();
    BY_DATABASE.put(database, index);
    return index;
  }

  static NetworkIndex of(String database) {
    NetworkIndex index = BY_DATABASE.get(database);
    if (index == null) {
      throw new IllegalStateException("no network index for database " + database
          + ": the plugin jar must be on Neo4j's class path as well as in its plugins folder");
    }
    return index;
  }

  static void remove(String database) {
    BY_DATABASE.remove(database);
  }
}
