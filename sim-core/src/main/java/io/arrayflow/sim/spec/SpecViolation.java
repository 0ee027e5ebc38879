package io.arrayflow.sim.spec;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * One broken rule of a spec: the YAML path of the field relative to the record that checked it
 * (e.g. {@code size_kib}, empty for the record itself), the offending value ({@code null} when
 * missing) and the rule it breaks. {@link #message()} renders {@code size_kib: must be > 0, was
 * -4}.
 */
public record SpecViolation(String path, Object value, String rule) {

  /** Checks that path and rule are present. */
  public SpecViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(rule, "rule");
  }

  /** This violation with {@code prefix} prepended to its path ({@code glb} + {@code size_kib}). */
  public SpecViolation prefixed(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    return new SpecViolation(path.isEmpty() ? prefix : prefix + "." + path, value, rule);
  }

  /** The rendered message: {@code path: rule, was value}. */
  public String message() {
    return (path.isEmpty() ? "" : path + ": ") + rule + ", was " + render(value);
  }

  /** Renders a config value as a user would write it: keys for enums, plain numbers. */
  static String render(Object value) {
    if (value == null) {
      return "missing";
    }
    if (value instanceof Keyed keyed) {
      return keyed.key();
    }
    if (value instanceof CharSequence text) {
      return "'" + text + "'";
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d)
          ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
          : String.valueOf(d);
    }
    if (value instanceof Collection<?> items) {
      StringJoiner joiner = new StringJoiner(", ", "[", "]");
      for (Object item : items) {
        joiner.add(
            item instanceof Keyed k
                ? k.key()
                : item instanceof CharSequence ? item.toString() : render(item));
      }
      return joiner.toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner joiner = new StringJoiner(", ", "{", "}");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object k = entry.getKey();
        joiner.add(
            (k instanceof Keyed keyed ? keyed.key() : String.valueOf(k))
                + ": "
                + render(entry.getValue()));
      }
      return joiner.toString();
    }
    return String.valueOf(value);
  }
}
