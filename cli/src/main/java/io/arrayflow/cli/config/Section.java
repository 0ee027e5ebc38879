package io.arrayflow.cli.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A typed view of one YAML map at a known path. Every getter records a problem with the reader (and
 * returns a harmless fallback) instead of throwing, so one pass finds every error; {@link
 * #finish()} reports keys nobody asked for as unknown, with the nearest valid key.
 */
public final class Section {
  private final ConfigReader reader;
  private final Node.MapNode node;
  private final String path;
  private final Set<String> known = new LinkedHashSet<>();

  Section(ConfigReader reader, Node.MapNode node, String path) {
    this.reader = reader;
    this.node = node;
    this.path = path;
  }

  /** The YAML path of this map ("" for the root). */
  public String path() {
    return path;
  }

  /** The YAML path of key {@code key} in this map. */
  public String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /** The reader collecting problems. */
  public ConfigReader reader() {
    return reader;
  }

  /** Whether {@code key} is present (and marks it as a known key). */
  public boolean has(String key) {
    known.add(key);
    return node.entries().containsKey(key);
  }

  /** Marks keys as valid for this map without reading them (for the unknown-key check). */
  public void allow(String... keys) {
    known.addAll(List.of(keys));
  }

  /** The raw node at {@code key}, or null if absent. */
  public Node raw(String key) {
    known.add(key);
    return node.entries().get(key);
  }

  /** Records a problem about this map as a whole. */
  public void problem(String message) {
    reader.problem(node, path, message);
  }

  /** Records a problem at {@code key} of this map. */
  public void problem(String key, String message) {
    Node at = node.entries().get(key);
    reader.problem(at == null ? node : at, pathOf(key), message);
  }

  private Node required(String key) {
    Node n = raw(key);
    if (n == null) {
      reader.problem(node, pathOf(key), "required field is missing");
    }
    return n;
  }

  /** A required integer {@code >= min}. */
  public long requiredLong(String key, long min) {
    Node n = required(key);
    return n == null ? min : longValue(key, n, min, Long.MAX_VALUE, min);
  }

  /** An optional integer {@code >= min}, {@code fallback} if absent or bad. */
  public long optionalLong(String key, long fallback, long min) {
    Node n = raw(key);
    return n == null ? fallback : longValue(key, n, min, Long.MAX_VALUE, fallback);
  }

  /** A required integer in {@code [min, max]}. */
  public int requiredInt(String key, int min, int max) {
    Node n = required(key);
    return n == null ? min : (int) longValue(key, n, min, max, min);
  }

  /** A required integer {@code >= min}. */
  public int requiredInt(String key, int min) {
    return requiredInt(key, min, Integer.MAX_VALUE);
  }

  /** An optional integer in {@code [min, max]}, {@code fallback} if absent or bad. */
  public int optionalInt(String key, int fallback, int min, int max) {
    Node n = raw(key);
    return n == null ? fallback : (int) longValue(key, n, min, max, fallback);
  }

  /** An optional integer {@code >= min}, {@code fallback} if absent. */
  public int optionalInt(String key, int fallback, int min) {
    return optionalInt(key, fallback, min, Integer.MAX_VALUE);
  }

  private long longValue(String key, Node n, long min, long max, long fallback) {
    if (!(n instanceof Node.Scalar s) || s.type() != Node.Scalar.Type.INTEGER) {
      reader.problem(n, pathOf(key), "must be an integer, was " + n.describe());
      return fallback;
    }
    long v;
    try {
      v = Long.parseLong(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      reader.problem(n, pathOf(key), "must be an integer that fits in 64 bits, was " + s.text());
      return fallback;
    }
    if (v < min) {
      reader.problem(n, pathOf(key), "must be >= " + min + ", was " + v);
      return fallback;
    }
    if (v > max) {
      reader.problem(n, pathOf(key), "must be <= " + max + ", was " + v);
      return fallback;
    }
    return v;
  }

  /** A required number {@code > 0} (or {@code >= 0} when {@code allowZero}). */
  public double requiredDouble(String key, boolean allowZero) {
    Node n = required(key);
    return n == null ? 1 : doubleValue(key, n, allowZero, 1);
  }

  private double doubleValue(String key, Node n, boolean allowZero, double fallback) {
    if (!(n instanceof Node.Scalar s)
        || (s.type() != Node.Scalar.Type.INTEGER && s.type() != Node.Scalar.Type.FLOAT)) {
      reader.problem(n, pathOf(key), "must be a number, was " + n.describe());
      return fallback;
    }
    double v;
    try {
      v = Double.parseDouble(s.text().replace("_", ""));
    } catch (NumberFormatException e) {
      reader.problem(n, pathOf(key), "must be a number, was " + s.text());
      return fallback;
    }
    if (!Double.isFinite(v) || v < 0 || (!allowZero && v == 0)) {
      reader.problem(
          n, pathOf(key), "must be " + (allowZero ? ">= 0" : "> 0") + ", was " + s.text());
      return fallback;
    }
    return v;
  }

  /** An optional number of any value (the record checks its range), {@code fallback} if absent. */
  public double optionalNumber(String key, double fallback) {
    Node n = raw(key);
    if (n == null) {
      return fallback;
    }
    if (n instanceof Node.Scalar s
        && (s.type() == Node.Scalar.Type.INTEGER || s.type() == Node.Scalar.Type.FLOAT)) {
      try {
        return Double.parseDouble(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    reader.problem(n, pathOf(key), "must be a number, was " + n.describe());
    return fallback;
  }

  /** An optional boolean, {@code fallback} if absent. */
  public boolean optionalBoolean(String key, boolean fallback) {
    Node n = raw(key);
    if (n == null) {
      return fallback;
    }
    if (n instanceof Node.Scalar s && s.type() == Node.Scalar.Type.BOOLEAN) {
      return Boolean.parseBoolean(s.text().toLowerCase(Locale.ROOT));
    }
    reader.problem(n, pathOf(key), "must be true or false, was " + n.describe());
    return fallback;
  }

  /** A required string. */
  public String requiredString(String key) {
    Node n = required(key);
    return n == null ? "" : stringValue(key, n, "");
  }

  /** An optional string, {@code fallback} if absent. */
  public String optionalString(String key, String fallback) {
    Node n = raw(key);
    return n == null ? fallback : stringValue(key, n, fallback);
  }

  private String stringValue(String key, Node n, String fallback) {
    if (n instanceof Node.Scalar s && s.type() != Node.Scalar.Type.NULL) {
      return s.text();
    }
    reader.problem(n, pathOf(key), "must be text, was " + n.describe());
    return fallback;
  }

  /**
   * An optional choice among {@code allowed} (case-insensitive, returned in its allowed spelling),
   * {@code fallback} if absent.
   */
  public String optionalChoice(String key, String fallback, Collection<String> allowed) {
    Node n = raw(key);
    if (n == null) {
      return fallback;
    }
    return choice(key, n, allowed, fallback);
  }

  /** A required choice among {@code allowed}. */
  public String requiredChoice(String key, Collection<String> allowed) {
    Node n = required(key);
    String first = allowed.iterator().next();
    return n == null ? first : choice(key, n, allowed, first);
  }

  private String choice(String key, Node n, Collection<String> allowed, String fallback) {
    String v = stringValue(key, n, null);
    if (v == null) {
      return fallback;
    }
    for (String a : allowed) {
      if (a.equalsIgnoreCase(v)) {
        return a;
      }
    }
    reader.problem(
        n,
        pathOf(key),
        "must be one of "
            + String.join(", ", allowed)
            + ", was '"
            + v
            + "'"
            + Suggest.didYouMean(v, allowed));
    return fallback;
  }

  /** The map at {@code key}, required. */
  public Section section(String key) {
    Node n = required(key);
    return n == null ? empty(key) : asSection(key, n);
  }

  /** The map at {@code key}, or an empty section if absent. */
  public Section optionalSection(String key) {
    Node n = raw(key);
    return n == null ? empty(key) : asSection(key, n);
  }

  private Section empty(String key) {
    return new Section(reader, Node.MapNode.empty(node.line(), node.column()), pathOf(key));
  }

  private Section asSection(String key, Node n) {
    if (n instanceof Node.MapNode m) {
      return new Section(reader, m, pathOf(key));
    }
    reader.problem(n, pathOf(key), "must be a map of keys, was " + n.describe());
    return empty(key);
  }

  /** The list at {@code key}, or an empty list if absent. */
  public List<Node> optionalList(String key) {
    Node n = raw(key);
    if (n == null) {
      return List.of();
    }
    if (n instanceof Node.ListNode l) {
      return l.items();
    }
    reader.problem(n, pathOf(key), "must be a list, was " + n.describe());
    return List.of();
  }

  /** A list of choices among {@code allowed} at {@code key}, or {@code fallback} if absent. */
  public List<String> optionalChoices(
      String key, List<String> fallback, Collection<String> allowed) {
    if (raw(key) == null) {
      return fallback;
    }
    List<String> out = new ArrayList<>();
    List<Node> items = optionalList(key);
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String at = pathOf(key) + "[" + i + "]";
      String v = item instanceof Node.Scalar s ? s.text() : null;
      String match = null;
      for (String a : allowed) {
        if (a.equalsIgnoreCase(v)) {
          match = a;
        }
      }
      if (match == null) {
        reader.problem(
            item, at, "must be one of " + String.join(", ", allowed) + ", was " + item.describe());
      } else if (out.contains(match)) {
        reader.problem(item, at, "'" + match + "' is listed twice");
      } else {
        out.add(match);
      }
    }
    return out;
  }

  /** A section for the map at index {@code i} of a list at {@code key}. */
  public Section listItem(String key, int i, Node item) {
    String at = pathOf(key) + "[" + i + "]";
    if (item instanceof Node.MapNode m) {
      return new Section(reader, m, at);
    }
    reader.problem(item, at, "must be a map of keys, was " + item.describe());
    return new Section(reader, Node.MapNode.empty(item.line(), item.column()), at);
  }

  /** The keys present in this map, in written order. */
  public Set<String> keys() {
    return node.entries().keySet();
  }

  /** Reports every key present but never asked for, suggesting the nearest valid key. */
  public void finish() {
    for (Map.Entry<String, Node> e : node.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        reader.problem(
            e.getValue(),
            pathOf(e.getKey()),
            "unknown key"
                + Suggest.didYouMean(e.getKey(), known)
                + "; valid keys here: "
                + String.join(", ", known));
      }
    }
  }
}
