package vn.dti.warehouse.table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vn.dti.warehouse.WarehouseException;

/**
 * Writes to independent tables at the same time: on a small machine a Delta commit is mostly
 * latency, so several one-commit writes overlap well. Every write is waited for; the first failure
 * is rethrown (the others may have committed: callers write only what a re-run rewrites anyway).
 */
public final class ConcurrentWrites {
  private ConcurrentWrites() {}

  /**
   * Runs the writes on one thread each and waits for all of them.
   *
   * @param what the writes, for messages: "the child tables of silver.dossier"
   */
  public static void run(String what, List<Runnable> writes) {
    if (writes.isEmpty()) {
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(writes.size());
    try {
      List<Future<?>> pending = new ArrayList<>();
      writes.forEach(w -> pending.add(pool.submit(w)));
      for (Future<?> f : pending) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WarehouseException("Interrupted while writing " + what, e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new WarehouseException("Writing " + what + " failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
