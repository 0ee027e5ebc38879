package io.arrayflow.energy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one energy table from YAML text and validates all of it, collecting every problem before
 * failing once with an {@link EnergyTableException}. Not thread-safe; one instance per parse.
 */
final class TableParser {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory()).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

  private static final List<String> TOP_KEYS =
      List.of(
          "name",
          "unit",
          "source",
          "per",
          "word_bits",
          "scaling",
          "mac",
          "fp_mac",
          "rf",
          "noc",
          "glb",
          "dram",
          "vector",
          "leakage_pj_per_cycle");
  private static final List<String> REQUIRED_TOP_KEYS =
      List.of("name", "unit", "mac", "rf", "noc", "glb", "dram", "vector");
  private static final List<String> UNITS = List.of("pJ", "MAC-equivalents");
  private static final List<String> SCALING_KEYS = List.of("mac", "multiply", "add", "vector");
  private static final List<String> MAC_KEYS = List.of("multiply", "add");
  private static final List<String> MEMORY_KEYS = List.of("per", "word_bits", "read", "write");
  private static final List<String> NOC_KEYS = List.of("per", "word_bits", "delivery", "hop");
  private static final List<String> DRAM_KEYS =
      List.of("per", "word_bits", "read", "write", "technologies");
  private static final List<String> READ_WRITE_KEYS = List.of("read", "write");
  private static final List<String> VECTOR_KEYS = List.of("op");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern TECHNOLOGY = Pattern.compile("[a-z0-9]+");
  private static final Pattern BITS = Pattern.compile("[0-9]{1,3}");
  private static final Pattern SIZE = Pattern.compile("([0-9]{1,7})(B|KiB|MiB|GiB)");
  private static final int MAX_OPERAND_BITS = 64;
  private static final int MAX_WORD_BITS = 4096;

  private final String file;
  private final List<String> errors = new ArrayList<>();

  private TableParser(String file) {
    this.file = file;
  }

  /** The table in {@code yaml}; {@code file} names it in messages. */
  static TableSpec parse(String yaml, String file) {
    return new TableParser(file).parse(yaml);
  }

  private TableSpec parse(String yaml) {
    JsonNode root;
    try {
      root = MAPPER.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new EnergyTableException(
          List.of(file + ": malformed YAML" + where + ": " + problem(e.getOriginalMessage())));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new EnergyTableException(
          List.of(file + ": empty; an energy table needs " + String.join(", ", REQUIRED_TOP_KEYS)));
    }
    if (!root.isObject()) {
      throw new EnergyTableException(
          List.of(
              file
                  + ": must be a mapping with keys "
                  + String.join(", ", TOP_KEYS)
                  + ", was "
                  + describe(root)));
    }
    checkKeys(root, "", TOP_KEYS);
    for (String key : REQUIRED_TOP_KEYS) {
      if (!root.has(key)) {
        error(key, "required key is missing");
      }
    }
    String name = name(root.get("name"));
    String unit = unit(root.get("unit"));
    String source = text(root.get("source"), "source");
    Per per = per(root.get("per"), "per", Per.BLOCK);
    Integer wordBits = wordBits(root.get("word_bits"), "word_bits");
    if (per == Per.WORD && wordBits == null && root.has("per")) {
      error("per", "is word, so word_bits is required");
    }
    Map<String, Scaling> scaling = scaling(root.get("scaling"));
    MacCost mac = mac(root.get("mac"), "mac", scaling);
    MacCost fpMac = mac(root.get("fp_mac"), "fp_mac", scaling);
    MemoryCost rf = memory(root.get("rf"), "rf", per, wordBits);
    NocCost noc = noc(root.get("noc"), per, wordBits);
    MemoryCost glb = memory(root.get("glb"), "glb", per, wordBits);
    DramCost dram = dram(root.get("dram"), per, wordBits);
    BitsCurve vector = vector(root.get("vector"), scaling);
    Map<Level, Double> leakage = leakage(root.get("leakage_pj_per_cycle"), unit);
    if (!errors.isEmpty()) {
      throw new EnergyTableException(errors);
    }
    return new TableSpec(name, unit, source, mac, fpMac, rf, noc, glb, dram, vector, leakage);
  }

  private String name(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual() || !NAME.matcher(node.asText()).matches()) {
      error("name", "must be letters, digits, '-' or '_', was " + describe(node));
      return null;
    }
    return node.asText();
  }

  private String unit(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (!node.isTextual() || !UNITS.contains(node.asText())) {
      error("unit", "must be one of " + String.join(", ", UNITS) + ", was " + describe(node));
      return null;
    }
    return node.asText();
  }

  private String text(JsonNode node, String path) {
    if (node == null) {
      return "";
    }
    if (!node.isTextual()) {
      error(path, "must be text, was " + describe(node));
      return "";
    }
    return node.asText();
  }

  private Per per(JsonNode node, String path, Per inherited) {
    if (node == null) {
      return inherited;
    }
    for (Per per : Per.values()) {
      if (node.isTextual() && per.key().equals(node.asText())) {
        return per;
      }
    }
    error(path, "must be one of block, word, bit, was " + describe(node));
    return inherited;
  }

  private Integer wordBits(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_WORD_BITS) {
      error(path, "must be an integer 1.." + MAX_WORD_BITS + ", was " + describe(node));
      return null;
    }
    return node.asInt();
  }

  private Map<String, Scaling> scaling(JsonNode node) {
    Map<String, Scaling> scaling = new LinkedHashMap<>();
    if (!isMapping(node, "scaling", SCALING_KEYS)) {
      return scaling;
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (!SCALING_KEYS.contains(field.getKey())) {
        continue; // reported by isMapping
      }
      Scaling found = null;
      for (Scaling s : Scaling.values()) {
        if (field.getValue().isTextual() && s.key().equals(field.getValue().asText())) {
          found = s;
        }
      }
      if (found == null) {
        error(
            "scaling." + field.getKey(),
            "must be one of none, linear, quadratic, was " + describe(field.getValue()));
      } else {
        scaling.put(field.getKey(), found);
      }
    }
    return scaling;
  }

  private MacCost mac(JsonNode node, String path, Map<String, Scaling> scaling) {
    if (node == null) {
      return null;
    }
    if (node.isObject() && (node.isEmpty() || !allKeysAreBits(node))) {
      if (!isMapping(node, path, MAC_KEYS)) {
        return null;
      }
      BitsCurve multiply = bits(node.get("multiply"), path + ".multiply", scaling.get("multiply"));
      BitsCurve add = bits(node.get("add"), path + ".add", scaling.get("add"));
      requireKeys(node, path, MAC_KEYS);
      return multiply == null || add == null ? null : new MacCost(multiply, add);
    }
    BitsCurve whole = bits(node, path, scaling.get("mac"));
    return whole == null ? null : new MacCost(whole, null);
  }

  private MemoryCost memory(JsonNode node, String path, Per inheritedPer, Integer inheritedBits) {
    if (!isMapping(node, path, MEMORY_KEYS)) {
      return null;
    }
    Per per = per(node.get("per"), path + ".per", inheritedPer);
    Integer wordBits = levelWordBits(node, path, per, inheritedBits);
    requireKeys(node, path, READ_WRITE_KEYS);
    SizeCurve read = sizes(node.get("read"), path + ".read");
    SizeCurve write = sizes(node.get("write"), path + ".write");
    if (read == null || write == null) {
      return null;
    }
    return new MemoryCost(per, wordBits == null ? 1 : wordBits, read, write);
  }

  private NocCost noc(JsonNode node, Per inheritedPer, Integer inheritedBits) {
    if (!isMapping(node, "noc", NOC_KEYS)) {
      return null;
    }
    Per per = per(node.get("per"), "noc.per", inheritedPer);
    Integer wordBits = levelWordBits(node, "noc", per, inheritedBits);
    requireKeys(node, "noc", List.of("delivery"));
    Double delivery = number(node.get("delivery"), "noc.delivery");
    Double hop = node.has("hop") ? number(node.get("hop"), "noc.hop") : Double.valueOf(0.0);
    if (delivery == null || hop == null) {
      return null;
    }
    return new NocCost(per, wordBits == null ? 1 : wordBits, delivery, hop);
  }

  private DramCost dram(JsonNode node, Per inheritedPer, Integer inheritedBits) {
    if (!isMapping(node, "dram", DRAM_KEYS)) {
      return null;
    }
    Per per = per(node.get("per"), "dram.per", inheritedPer);
    Integer wordBits = levelWordBits(node, "dram", per, inheritedBits);
    DramCost.ReadWrite standard = readWrite(node, "dram");
    Map<String, DramCost.ReadWrite> technologies = new TreeMap<>();
    JsonNode techs = node.get("technologies");
    if (techs != null) {
      if (!techs.isObject()) {
        error(
            "dram.technologies",
            "must be a mapping of technology names to {read, write}, was " + describe(techs));
      } else {
        for (Map.Entry<String, JsonNode> tech : techs.properties()) {
          String path = "dram.technologies." + tech.getKey();
          if (!TECHNOLOGY.matcher(tech.getKey()).matches()) {
            error(path, "a technology name must be lower-case letters and digits, e.g. lpddr4");
          }
          if (isMapping(tech.getValue(), path, READ_WRITE_KEYS)) {
            DramCost.ReadWrite values = readWrite(tech.getValue(), path);
            if (values != null) {
              technologies.put(tech.getKey(), values);
            }
          }
        }
      }
    }
    if (standard == null) {
      return null;
    }
    return new DramCost(per, wordBits == null ? 1 : wordBits, standard, technologies);
  }

  private DramCost.ReadWrite readWrite(JsonNode node, String path) {
    requireKeys(node, path, READ_WRITE_KEYS);
    Double read = number(node.get("read"), path + ".read");
    Double write = number(node.get("write"), path + ".write");
    return read == null || write == null ? null : new DramCost.ReadWrite(read, write);
  }

  private BitsCurve vector(JsonNode node, Map<String, Scaling> scaling) {
    if (!isMapping(node, "vector", VECTOR_KEYS)) {
      return null;
    }
    requireKeys(node, "vector", VECTOR_KEYS);
    return bits(node.get("op"), "vector.op", scaling.get("vector"));
  }

  private Map<Level, Double> leakage(JsonNode node, String unit) {
    Map<Level, Double> leakage = new EnumMap<>(Level.class);
    List<String> levels = new ArrayList<>();
    for (Level level : Level.values()) {
      levels.add(level.key());
    }
    if (!isMapping(node, "leakage_pj_per_cycle", levels)) {
      return leakage;
    }
    if (unit != null && !unit.equals("pJ")) {
      error("leakage_pj_per_cycle", "needs unit pJ, the table's unit is " + unit);
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      if (levels.contains(field.getKey())) {
        Double value = number(field.getValue(), "leakage_pj_per_cycle." + field.getKey());
        if (value != null) {
          leakage.put(Level.named(field.getKey()), value);
        }
      }
    }
    return leakage;
  }

  private Integer levelWordBits(JsonNode node, String path, Per per, Integer inheritedBits) {
    Integer own = wordBits(node.get("word_bits"), path + ".word_bits");
    Integer bits = own != null ? own : inheritedBits;
    if (per == Per.WORD && bits == null && !node.has("word_bits") && node.has("per")) {
      error(path + ".per", "is word, so word_bits is required (here or at the top level)");
    }
    return bits;
  }

  /** A compute curve: a number for every width, or a mapping of widths in bits to numbers. */
  private BitsCurve bits(JsonNode node, String path, Scaling scaling) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      if (node.isEmpty()) {
        error(path, "must not be empty; give a number or bits: number pairs");
        return null;
      }
      Map<Integer, Double> points = new TreeMap<>();
      boolean ok = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = field.getKey();
        Double value = number(field.getValue(), path + "." + key);
        if (!BITS.matcher(key).matches()
            || Integer.parseInt(key) < 1
            || Integer.parseInt(key) > MAX_OPERAND_BITS) {
          error(path + "." + key, "key must be a width in bits, 1.." + MAX_OPERAND_BITS);
          ok = false;
        } else if (value != null) {
          points.put(Integer.parseInt(key), value);
        } else {
          ok = false;
        }
      }
      return ok ? BitsCurve.of(path, points, scaling == null ? Scaling.NONE : scaling) : null;
    }
    if (!node.isNumber()) {
      error(
          path,
          "must be a number >= 0 or a mapping of widths in bits to numbers, was " + describe(node));
      return null;
    }
    Double value = number(node, path);
    return value == null ? null : BitsCurve.constant(path, value);
  }

  /** A memory curve: a number for every size, or a mapping of sizes (512B, 8KiB) to numbers. */
  private SizeCurve sizes(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      if (node.isEmpty()) {
        error(path, "must not be empty; give a number or size: number pairs");
        return null;
      }
      Map<Long, Double> points = new TreeMap<>();
      boolean ok = true;
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        Double value = number(field.getValue(), path + "." + field.getKey());
        Long bytes = bytes(field.getKey());
        if (bytes == null) {
          error(
              path + "." + field.getKey(),
              "key must be a memory size like 512B, 8KiB, 1MiB (units B, KiB, MiB, GiB)");
          ok = false;
        } else if (value != null) {
          points.put(bytes, value);
        } else {
          ok = false;
        }
      }
      return ok ? SizeCurve.of(points) : null;
    }
    if (!node.isNumber()) {
      error(
          path,
          "must be a number >= 0 or a mapping of memory sizes (e.g. 8KiB) to numbers, was "
              + describe(node));
      return null;
    }
    Double value = number(node, path);
    return value == null ? null : SizeCurve.constant(value);
  }

  private static Long bytes(String key) {
    Matcher m = SIZE.matcher(key);
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "B":
        return n;
      case "KiB":
        return n << 10;
      case "MiB":
        return n << 20;
      default:
        return n << 30;
    }
  }

  private Double number(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (!node.isNumber()) {
      error(path, "must be a number >= 0, was " + describe(node));
      return null;
    }
    double value = node.asDouble();
    if (!Double.isFinite(value)) {
      error(path, "must be a finite number >= 0, was " + describe(node));
      return null;
    }
    if (value < 0) {
      error(path, "must be >= 0, was " + describe(node));
      return null;
    }
    return value;
  }

  /**
   * Whether {@code node} is a mapping (reporting its unknown keys); absent is reported elsewhere.
   */
  private boolean isMapping(JsonNode node, String path, List<String> allowed) {
    if (node == null) {
      return false;
    }
    if (!node.isObject()) {
      error(path, "must be a mapping of " + String.join(", ", allowed) + ", was " + describe(node));
      return false;
    }
    checkKeys(node, path, allowed);
    return true;
  }

  private void requireKeys(JsonNode node, String path, List<String> keys) {
    for (String key : keys) {
      if (!node.has(key)) {
        error(path + "." + key, "required key is missing");
      }
    }
  }

  private void checkKeys(JsonNode node, String path, List<String> allowed) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        String nearest = Levenshtein.nearest(key, allowed);
        error(
            path.isEmpty() ? key : path + "." + key,
            "unknown key"
                + (nearest == null ? "" : ", did you mean '" + nearest + "'?")
                + " (allowed: "
                + String.join(", ", allowed)
                + ")");
      }
    }
  }

  private static boolean allKeysAreBits(JsonNode node) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      if (!BITS.matcher(it.next()).matches()) {
        return false;
      }
    }
    return true;
  }

  private void error(String path, String message) {
    errors.add(file + ": " + path + ": " + message);
  }

  private static String describe(JsonNode node) {
    if (node.isTextual()) {
      return "\"" + node.asText() + "\"";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return node.toString();
  }

  /**
   * SnakeYAML's message without its source excerpts: the unindented lines (context, problem), e.g.
   * "while parsing a flow mapping: expected ',' or '}', but got :".
   */
  private static String problem(String message) {
    List<String> lines = new ArrayList<>();
    for (String line : (message == null ? "" : message).split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
        lines.add(line.strip());
      }
    }
    return String.join(": ", lines);
  }
}
