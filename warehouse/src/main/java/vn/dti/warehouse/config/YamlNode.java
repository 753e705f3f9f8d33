package vn.dti.warehouse.config;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import vn.dti.warehouse.WarehouseException;

/**
 * A node of a YAML file that remembers where it stands, so that a file declaring rules or a
 * methodology can be validated with messages naming the file and line: {@code rules.yaml, line 12:
 * severity 'fatal' is not one of reject, warn}. Only plain YAML is accepted (no custom tags, no
 * aliases expanding to huge documents).
 */
public final class YamlNode {
  private final String origin;
  private final Node node;

  private YamlNode(String origin, Node node) {
    this.origin = origin;
    this.node = node;
  }

  /**
   * Parses a document.
   *
   * @param origin how messages name the document (a file name)
   * @throws WarehouseException naming the line when the text is not valid YAML or is empty
   */
  public static YamlNode parse(String origin, String text) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new WarehouseException(
          origin + ", line " + line + ": not valid YAML: " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new WarehouseException(origin + ": not valid YAML: " + e.getMessage(), e);
    }
    if (root == null) {
      throw new WarehouseException(origin + ": the file is empty");
    }
    return new YamlNode(origin, root);
  }

  /** The 1-based line the node starts on. */
  public int line() {
    return node.getStartMark().getLine() + 1;
  }

  /** The document's name, as given to {@link #parse}. */
  public String origin() {
    return origin;
  }

  /** A failure located at this node: {@code <origin>, line <n>: <message>}. */
  public WarehouseException error(String message) {
    return new WarehouseException(origin + ", line " + line() + ": " + message);
  }

  /** Whether this is a scalar (a single value). */
  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The elements of a sequence. */
  public List<YamlNode> elements() {
    if (!(node instanceof SequenceNode s)) {
      throw error("expected a list here");
    }
    List<YamlNode> out = new ArrayList<>();
    s.getValue().forEach(n -> out.add(new YamlNode(origin, n)));
    return List.copyOf(out);
  }

  /** The entries of a mapping, in file order. */
  public Map<String, YamlNode> entries() {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value lines) here");
    }
    Map<String, YamlNode> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      YamlNode key = new YamlNode(origin, t.getKeyNode());
      out.put(key.text(), new YamlNode(origin, t.getValueNode()));
    }
    return out;
  }

  /** Refuses keys outside {@code allowed} (a misspelt key would otherwise be silently ignored). */
  public YamlNode allowOnly(Set<String> allowed) {
    for (Map.Entry<String, YamlNode> e : entries().entrySet()) {
      if (!allowed.contains(e.getKey())) {
        throw e.getValue()
            .error(
                "unknown key '"
                    + e.getKey()
                    + "'; the keys allowed here are "
                    + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
    return this;
  }

  /** The value under {@code key}, if present and not null. */
  public Optional<YamlNode> get(String key) {
    YamlNode v = entries().get(key);
    if (v == null || (v.isScalar() && v.isNull())) {
      return Optional.empty();
    }
    return Optional.of(v);
  }

  /** The value under {@code key}. */
  public YamlNode required(String key) {
    return get(key).orElseThrow(() -> error("'" + key + "' is missing"));
  }

  /** The text of a scalar, trimmed. */
  public String text() {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a single value here");
    }
    return s.getValue().trim();
  }

  /** The text under {@code key}, which must be present and not blank. */
  public String string(String key) {
    String v = required(key).text();
    if (v.isEmpty()) {
      throw required(key).error("'" + key + "' is blank");
    }
    return v;
  }

  /** The text under {@code key}, if present. */
  public Optional<String> optionalString(String key) {
    return get(key).map(YamlNode::text).filter(s -> !s.isEmpty());
  }

  /** A scalar read as a number. */
  public double number() {
    try {
      return Double.parseDouble(text());
    } catch (NumberFormatException e) {
      throw error("'" + text() + "' is not a number");
    }
  }

  private boolean isNull() {
    String v = ((ScalarNode) node).getValue();
    return ((ScalarNode) node).getTag().getValue().endsWith(":null")
        || v.isEmpty()
        || v.equals("~")
        || v.equals("null");
  }
}
