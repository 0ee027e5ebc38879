/**
 * The functional reference engine: plain, deterministic implementations of every op the models use
 * (conv2d with stride, padding, dilation and groups in float and bit-exact int; linear; matmul and
 * batched matmul; scaled dot-product and multi-head attention with a KV cache; softmax; layernorm;
 * ReLU, ReLU6 and GELU; max and average pooling; residual add; flatten), plus {@link
 * io.arrayflow.workloads.ops.Reference}, which runs any {@link io.arrayflow.workloads.spec.OpSpec}
 * in exactly its loop nest and tensor layouts and is what the cycle-level simulator is checked
 * against. Hot loops run over primitive arrays with the innermost loop contiguous in memory.
 */
package io.arrayflow.workloads.ops;
