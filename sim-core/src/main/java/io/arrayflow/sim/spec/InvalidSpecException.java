package io.arrayflow.sim.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every violation found while constructing one spec record (or, when a loader merges them, one
 * whole config). The message is one {@link SpecViolation#message()} per line. {@link #prefixed}
 * returns the same violations under an enclosing YAML path so that a loader can report {@code
 * glb.size_kib} for a {@code size_kib} violation of {@link GlbSpec}.
 */
public final class InvalidSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final transient List<SpecViolation> violations;

  /** An exception carrying {@code violations}, which must not be empty. */
  public InvalidSpecException(List<SpecViolation> violations) {
    super(render(violations));
    this.violations = List.copyOf(violations);
  }

  /** The violations, in the order they were found. */
  public List<SpecViolation> violations() {
    return violations;
  }

  /** The same violations with {@code prefix} prepended to every path. */
  public InvalidSpecException prefixed(String prefix) {
    List<SpecViolation> out = new ArrayList<>(violations.size());
    for (SpecViolation violation : violations) {
      out.add(violation.prefixed(prefix));
    }
    return new InvalidSpecException(out);
  }

  private static String render(List<SpecViolation> violations) {
    if (violations.isEmpty()) {
      throw new IllegalArgumentException("an InvalidSpecException needs at least one violation");
    }
    List<String> lines = new ArrayList<>(violations.size());
    for (SpecViolation violation : violations) {
      lines.add(violation.message());
    }
    return String.join("\n", lines);
  }
}
