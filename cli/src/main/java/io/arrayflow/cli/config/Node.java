package io.arrayflow.cli.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value that remembers where it was written ({@code line}:{@code column}, 1-based; 0 for
 * values that came from {@code --set} or defaults).
 */
public sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar {

  /** Line of the value in its file, 1-based; 0 if it has no place in a file. */
  int line();

  /** Column of the value in its file, 1-based; 0 if it has no place in a file. */
  int column();

  /** What kind of value this is, as a user would say it ("a map", "a list", "a number"). */
  String describe();

  /** A mapping; keys keep their written order. */
  record MapNode(Map<String, Node> entries, int line, int column) implements Node {
    /** An empty map at the given place. */
    public static MapNode empty(int line, int column) {
      return new MapNode(new LinkedHashMap<>(), line, column);
    }

    @Override
    public String describe() {
      return "a map";
    }
  }

  /** A sequence. */
  record ListNode(List<Node> items, int line, int column) implements Node {
    @Override
    public String describe() {
      return "a list";
    }
  }

  /**
   * A scalar: its text and whether YAML typed it as a string (quoted or not a number/bool/null).
   */
  record Scalar(String text, Type type, int line, int column) implements Node {
    /** The YAML type of a scalar. */
    public enum Type {
      STRING,
      INTEGER,
      FLOAT,
      BOOLEAN,
      NULL
    }

    @Override
    public String describe() {
      return switch (type) {
        case STRING -> "text '" + text + "'";
        case INTEGER, FLOAT -> "the number " + text;
        case BOOLEAN -> "the boolean " + text;
        case NULL -> "null";
      };
    }
  }
}
