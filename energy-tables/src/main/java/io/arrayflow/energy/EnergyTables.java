package io.arrayflow.energy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where energy tables come from: the built-in tables by name ({@code eyeriss-65nm}, {@code
 * horowitz-45nm}, {@code accelergy-like}, resources under {@code io/arrayflow/energy/tables/}) and
 * user tables from YAML files of the same shape. Every table is validated when loaded; a bad table
 * fails with one {@link EnergyTableException} listing every problem in the file.
 */
public final class EnergyTables {
  private EnergyTables() {}

  /** The names of the built-in tables, in declaration order. */
  public static List<String> builtInNames() {
    List<String> names = new ArrayList<>();
    for (BuiltInTable table : BuiltInTable.values()) {
      names.add(table.tableName());
    }
    return List.copyOf(names);
  }

  /** The built-in table called {@code name}; fails listing the valid names. */
  public static EnergyModel named(String name) {
    return builtIn(name).model();
  }

  /** The YAML text of the built-in table called {@code name}, comments and sources included. */
  public static String builtInYaml(String name) {
    return builtIn(name).yaml();
  }

  /** The user table in {@code file}; messages name the file as given. */
  public static EnergyModel load(Path file) {
    String yaml;
    try {
      yaml = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new EnergyTableException(List.of(file + ": no such file"));
    } catch (IOException e) {
      throw new EnergyTableException(List.of(file + ": cannot read: " + e.getMessage()));
    }
    return parse(yaml, file.toString());
  }

  /** The table in {@code yaml}; {@code sourceName} names it in error messages. */
  public static EnergyModel parse(String yaml, String sourceName) {
    return new EnergyModel(TableParser.parse(yaml, sourceName));
  }

  /**
   * An architecture's {@code energy_table} value: a built-in name, else a YAML path resolved
   * against {@code baseDirectory} (the directory of the architecture file).
   */
  public static EnergyModel resolve(String nameOrPath, Path baseDirectory) {
    for (BuiltInTable table : BuiltInTable.values()) {
      if (table.tableName().equals(nameOrPath)) {
        return table.model();
      }
    }
    Path file = baseDirectory.resolve(nameOrPath);
    if (!Files.exists(file)) {
      throw new EnergyTableException(
          List.of(
              "energy_table: '"
                  + nameOrPath
                  + "' is neither a built-in table ("
                  + String.join(", ", builtInNames())
                  + ") nor an existing file"));
    }
    return load(file);
  }

  private static BuiltInTable builtIn(String name) {
    for (BuiltInTable table : BuiltInTable.values()) {
      if (table.tableName().equals(name)) {
        return table;
      }
    }
    throw new EnergyTableException(
        List.of(
            "unknown energy table '" + name + "', valid: " + String.join(", ", builtInNames())));
  }
}
