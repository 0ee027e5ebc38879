package io.arrayflow.sim.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A collector of {@link SpecViolation}s used by the compact constructors of the spec records (and
 * by loaders that build several records and want to fail once): add every broken rule, then call
 * {@link #throwIfAny()}. The common rules render their text the same way everywhere ({@code must be
 * > 0}, {@code must be >= 1}, {@code is required}).
 */
public final class Violations {

  private final List<SpecViolation> found = new ArrayList<>();

  /** Records a violation at {@code path} unless {@code ok}. */
  public Violations check(boolean ok, String path, Object value, String rule) {
    if (!ok) {
      found.add(new SpecViolation(path, value, rule));
    }
    return this;
  }

  /** Requires {@code value} to be present. */
  public Violations required(String path, Object value) {
    return check(value != null, path, null, "is required");
  }

  /** Requires {@code value >= min}. */
  public Violations atLeast(String path, long value, long min) {
    return check(value >= min, path, value, "must be >= " + min);
  }

  /** Requires {@code min <= value <= max}. */
  public Violations between(String path, long value, long min, long max) {
    return check(value >= min && value <= max, path, value, "must be in " + min + ".." + max);
  }

  /** Requires {@code value > 0} (and not NaN). */
  public Violations positive(String path, double value) {
    return check(value > 0, path, value, "must be > 0");
  }

  /** Requires {@code value > 0}. */
  public Violations positive(String path, long value) {
    return check(value > 0, path, value, "must be > 0");
  }

  /** Adds every violation of {@code e} under {@code prefix}. */
  public Violations addAll(String prefix, InvalidSpecException e) {
    for (SpecViolation violation : e.violations()) {
      found.add(violation.prefixed(prefix));
    }
    return this;
  }

  /**
   * Builds a nested record, collecting its violations under {@code prefix}; returns {@code null} if
   * it was invalid, so that a loader can go on and report the other records' violations too.
   */
  public <T> T attempt(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (InvalidSpecException e) {
      addAll(prefix, e);
      return null;
    }
  }

  /** Whether no violation was recorded. */
  public boolean isEmpty() {
    return found.isEmpty();
  }

  /** The violations recorded so far. */
  public List<SpecViolation> list() {
    return List.copyOf(found);
  }

  /** Throws one {@link InvalidSpecException} carrying every violation, if there is any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new InvalidSpecException(found);
    }
  }
}
