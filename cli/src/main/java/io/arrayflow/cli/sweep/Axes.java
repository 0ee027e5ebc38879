package io.arrayflow.cli.sweep;

import io.arrayflow.cli.config.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How axis values read: as one CSV cell, and as numbers for {@code where} constraints. */
public final class Axes {
  private Axes() {}

  /**
   * {@code value} as YAML flow text: {@code 16}, {@code hbm2}, {@code {model: hbm2}}, {@code ~}.
   */
  public static String text(Node value) {
    if (value instanceof Node.MapNode m) {
      List<String> parts = new ArrayList<>();
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        parts.add(e.getKey() + ": " + text(e.getValue()));
      }
      return "{" + String.join(", ", parts) + "}";
    }
    if (value instanceof Node.ListNode l) {
      List<String> parts = new ArrayList<>();
      l.items().forEach(v -> parts.add(text(v)));
      return "[" + String.join(", ", parts) + "]";
    }
    Node.Scalar s = (Node.Scalar) value;
    return s.type() == Node.Scalar.Type.NULL ? "~" : s.text();
  }

  /** The number at dotted {@code path} of {@code root}, or NaN if it is absent or not a number. */
  public static double number(Node root, String path) {
    Node at = root;
    for (String key : path.split("\\.", -1)) {
      if (!(at instanceof Node.MapNode m) || !m.entries().containsKey(key)) {
        return Double.NaN;
      }
      at = m.entries().get(key);
    }
    if (at instanceof Node.Scalar s
        && (s.type() == Node.Scalar.Type.INTEGER || s.type() == Node.Scalar.Type.FLOAT)) {
      try {
        return Double.parseDouble(s.text().replace("_", ""));
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }
}
