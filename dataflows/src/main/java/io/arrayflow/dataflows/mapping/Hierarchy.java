package io.arrayflow.dataflows.mapping;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A storage hierarchy around a PE array, independent of any config format: levels innermost to
 * outermost, where the first {@link #peLevels()} levels are PE-local (one instance per PE, e.g. a
 * shared {@code rf} or the nested per-operand scratch pads {@code rf.outputs}, {@code rf.weights},
 * {@code rf.inputs} of Eyeriss, JSSC 2017) and the rest are shared ({@code glb}, {@code dram}). The
 * PE array of {@code rows × cols} (the spatial level, called {@code array} in mappings) and its
 * network sit between the two groups.
 *
 * @param levels storage levels, innermost first
 * @param peLevels how many of the first levels are PE-local
 * @param rows PE array rows
 * @param cols PE array columns
 */
public record Hierarchy(List<StorageLevel> levels, int peLevels, int rows, int cols) {

  /** The name of the spatial level in mappings. */
  public static final String ARRAY = "array";

  /** Validates the shape; a malformed hierarchy is a programming error (loaders check first). */
  public Hierarchy {
    levels = List.copyOf(levels);
    if (peLevels < 0 || peLevels >= levels.size()) {
      throw new IllegalArgumentException(
          "need at least one shared level above the array; peLevels="
              + peLevels
              + ", levels="
              + levels.size());
    }
    if (rows < 1 || cols < 1) {
      throw new IllegalArgumentException("PE array must be at least 1x1, was " + rows + "x" + cols);
    }
    Set<String> seen = new HashSet<>();
    for (StorageLevel l : levels) {
      if (!seen.add(l.name())) {
        throw new IllegalArgumentException("storage level " + l.name() + " appears twice");
      }
    }
  }

  /** A hierarchy from its PE-local levels and shared levels, each list innermost first. */
  public static Hierarchy of(
      List<StorageLevel> peLevelsInnermostFirst,
      int rows,
      int cols,
      List<StorageLevel> sharedLevelsInnermostFirst) {
    List<StorageLevel> all = new ArrayList<>(peLevelsInnermostFirst);
    all.addAll(sharedLevelsInnermostFirst);
    return new Hierarchy(all, peLevelsInnermostFirst.size(), rows, cols);
  }

  /** Number of storage levels. */
  public int size() {
    return levels.size();
  }

  /** The level at {@code index} (0 = innermost). */
  public StorageLevel level(int index) {
    return levels.get(index);
  }

  /** Index of the level called {@code name}, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < levels.size(); i++) {
      if (levels.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether the level at {@code index} is PE-local (one instance per PE). */
  public boolean isPeLocal(int index) {
    return index < peLevels;
  }

  /** Index of the outermost level. */
  public int outermost() {
    return levels.size() - 1;
  }

  /** Number of PEs in the array. */
  public int pes() {
    return rows * cols;
  }

  /** Level names outermost first with {@code array} in its place, as a mapping lists them. */
  public List<String> namesOutermostFirst() {
    List<String> out = new ArrayList<>();
    for (int i = levels.size() - 1; i >= 0; i--) {
      out.add(levels.get(i).name());
      if (i == peLevels) {
        out.add(ARRAY);
      }
    }
    return out;
  }
}
