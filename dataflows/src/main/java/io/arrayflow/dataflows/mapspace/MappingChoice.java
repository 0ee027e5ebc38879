package io.arrayflow.dataflows.mapspace;

import io.arrayflow.dataflows.mapping.Mapping;
import java.util.List;

/**
 * What a {@link MappingFamily} chose: a mapping, or none with every reason no member fits, each
 * naming the level, operand and sizes (an expected failure returned as a value, as Timeloop returns
 * its evaluation status).
 *
 * @param mapping the chosen mapping, null iff none fits
 * @param reasons why no member fits; empty iff a mapping was found
 */
public record MappingChoice(Mapping mapping, List<String> reasons) {

  /** Copies the reasons; a mapping comes without reasons and no mapping with at least one. */
  public MappingChoice {
    reasons = List.copyOf(reasons);
    if ((mapping == null) == reasons.isEmpty()) {
      throw new IllegalArgumentException(
          "a choice has a mapping or reasons, exactly one; mapping="
              + (mapping == null ? "none" : "given")
              + ", reasons="
              + reasons);
    }
  }

  /** A found mapping. */
  public static MappingChoice of(Mapping mapping) {
    if (mapping == null) {
      throw new IllegalArgumentException("a found choice needs a mapping");
    }
    return new MappingChoice(mapping, List.of());
  }

  /** No member fits, for {@code reasons} (at least one). */
  public static MappingChoice none(List<String> reasons) {
    return new MappingChoice(null, reasons);
  }

  /** Whether a mapping was found. */
  public boolean found() {
    return mapping != null;
  }

  @Override
  public String toString() {
    return found() ? mapping.toString() : "no mapping: " + String.join("; ", reasons);
  }
}
