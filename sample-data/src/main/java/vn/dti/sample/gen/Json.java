package vn.dti.sample.gen;

/** A minimal JSON object writer: fields in call order, strings escaped, nulls written as null. */
final class Json {
  private final StringBuilder sb;
  private boolean first = true;

  Json(StringBuilder sb) {
    this.sb = sb;
    sb.append('{');
  }

  Json str(String name, String value) {
    key(name);
    if (value == null) {
      sb.append("null");
    } else {
      quote(sb, value);
    }
    return this;
  }

  Json num(String name, long value) {
    key(name);
    sb.append(value);
    return this;
  }

  /** Starts an array field; elements are written by the caller with {@link #element()}. */
  Json array(String name) {
    key(name);
    sb.append('[');
    return this;
  }

  /** An object element of the open array. */
  Json element(boolean firstElement) {
    if (!firstElement) {
      sb.append(',');
    }
    return new Json(sb);
  }

  void endArray() {
    sb.append(']');
  }

  void end() {
    sb.append('}');
  }

  private void key(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    sb.append('"').append(name).append("\":");
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
