package vernetzt.network;

import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.kernel.availability.AvailabilityGuard;
import org.neo4j.kernel.availability.AvailabilityListener;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;
import org.neo4j.logging.InternalLog;
import org.neo4j.logging.internal.LogService;

/**
 * Gives every user database a {@link NetworkIndex}: registers its listener as the database starts
 * and builds it in the background once the database is available. Neo4j finds this class through
 * META-INF/services in the plugin jar (the plugins folder is on Neo4j's class path).
 */
public final class NetworkIndexExtension
    extends ExtensionFactory<NetworkIndexExtension.Dependencies> {
  public interface Dependencies {
    GraphDatabaseAPI database();

    DatabaseManagementService databaseManagementService();

    AvailabilityGuard availabilityGuard();

    LogService logService();
  }

  public NetworkIndexExtension() {
    super(ExtensionType.DATABASE, "vernetzt-network-index");
  }

  @Override
  public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
    GraphDatabaseAPI db = dependencies.database();
    if (db.databaseName().equals("system")) {
      return new LifecycleAdapter();
    }
    return new Installed(dependencies, db);
  }

  private static final class Installed extends LifecycleAdapter {
    private final Dependencies dependencies;
    private final GraphDatabaseAPI db;
    private final InternalLog log;
    private NetworkListener listener;

    Installed(Dependencies dependencies, GraphDatabaseAPI db) {
      this.dependencies = dependencies;
      this.db = db;
      this.log = dependencies.logService().getUserLog(NetworkIndexExtension.class);
    }

    @Override
    public void start() {
      NetworkIndex index = Indexes.create(db.databaseName());
      listener = new NetworkListener(index);
      dependencies.databaseManagementService()
          .registerTransactionEventListener(db.databaseName(), listener);
      dependencies.availabilityGuard().addListener(new AvailabilityListener() {
        @Override
        public void available() {
          Thread build = new Thread(() -> build(index), "vernetzt-network-index-build");
          build.setDaemon(true);
          build.start();
        }

        @Override
        public void unavailable() {}
      });
    }

    private void build(NetworkIndex index) {
      try {
        NetworkBuild.build(db, index);
        NetworkIndex.BuildReport report = index.report();
        log.info("vernetzt network index of %s built in %d ms: %d members, %d connections,"
            + " about %d MB", db.databaseName(), report.millis(), report.members(),
            report.connections(), report.bytes() / (1024 * 1024));
      } catch (RuntimeException | Error error) {
        log.error("vernetzt network index of " + db.databaseName() + " failed to build", error);
      }
    }

    @Override
    public void stop() {
      if (listener != null) {
        dependencies.databaseManagementService()
            .unregisterTransactionEventListener(db.databaseName(), listener);
      }
      Indexes.remove(db.databaseName());
    }
  }
}
