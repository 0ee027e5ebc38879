package io.arrayflow.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses YAML into a {@link Node} tree with line and column of every value. Malformed YAML,
 * duplicate keys and missing files are reported as a {@link ConfigException} naming the file and
 * the place.
 */
public final class YamlFiles {
  private static final YAMLFactory FACTORY = new YAMLFactory();

  private YamlFiles() {}

  /** Parses the YAML file at {@code path}; {@code displayName} is how messages name it. */
  public static Node read(Path path, String displayName) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException(displayName + ": file not found");
    } catch (IOException e) {
      throw new ConfigException(displayName + ": cannot read: " + e.getMessage());
    }
    return parse(text, displayName);
  }

  /** Parses YAML {@code text}; {@code displayName} is how messages name its source. */
  public static Node parse(String text, String displayName) {
    try (Reader reader = new StringReader(text);
        JsonParser parser = FACTORY.createParser(reader)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ConfigException(displayName + ": the file is empty");
      }
      List<String> problems = new ArrayList<>();
      Node root = value(parser, displayName, "", problems);
      if (parser.nextToken() != null) {
        problems.add(displayName + ": more than one YAML document; expected exactly one");
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
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

  private static Node value(JsonParser p, String file, String path, List<String> problems)
      throws IOException {
    JsonLocation at = p.currentTokenLocation();
    int line = at.getLineNr();
    int col = at.getColumnNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Node.MapNode map = Node.MapNode.empty(line, col);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonLocation keyAt = p.currentTokenLocation();
          p.nextToken();
          String childPath = path.isEmpty() ? key : path + "." + key;
          Node child = value(p, file, childPath, problems);
          if (map.entries().containsKey(key)) {
            problems.add(
                file
                    + ":"
                    + keyAt.getLineNr()
                    + ":"
                    + keyAt.getColumnNr()
                    + ": "
                    + childPath
                    + ": duplicate key; each key may appear once");
          } else {
            map.entries().put(key, child);
          }
        }
        return map;
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(p, file, path + "[" + i + "]", problems));
          i++;
        }
        return new Node.ListNode(items, line, col);
      }
      case VALUE_NUMBER_INT -> {
        return new Node.Scalar(p.getText(), Node.Scalar.Type.INTEGER, line, col);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new Node.Scalar(p.getText(), Node.Scalar.Type.FLOAT, line, col);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new Node.Scalar(p.getText(), Node.Scalar.Type.BOOLEAN, line, col);
      }
      case VALUE_NULL -> {
        return new Node.Scalar("null", Node.Scalar.Type.NULL, line, col);
      }
      default -> {
        return new Node.Scalar(p.getText(), Node.Scalar.Type.STRING, line, col);
      }
    }
  }

  /** SnakeYAML's message without its source excerpts: "while parsing …; expected …". */
  private static String summary(String s) {
    if (s == null) {
      return "unreadable input";
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
