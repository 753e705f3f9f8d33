package vn.dti.etl.dms;

import java.net.ConnectException;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dti.warehouse.WarehouseException;

/**
 * Retries work that talks to a source database when the failure is a connection failure (SQL state
 * class 08, or a refused socket), waiting longer each time; any other failure is reported at once.
 */
final class Retry {
  private static final Logger LOG = LoggerFactory.getLogger(Retry.class);

  /** Work against the database. */
  interface Call<T> {
    T run() throws Exception;
  }

  /** How long to wait; a field so that tests need not sleep. */
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  private final int attempts;
  private final Duration first;
  private final Sleeper sleeper;

  Retry(int attempts, Duration first, Sleeper sleeper) {
    this.attempts = attempts;
    this.first = first;
    this.sleeper = sleeper;
  }

  static Retry standard() {
    return new Retry(5, Duration.ofSeconds(2), d -> Thread.sleep(d.toMillis()));
  }

  <T> T run(String what, String where, Call<T> call) {
    Duration wait = first;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (Exception e) {
        if (!isConnectionFailure(e)) {
          throw new WarehouseException(
              "The document-management database at " + where + " refused " + what + ": " + root(e),
              e);
        }
        if (attempt >= attempts) {
          throw new WarehouseException(
              "Cannot reach the document-management database at "
                  + where
                  + " ("
                  + what
                  + ") after "
                  + attempts
                  + " attempts: "
                  + root(e)
                  + "; check DTI_DMS_URL and that the server accepts connections from this host",
              e);
        }
        LOG.warn(
            "{}: connection to {} failed (attempt {} of {}): {}; retrying in {} s",
            what,
            where,
            attempt,
            attempts,
            root(e),
            wait.toSeconds());
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new WarehouseException("Interrupted while waiting to retry " + what, ie);
        }
        wait = wait.multipliedBy(2);
      }
    }
  }

  static boolean isConnectionFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s
          && s.getSQLState() != null
          && s.getSQLState().startsWith("08")) {
        return true;
      }
      if (t instanceof ConnectException) {
        return true;
      }
    }
    return false;
  }

  private static String root(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
