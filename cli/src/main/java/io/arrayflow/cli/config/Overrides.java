package io.arrayflow.cli.config;

import java.util.List;

/**
 * {@code --set a.b.c=value} overrides, applied to a parsed tree before it is read, so an override
 * is validated exactly like the file (a misspelt path is an unknown key with a suggestion).
 */
public final class Overrides {
  private Overrides() {}

  /** Applies each {@code path=value} of {@code sets} to {@code root}; returns the same root. */
  public static Node apply(Node root, List<String> sets, String file) {
    if (sets.isEmpty()) {
      return root;
    }
    if (!(root instanceof Node.MapNode map)) {
      throw new ConfigException(file + ": the document must be a map to apply --set");
    }
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException(
            "--set " + set + ": expected key.path=value, e.g. --set glb.size_kib=256");
      }
      String path = set.substring(0, eq).trim();
      String text = set.substring(eq + 1).trim();
      String[] keys = path.split("\\.", -1);
      Node.MapNode at = map;
      for (int i = 0; i < keys.length - 1; i++) {
        if (keys[i].isEmpty()) {
          throw new ConfigException("--set " + set + ": empty key in path '" + path + "'");
        }
        Node next = at.entries().get(keys[i]);
        if (next == null) {
          Node.MapNode created = Node.MapNode.empty(0, 0);
          at.entries().put(keys[i], created);
          at = created;
        } else if (next instanceof Node.MapNode m) {
          at = m;
        } else {
          throw new ConfigException(
              "--set "
                  + set
                  + ": '"
                  + String.join(".", List.of(keys).subList(0, i + 1))
                  + "' is "
                  + next.describe()
                  + ", not a map; cannot set a key inside it");
        }
      }
      at.entries().put(keys[keys.length - 1], scalar(text));
    }
    return root;
  }

  private static Node scalar(String text) {
    Node parsed = text.isEmpty() ? null : YamlFiles.parse(text, "--set");
    if (parsed instanceof Node.Scalar s) {
      return new Node.Scalar(s.text(), s.type(), 0, 0);
    }
    if (parsed instanceof Node.ListNode l) {
      return new Node.ListNode(l.items(), 0, 0);
    }
    return new Node.Scalar(text, Node.Scalar.Type.STRING, 0, 0);
  }
}
