package io.arrayflow.workloads.zoo;

/**
 * The size of one model instance: batch, sequence length in tokens (transformers; for a decoder the
 * prompt length, decode step {@code k} attends over {@code seq + k} positions), square image side
 * in pixels (vision models and ViT) and decode steps (decoders). Fields a model does not use are
 * ignored.
 */
public record ModelInput(int batch, int seq, int imageSize, int decodeSteps) {

  /** Validates that batch, seq and imageSize are >= 1 and decodeSteps >= 0. */
  public ModelInput {
    if (batch < 1 || seq < 1 || imageSize < 1 || decodeSteps < 0) {
      throw new IllegalArgumentException(
          "batch, seq and imageSize must be >= 1 and decodeSteps >= 0, were "
              + batch
              + ", "
              + seq
              + ", "
              + imageSize
              + ", "
              + decodeSteps);
    }
  }

  /** An input with {@link Model#DEFAULT_DECODE} decode steps. */
  public ModelInput(int batch, int seq, int imageSize) {
    this(batch, seq, imageSize, Model.DEFAULT_DECODE);
  }
}
