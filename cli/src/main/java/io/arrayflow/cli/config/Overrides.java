package io.arrayflow.cli.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --set a.b.c=value} overrides, applied to a parsed tree before it is read, so an override
 * is validated exactly like the file (a misspelt path is an unknown key with a suggestion). The
 * value is YAML: a scalar or a list replaces the key; a map ({@code --set 'dram={model: hbm2}'})
 * replaces the whole section; {@code null} (or {@code ~}) removes the key, as in JSON Merge Patch
 * (RFC 7386), so {@code --set dram.bandwidth_bytes_per_cycle=null} drops a field that another DRAM
 * model does not take. Sweep axes apply their values through {@link #apply(Node, String, Node,
 * String)} with the same rules.
 */
public final class Overrides {
  private Overrides() {}

  /** Applies each {@code path=value} of {@code sets} to {@code root}; returns the same root. */
  public static Node apply(Node root, List<String> sets, String file) {
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "--set " + set + ": expected key.path=value, e.g. --set glb.size_kib=256");
      }
      String path = set.substring(0, eq).trim();
      String text = set.substring(eq + 1).trim();
      apply(root, path, parse(text), "--set " + set, file);
    }
    return root;
  }

  /**
   * Sets (or, for a null value, removes) the key at dotted {@code path} of {@code root} to {@code
   * value}; {@code what} names the override in messages ("--set a=b", "axes.glb.size_kib").
   */
  public static void apply(Node root, String path, Node value, String what) {
    apply(root, path, value, what, "the document");
  }

  private static void apply(Node root, String path, Node value, String what, String file) {
    if (!(root instanceof Node.MapNode map)) {
      throw new ConfigException(file + ": the document must be a map to apply " + what);
    }
    String[] keys = path.split("\\.", -1);
    boolean remove = value instanceof Node.Scalar s && s.type() == Node.Scalar.Type.NULL;
    Node.MapNode at = map;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i].isEmpty()) {
        throw new ConfigException(what + ": empty key in path '" + path + "'");
      }
    }
    for (int i = 0; i < keys.length - 1; i++) {
      Node next = at.entries().get(keys[i]);
      if (next == null && remove) {
        throw new ConfigException(
            what + ": nothing to remove, '" + prefix(keys, i + 1) + "' is not set");
      } else if (next == null) {
        Node.MapNode created = Node.MapNode.empty(0, 0);
        at.entries().put(keys[i], created);
        at = created;
      } else if (next instanceof Node.MapNode m) {
        at = m;
      } else {
        throw new ConfigException(
            what
                + ": '"
                + prefix(keys, i + 1)
                + "' is "
                + next.describe()
                + ", not a map; cannot set a key inside it");
      }
    }
    String last = keys[keys.length - 1];
    if (remove) {
      if (at.entries().remove(last) == null) {
        throw new ConfigException(
            what
                + ": nothing to remove, '"
                + path
                + "' is not set"
                + Suggest.didYouMean(last, at.entries().keySet())
                + (at.entries().isEmpty()
                    ? ""
                    : "; keys set here: " + String.join(", ", at.entries().keySet())));
      }
      return;
    }
    at.entries().put(last, detach(value));
  }

  private static String prefix(String[] keys, int n) {
    return String.join(".", List.of(keys).subList(0, n));
  }

  /** The YAML value of an override's text; empty text is the empty string. */
  private static Node parse(String text) {
    Node parsed = text.isEmpty() ? null : YamlFiles.parse(text, "--set");
    return parsed == null ? new Node.Scalar(text, Node.Scalar.Type.STRING, 0, 0) : parsed;
  }

  /** A deep copy of {@code n}, positions kept, for applying overrides without touching it. */
  public static Node copy(Node n) {
    if (n instanceof Node.MapNode m) {
      Map<String, Node> entries = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> entries.put(k, copy(v)));
      return new Node.MapNode(entries, m.line(), m.column());
    }
    if (n instanceof Node.ListNode l) {
      List<Node> items = new ArrayList<>();
      l.items().forEach(v -> items.add(copy(v)));
      return new Node.ListNode(items, l.line(), l.column());
    }
    return n;
  }

  /**
   * A copy of {@code n} without file positions, so messages about it say {@code (--set)} rather
   * than a line of the override's own text.
   */
  static Node detach(Node n) {
    if (n instanceof Node.MapNode m) {
      Map<String, Node> entries = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> entries.put(k, detach(v)));
      return new Node.MapNode(entries, 0, 0);
    }
    if (n instanceof Node.ListNode l) {
      List<Node> items = new ArrayList<>();
      l.items().forEach(v -> items.add(detach(v)));
      return new Node.ListNode(items, 0, 0);
    }
    Node.Scalar s = (Node.Scalar) n;
    return new Node.Scalar(s.text(), s.type(), 0, 0);
  }
}
