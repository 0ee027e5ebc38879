package io.arrayflow.sim.spec;

/**
 * Bits per word of each operand ({@code precision:} in YAML): weights, inputs, outputs (as stored
 * outside the PE) and the MAC accumulator, each 1..64, with the accumulator at least as wide as the
 * outputs.
 */
public record Precision(int weights, int inputs, int outputs, int accumulator) {

  /** Validates every width and that {@code accumulator >= outputs}. */
  public Precision {
    Violations v = new Violations();
    v.between("weights", weights, 1, 64);
    v.between("inputs", inputs, 1, 64);
    v.between("outputs", outputs, 1, 64);
    v.between("accumulator", accumulator, 1, 64);
    v.check(
        accumulator >= outputs, "accumulator", accumulator, "must be >= outputs (" + outputs + ")");
    v.throwIfAny();
  }

  /** The documented defaults: 16-bit weights, inputs and outputs, 32-bit accumulator. */
  public static Precision defaults() {
    return new Precision(16, 16, 16, 32);
  }

  /** Bits per word of {@code operand}. */
  public int bits(Operand operand) {
    return switch (operand) {
      case WEIGHTS -> weights;
      case INPUTS -> inputs;
      case OUTPUTS -> outputs;
    };
  }
}
