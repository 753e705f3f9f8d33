package vn.dti.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import vn.dti.warehouse.WarehouseErrors;
import vn.dti.warehouse.WarehouseException;

/**
 * Entry point of {@code dti}: runs the command and turns failures into a message, never a bare
 * stack trace.
 */
public final class DtiMain {
  /** The exit code of a run stopped by Ctrl-C or a kill, as a shell reports one. */
  static final int INTERRUPTED = 130;

  /**
   * Set once the JVM shuts down (Ctrl-C, kill): Spark stops with it, and what fails after that
   * failed because the run was stopped, not because of a defect.
   */
  private static final java.util.concurrent.atomic.AtomicBoolean SHUTTING_DOWN =
      new java.util.concurrent.atomic.AtomicBoolean();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> SHUTTING_DOWN.set(true), "dti-shutdown-flag"));
  }

  private DtiMain() {}

  /** Whether the JVM is shutting down (Ctrl-C, kill). */
  static boolean shuttingDown() {
    return SHUTTING_DOWN.get();
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns the exit code: 0 success, 1 failure, 2 usage error, 130
   * interrupted.
   */
  public static int execute(String... args) {
    DtiCommand root = new DtiCommand();
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) ->
            report(e, commandLine.getErr(), root.verbose(), SHUTTING_DOWN.get()));
    return cl.execute(args);
  }

  /**
   * Tells the user why the command failed, in one or two lines (the stack trace only with {@code
   * --verbose}), and returns the exit code.
   *
   * @param interrupted whether the JVM was already shutting down (the run was stopped)
   */
  static int report(Exception e, PrintWriter err, boolean verbose, boolean interrupted) {
    int code = 1;
    if (interrupted) {
      err.println(
          "error: interrupted before the command finished (a nightly run picks up what it did not"
              + " finish the next time)");
      code = INTERRUPTED;
    } else if (e instanceof WarehouseException) {
      err.println("error: " + e.getMessage());
    } else {
      err.println("error: unexpected failure: " + WarehouseErrors.rootMessage(e));
      err.println(
          "This is a defect; please report it with the output of the same command run with --verbose.");
    }
    if (verbose) {
      e.printStackTrace(err);
    } else if (!interrupted && !(e instanceof WarehouseException)) {
      err.println("(--verbose shows the stack trace)");
    }
    err.flush();
    return code;
  }
}
