package io.arrayflow.workloads.spec;

/** What a MAC-bearing layer was written as; all of them are the same loop nest ({@link OpSpec}). */
public enum OpKind {
  /** 2-D convolution, including grouped, depthwise and pointwise. */
  CONV,
  /** Fully connected (linear) layer. */
  FC,
  /** Matrix multiply, batched over groups. */
  MATMUL
}
