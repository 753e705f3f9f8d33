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
  private DtiMain() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code: 0 success, 1 failure, 2 usage error. */
  public static int execute(String... args) {
    DtiCommand root = new DtiCommand();
    CommandLine cl = new CommandLine(root);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof WarehouseException) {
            err.println("error: " + e.getMessage());
          } else {
            err.println("error: unexpected failure: " + WarehouseErrors.rootMessage(e));
            err.println(
                "This is a defect; please report it with the output of the same command run with --verbose.");
          }
          if (root.verbose()) {
            e.printStackTrace(err);
          } else if (!(e instanceof WarehouseException)) {
            err.println("(--verbose shows the stack trace)");
          }
          err.flush();
          return 1;
        });
    return cl.execute(args);
  }
}
