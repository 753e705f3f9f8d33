package vn.dti.warehouse;

/**
 * A failure the user can act on. Its message says what went wrong, why, and what to do next; the
 * command line prints it without a stack trace.
 */
public class WarehouseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public WarehouseException(String message) {
    super(message);
  }

  public WarehouseException(String message, Throwable cause) {
    super(message, cause);
  }
}
