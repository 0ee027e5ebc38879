package io.arrayflow.sim.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The register files of one PE ({@code pe.rf:}): either one file per operand (each optional; an
 * operand without one is not kept in the PE) or one {@code shared} file, exactly one of the two
 * forms. Absent files are {@code null} components; {@link #file(Operand)} resolves either form.
 */
public record RfSpec(RfFileSpec weights, RfFileSpec inputs, RfFileSpec outputs, RfFileSpec shared) {

  private static final String ONE_FORM =
      "must give per-operand files (weights, inputs, outputs) or shared, exactly one form";

  /** Validates that exactly one form is given. */
  public RfSpec {
    List<String> given = new ArrayList<>();
    if (weights != null) {
      given.add("weights");
    }
    if (inputs != null) {
      given.add("inputs");
    }
    if (outputs != null) {
      given.add("outputs");
    }
    boolean perOperand = !given.isEmpty();
    if (shared != null) {
      given.add("shared");
    }
    new Violations().check(perOperand != (shared != null), "", given, ONE_FORM).throwIfAny();
  }

  /** Per-operand files; any argument may be {@code null} (that operand is not kept in the PE). */
  public static RfSpec perOperand(RfFileSpec weights, RfFileSpec inputs, RfFileSpec outputs) {
    return new RfSpec(weights, inputs, outputs, null);
  }

  /** One file shared by all operands. */
  public static RfSpec sharedFile(RfFileSpec shared) {
    return new RfSpec(null, null, null, shared);
  }

  /** The documented defaults (Eyeriss): weights 224, inputs 12, outputs 24 words, one port each. */
  public static RfSpec defaults() {
    return perOperand(RfFileSpec.of(224), RfFileSpec.of(12), RfFileSpec.of(24));
  }

  /** Whether this is the shared form. */
  public boolean isShared() {
    return shared != null;
  }

  /** The file holding {@code operand}: the shared one, its own, or empty if not kept in the PE. */
  public Optional<RfFileSpec> file(Operand operand) {
    if (shared != null) {
      return Optional.of(shared);
    }
    return Optional.ofNullable(
        switch (operand) {
          case WEIGHTS -> weights;
          case INPUTS -> inputs;
          case OUTPUTS -> outputs;
        });
  }
}
