package io.arrayflow.sim.spec;

/**
 * Bits per word of each operand ({@code precision:} in YAML): weights, inputs, outputs (partial
 * sums as stored outside the PE), the MAC accumulator, and final outputs — a finished output as it
 * leaves the array after an activation unit (the TPU writes 8-bit activations from its 32-bit
 * accumulators), which is what a resident output occupies in the GLB and what its last write-back
 * moves off chip. Each 1..64; the accumulator at least as wide as the outputs; final outputs
 * default to the outputs' width.
 */
public record Precision(int weights, int inputs, int outputs, int accumulator, int finalOutputs) {

  /**
   * Validates every width, that {@code accumulator >= outputs} and {@code finalOutputs <=
   * accumulator}.
   */
  public Precision {
    Violations v = new Violations();
    v.between("weights", weights, 1, 64);
    v.between("inputs", inputs, 1, 64);
    v.between("outputs", outputs, 1, 64);
    v.between("accumulator", accumulator, 1, 64);
    v.check(
        accumulator >= outputs, "accumulator", accumulator, "must be >= outputs (" + outputs + ")");
    if (finalOutputs != outputs) {
      v.between("final_outputs", finalOutputs, 1, 64);
      v.check(
          finalOutputs <= accumulator,
          "final_outputs",
          finalOutputs,
          "must be <= accumulator (" + accumulator + ")");
    }
    v.throwIfAny();
  }

  /** Widths with final outputs as wide as the outputs. */
  public Precision(int weights, int inputs, int outputs, int accumulator) {
    this(weights, inputs, outputs, accumulator, outputs);
  }

  /** The documented defaults: 16-bit weights, inputs and outputs, 32-bit accumulator. */
  public static Precision defaults() {
    return new Precision(16, 16, 16, 32);
  }

  /** Bits per word of {@code operand} (outputs: as partial sums). */
  public int bits(Operand operand) {
    return switch (operand) {
      case WEIGHTS -> weights;
      case INPUTS -> inputs;
      case OUTPUTS -> outputs;
    };
  }
}
