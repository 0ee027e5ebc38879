package io.arrayflow.sim.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A member of a closed set that has a config key: the enum name in lower case with {@code _} as
 * {@code -} ({@code FR_FCFS} is {@code fr-fcfs}). {@link #named} looks a key up and, for an unknown
 * key, throws an {@link InvalidSpecException} listing the valid keys.
 */
public interface Keyed {

  /** The enum constant's name. */
  String name();

  /** The key used in configs and reports. */
  default String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The constant of {@code type} whose key is {@code key} (case-insensitive); throws if none. */
  static <E extends Enum<E> & Keyed> E named(Class<E> type, String key) {
    E[] constants = type.getEnumConstants();
    List<String> keys = new ArrayList<>();
    for (E constant : constants) {
      if (key != null && constant.key().equalsIgnoreCase(key.trim())) {
        return constant;
      }
      keys.add(constant.key());
    }
    throw new InvalidSpecException(
        List.of(new SpecViolation("", key, "must be one of " + String.join(", ", keys))));
  }
}
