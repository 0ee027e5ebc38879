package io.arrayflow.cli.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mutates a YAML document the way a hurried user or a broken script would: a value replaced by a
 * boundary number, a wrong type, another field's value or a scaled copy; a key misspelt, dropped,
 * doubled or added; lines deleted, doubled, swapped or re-indented; the text cut short; stray
 * characters, anchors and aliases; now and then bytes that are not UTF-8. All randomness comes from
 * the given {@link Random}, so a seed replays a case exactly.
 */
final class Mutator {
  /** Replacement values, written as YAML text: boundaries, other types, YAML oddities. */
  static final List<String> VALUES =
      List.of(
          ("0|-1|1|2|3|7|8|13|64|255|256|1000|65535|2147483647|2147483648|-2147483648"
                  + "|4294967296|9007199254740993|9223372036854775807|9223372036854775808"
                  + "|-9223372036854775808|1e400|-1e400|1e-400|1e-300|1e300|0.5|-0.5|1.5|0.0|-0.0"
                  + "|.nan|.inf|-.inf|null|~|true|false|''|'x'|x|TOTAL|[]|{}|[1, 2]|{a: 1}|*x|&x 1"
                  + "|!!binary aGk=|\"\\0\"|\"a\\tb\"|yes|0x10|0o17|1_000|+1|'100'|ws|inputs|weights"
                  + "|outputs|dram|glb|rf.weights|array|simple|hbm2|ddr4-3200|systolic|multicast"
                  + "|overlapped|fp|int|eyeriss-65nm|/|..|\"\"")
              .split("\\|"));

  private static final String[] STRAY = {
    "\t",
    "\u0000",
    "{",
    "}",
    "[",
    "]",
    ":",
    "\"",
    "'",
    "&",
    "*",
    "#",
    "\n",
    " ",
    "é",
    "\uFFFD",
    "- ",
    "<<: *x",
    "---\n",
    "%YAML 1.1\n",
    "!!map ",
    "? "
  };

  private static final Pattern KEY =
      Pattern.compile("([A-Za-z_<][A-Za-z0-9_.<\\-]*)(?=\\s*:(\\s|$))");
  private static final Pattern VALUE =
      Pattern.compile(
          "(?<![A-Za-z0-9_.+\\-])([A-Za-z0-9_.+\\-]+)(?![A-Za-z0-9_.+\\-]|\\s*:(\\s|$))");
  private static final Pattern FLOW_MAP = Pattern.compile("\\{[^{}\\n]*\\}");

  private final Random rnd;

  Mutator(Random rnd) {
    this.rnd = rnd;
  }

  /**
   * {@code text} with one to four mutations, as the bytes a file would hold. One case in three only
   * changes numbers, so that most of those documents stay valid and reach the simulator with odd
   * sizes.
   */
  byte[] mutate(String text) {
    String t = text;
    int n = 1 + rnd.nextInt(4);
    boolean numbersOnly = rnd.nextInt(3) == 0;
    for (int i = 0; i < n; i++) {
      t = numbersOnly ? replaceNumber(t) : once(t);
    }
    byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
    return rnd.nextInt(100) == 0 ? notUtf8(bytes) : bytes;
  }

  private String once(String t) {
    int op = rnd.nextInt(100);
    if (op < 45) {
      return replaceValue(t);
    } else if (op < 55) {
      return editKey(t);
    } else if (op < 70) {
      return editLines(t);
    } else if (op < 78) {
      return anchors(t);
    } else if (op < 88) {
      return insertKey(t);
    } else if (op < 95) {
      return insertAt(t, STRAY[rnd.nextInt(STRAY.length)]);
    }
    return t.substring(0, rnd.nextInt(t.length() + 1));
  }

  private String replaceValue(String t) {
    List<int[]> spans = spans(VALUE, t, 1);
    if (spans.isEmpty()) {
      return insertKey(t);
    }
    int[] s = spans.get(rnd.nextInt(spans.size()));
    String old = t.substring(s[0], s[1]);
    int how = rnd.nextInt(10);
    String value;
    if (how < 6) {
      value = VALUES.get(rnd.nextInt(VALUES.size()));
    } else if (how < 8 && old.matches("-?\\d+")) {
      value = scaled(old);
    } else {
      int[] other = spans.get(rnd.nextInt(spans.size()));
      value = t.substring(other[0], other[1]);
    }
    return t.substring(0, s[0]) + value + t.substring(s[1]);
  }

  /** Replaces an integer of the document by a boundary value or a scaled copy. */
  private String replaceNumber(String t) {
    List<int[]> spans = new ArrayList<>();
    for (int[] s : spans(VALUE, t, 1)) {
      if (t.substring(s[0], s[1]).matches("-?\\d+")) {
        spans.add(s);
      }
    }
    if (spans.isEmpty()) {
      return t;
    }
    int[] s = spans.get(rnd.nextInt(spans.size()));
    String old = t.substring(s[0], s[1]);
    String[] boundaries = {"0", "1", "2", "3", "1000", "65535", "2147483647", "4294967296"};
    String value = rnd.nextBoolean() ? scaled(old) : boundaries[rnd.nextInt(boundaries.length)];
    return t.substring(0, s[0]) + value + t.substring(s[1]);
  }

  private String scaled(String number) {
    long v;
    try {
      v = Long.parseLong(number);
    } catch (NumberFormatException e) {
      return number + "0";
    }
    long[] factors = {2, 10, 1000, 1_000_000};
    return switch (rnd.nextInt(5)) {
      case 0 -> Long.toString(v / 2);
      case 1 -> Long.toString(v + 1);
      case 2 -> Long.toString(v - 1);
      case 3 -> Long.toString(-v);
      default -> Long.toString(v * factors[rnd.nextInt(factors.length)]);
    };
  }

  private String editKey(String t) {
    List<int[]> spans = spans(KEY, t, 1);
    if (spans.isEmpty()) {
      return insertKey(t);
    }
    int[] s = spans.get(rnd.nextInt(spans.size()));
    String key = t.substring(s[0], s[1]);
    String upper = key.toUpperCase(Locale.ROOT);
    int[] other = spans.get(rnd.nextInt(spans.size()));
    String edited =
        switch (rnd.nextInt(4)) {
          case 0 -> key.length() > 1 ? key.substring(1) : key + key;
          case 1 -> key + key.charAt(key.length() - 1);
          case 2 -> upper.equals(key) ? key.toLowerCase(Locale.ROOT) : upper;
          default -> t.substring(other[0], other[1]);
        };
    return t.substring(0, s[0]) + edited + t.substring(s[1]);
  }

  private String editLines(String t) {
    List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
    int i = rnd.nextInt(lines.size());
    int j = rnd.nextInt(lines.size());
    switch (rnd.nextInt(4)) {
      case 0 -> lines.remove(i);
      case 1 -> lines.add(i, lines.get(j));
      case 2 -> {
        String a = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, a);
      }
      default -> lines.set(i, rnd.nextBoolean() ? "  " + lines.get(i) : lines.get(i).strip());
    }
    return String.join("\n", lines);
  }

  /**
   * Anchors a flow map and uses it later: as the whole value, through a merge key, or merged with
   * an undefined anchor.
   */
  private String anchors(String t) {
    List<int[]> maps = spans(FLOW_MAP, t, 0);
    if (maps.size() < 2) {
      return replaceValue(t);
    }
    int a = rnd.nextInt(maps.size() - 1);
    int[] first = maps.get(a);
    int[] later = maps.get(a + 1 + rnd.nextInt(maps.size() - a - 1));
    String laterMap = t.substring(later[0], later[1]);
    String use =
        switch (rnd.nextInt(3)) {
          case 0 -> "*m";
          case 1 -> "{<<: *m, " + laterMap.substring(1);
          default -> "{<<: [*m, *n], " + laterMap.substring(1);
        };
    return t.substring(0, first[0])
        + "&m "
        + t.substring(first[0], later[0])
        + use
        + t.substring(later[1]);
  }

  /** Adds a line {@code key: value}, the key one of the document's own or a stranger. */
  private String insertKey(String t) {
    List<int[]> spans = spans(KEY, t, 1);
    String key;
    if (spans.isEmpty() || rnd.nextInt(4) == 0) {
      String[] strangers = {"extra", "layers", "<<", "x-extra", "N", "words", "channels", "tRCD"};
      key = strangers[rnd.nextInt(strangers.length)];
    } else {
      int[] s = spans.get(rnd.nextInt(spans.size()));
      key = t.substring(s[0], s[1]);
    }
    String line = key + ": " + VALUES.get(rnd.nextInt(VALUES.size()));
    List<String> lines = new ArrayList<>(List.of(t.split("\n", -1)));
    int i = rnd.nextInt(lines.size());
    String indent = lines.get(i).replaceAll("^(\\s*).*$", "$1");
    lines.add(i, indent + line);
    return String.join("\n", lines);
  }

  private String insertAt(String t, String s) {
    int at = rnd.nextInt(t.length() + 1);
    return t.substring(0, at) + s + t.substring(at);
  }

  private byte[] notUtf8(byte[] bytes) {
    int at = rnd.nextInt(bytes.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes, 0, at);
    out.write(rnd.nextBoolean() ? 0xC3 : 0xFF);
    out.write(0x28);
    out.write(bytes, at, bytes.length - at);
    return out.toByteArray();
  }

  /** Where group {@code group} of {@code p} matches in {@code t}: {start, end} pairs. */
  private static List<int[]> spans(Pattern p, String t, int group) {
    List<int[]> out = new ArrayList<>();
    Matcher m = p.matcher(t);
    while (m.find()) {
      out.add(new int[] {m.start(group), m.end(group)});
    }
    return out;
  }
}
