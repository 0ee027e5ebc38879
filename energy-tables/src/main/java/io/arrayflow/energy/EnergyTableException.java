package io.arrayflow.energy;

import java.util.List;

/**
 * An energy table that cannot be used: every problem found in one file, each message naming the
 * file, the YAML path, the bad value and what is allowed, e.g. {@code my.yaml: glb.read: must be >=
 * 0, was -3}. The exception message lists them one per line.
 */
public final class EnergyTableException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  // An array, not a List: a serializable exception needs serializable fields.
  private final String[] messages;

  /** An exception carrying {@code messages} (at least one), in the order they were found. */
  public EnergyTableException(List<String> messages) {
    super(String.join("\n", requireNonEmpty(messages)));
    this.messages = messages.toArray(new String[0]);
  }

  /** Every problem found, in the order found. */
  public List<String> messages() {
    return List.of(messages);
  }

  private static List<String> requireNonEmpty(List<String> messages) {
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("an EnergyTableException needs at least one message");
    }
    return messages;
  }
}
