package io.arrayflow.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Parses YAML into a {@link Node} tree with line and column of every value. Malformed YAML,
 * duplicate keys, missing or unreadable files, directories, files that are not UTF-8 text and files
 * above {@link #MAX_BYTES} are reported as a {@link ConfigException} naming the file and the place.
 *
 * <p>Anchors and aliases of maps and lists are expanded by copying ({@code &conv {R: 3, S: 3}},
 * then {@code *conv}), and so are merge keys ({@code <<: *conv}, or {@code <<: [*a, *b]}: keys
 * written in the map win over merged ones, and earlier merged maps over later ones). An alias of a
 * single value is refused with a message (the streaming parser does not report anchors on scalars),
 * as are an alias inside the map or list it names and an undefined one. Copies count against {@link
 * #MAX_ALIAS_VALUES}, so a "billion laughs" document fails fast instead of filling the heap.
 */
public final class YamlFiles {
  /** The largest config file read, in bytes (64 MiB): far above any real config. */
  public static final int MAX_BYTES = 64 << 20;

  /** The most values a document may add by expanding aliases and merge keys. */
  public static final int MAX_ALIAS_VALUES = 1_000_000;

  private static final String MERGE_KEY = "<<";

  private static final YAMLFactory FACTORY = factory();

  private YamlFiles() {}

  private static YAMLFactory factory() {
    return YAMLFactory.builder().loaderOptions(loaderOptions()).build();
  }

  private static LoaderOptions loaderOptions() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(MAX_BYTES);
    return options;
  }

  /** Parses the YAML file at {@code path}; {@code displayName} is how messages name it. */
  public static Node read(Path path, String displayName) {
    return parse(text(path, displayName), displayName);
  }

  /** The UTF-8 text of the regular file at {@code path}, or a one-line problem. */
  private static String text(Path path, String displayName) {
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new ConfigException(displayName + ": is a directory; expected a YAML file");
      }
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        throw new ConfigException(
            displayName + ": is not a regular file (a device or a pipe); expected a YAML file");
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        throw new ConfigException(
            displayName
                + ": is "
                + size
                + " bytes; a config file may have at most "
                + MAX_BYTES
                + " bytes");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException(displayName + ": file not found");
    } catch (AccessDeniedException e) {
      throw new ConfigException(displayName + ": cannot read: permission denied");
    } catch (IOException e) {
      throw new ConfigException(displayName + ": cannot read: " + e.getMessage());
    }
    return utf8(bytes, displayName);
  }

  private static String utf8(byte[] bytes, String displayName) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      return decoder.decode(in).toString();
    } catch (CharacterCodingException e) {
      // decode() stops at the first bad sequence, leaving the buffer there.
      int at = in.position();
      throw new ConfigException(
          String.format(
              Locale.ROOT,
              "%s: is not UTF-8 text: byte 0x%02x at offset %d (line %d) cannot start a"
                  + " character; config files must be UTF-8 YAML",
              displayName,
              bytes[at] & 0xff,
              at,
              lineOf(bytes, at)));
    }
  }

  private static int lineOf(byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      line += bytes[i] == '\n' ? 1 : 0;
    }
    return line;
  }

  /** Parses YAML {@code text}; {@code displayName} is how messages name its source. */
  public static Node parse(String text, String displayName) {
    try (Reader reader = new StringReader(text);
        JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ConfigException(displayName + ": the file is empty");
      }
      Builder b = new Builder((YAMLParser) parser, displayName, text);
      Node root = b.value("");
      if (parser.nextToken() != null) {
        b.problems.add(displayName + ": more than one YAML document; expected exactly one");
      }
      if (!b.problems.isEmpty()) {
        throw new ConfigException(b.problems);
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw new ConfigException(
          displayName + where + ": malformed YAML: " + summary(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new ConfigException(displayName + ": cannot read: " + e.getMessage());
    }
  }

  /** Builds the tree of one document, expanding anchors, aliases and merge keys. */
  private static final class Builder {
    private final YAMLParser p;
    private final String file;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Node> anchors = new HashMap<>();
    private final Set<String> open = new HashSet<>();
    private final String text;
    private Set<String> scalarAnchors;
    private long copied;

    Builder(YAMLParser p, String file, String text) {
      this.p = p;
      this.file = file;
      this.text = text;
    }

    private String at(JsonLocation loc) {
      return file + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
    }

    private String place(String path) {
      return path.isEmpty() ? "" : path + ": ";
    }

    Node value(String path) throws IOException {
      JsonLocation loc = p.currentTokenLocation();
      int line = loc.getLineNr();
      int col = loc.getColumnNr();
      JsonToken t = p.currentToken();
      String anchor =
          t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? p.getObjectId() : null;
      if (anchor != null) {
        open.add(anchor);
      }
      Node out =
          switch (t) {
            case START_OBJECT -> map(path, line, col);
            case START_ARRAY -> list(path, line, col);
            case VALUE_NUMBER_INT ->
                new Node.Scalar(p.getText(), Node.Scalar.Type.INTEGER, line, col);
            case VALUE_NUMBER_FLOAT ->
                new Node.Scalar(p.getText(), Node.Scalar.Type.FLOAT, line, col);
            case VALUE_TRUE, VALUE_FALSE ->
                new Node.Scalar(p.getText(), Node.Scalar.Type.BOOLEAN, line, col);
            case VALUE_NULL -> new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
            default ->
                p.isCurrentAlias()
                    ? alias(p.getText(), path, loc)
                    : new Node.Scalar(p.getText(), Node.Scalar.Type.STRING, line, col);
          };
      if (anchor != null) {
        open.remove(anchor);
        anchors.put(anchor, out);
      }
      return out;
    }

    private Node map(String path, int line, int col) throws IOException {
      Node.MapNode map = Node.MapNode.empty(line, col);
      List<Node.MapNode> merged = new ArrayList<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonLocation keyAt = p.currentTokenLocation();
        p.nextToken();
        String childPath = path.isEmpty() ? key : path + "." + key;
        Node child = value(childPath);
        if (key.equals(MERGE_KEY)) {
          merged.addAll(mergedMaps(child, childPath, keyAt));
        } else if (map.entries().containsKey(key)) {
          problems.add(at(keyAt) + childPath + ": duplicate key; each key may appear once");
        } else {
          map.entries().put(key, child);
        }
      }
      for (Node.MapNode m : merged) {
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
          map.entries().putIfAbsent(e.getKey(), e.getValue());
        }
      }
      return map;
    }

    /** The maps a merge key's value names: a map, or a list of maps. */
    private List<Node.MapNode> mergedMaps(Node value, String path, JsonLocation keyAt) {
      List<Node> items = value instanceof Node.ListNode l ? l.items() : List.of(value);
      List<Node.MapNode> out = new ArrayList<>();
      for (Node item : items) {
        if (item instanceof Node.MapNode m) {
          out.add(m);
        } else {
          problems.add(
              at(keyAt)
                  + path
                  + ": a merge key takes a map or a list of maps (e.g. <<: *defaults), was "
                  + item.describe());
        }
      }
      return out;
    }

    private Node list(String path, int line, int col) throws IOException {
      List<Node> items = new ArrayList<>();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(value(path + "[" + i + "]"));
        i++;
      }
      return new Node.ListNode(items, line, col);
    }

    private Node alias(String name, String path, JsonLocation loc) {
      Node target = anchors.get(name);
      if (target == null) {
        String why;
        if (open.contains(name)) {
          why = "is inside the map or list it names; a config cannot contain itself";
        } else if (scalarAnchors().contains(name)) {
          why =
              "names a single value; anchors and aliases work on maps and lists only, so write"
                  + " the value itself";
        } else {
          why = "is not defined: no &" + name + " comes before it";
        }
        problems.add(at(loc) + place(path) + "alias *" + name + " " + why);
        // An empty map stands in, so that a merge key using it reports nothing more.
        return Node.MapNode.empty(loc.getLineNr(), loc.getColumnNr());
      }
      return copy(target, loc);
    }

    /**
     * The anchors written on single values. The streaming parser does not report them, so the text
     * is read once more with SnakeYAML's event parser, only when an alias is not found.
     */
    private Set<String> scalarAnchors() {
      if (scalarAnchors == null) {
        scalarAnchors = new HashSet<>();
        try {
          for (Event e : new Yaml(loaderOptions()).parse(new StringReader(text))) {
            if (e instanceof ScalarEvent s && s.getAnchor() != null) {
              scalarAnchors.add(s.getAnchor());
            }
          }
        } catch (YAMLException e) {
          // The part before the error has been seen; the error itself is reported by Jackson.
        }
      }
      return scalarAnchors;
    }

    /** A deep copy (so that {@code --set} on one use cannot change another). */
    private Node copy(Node n, JsonLocation loc) {
      if (++copied > MAX_ALIAS_VALUES) {
        throw new ConfigException(
            at(loc)
                + "aliases expand to more than "
                + MAX_ALIAS_VALUES
                + " values; a config may repeat maps and lists with aliases, but not grow that"
                + " large");
      }
      if (n instanceof Node.ListNode l) {
        List<Node> items = new ArrayList<>(l.items().size());
        for (Node item : l.items()) {
          items.add(copy(item, loc));
        }
        return new Node.ListNode(items, l.line(), l.column());
      }
      if (n instanceof Node.MapNode m) {
        Map<String, Node> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Node> e : m.entries().entrySet()) {
          entries.put(e.getKey(), copy(e.getValue(), loc));
        }
        return new Node.MapNode(entries, m.line(), m.column());
      }
      return n;
    }
  }

  /** SnakeYAML's message without its source excerpts: "while parsing …; expected …". */
  private static String summary(String s) {
    if (s == null) {
      return "unreadable input";
    }
    if (s.startsWith("Expected a field name")) {
      // Jackson's words for a complex key (? [a, b]: 1, or {a: 1}: 2), naming its parser classes.
      return "a key must be a single value (text or a number), was a "
          + (s.contains("Sequence") ? "list" : "map");
    }
    StringBuilder sb = new StringBuilder();
    for (String line : s.split("\n")) {
      String t = line.strip();
      if (t.isEmpty() || line.startsWith(" ") || t.startsWith("in 'reader'") || t.startsWith("^")) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(t);
    }
    return sb.length() == 0 ? s.strip() : sb.toString();
  }
}
