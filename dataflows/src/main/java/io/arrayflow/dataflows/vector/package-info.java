/**
 * The vector unit beside the PE array (softmax, layernorm, GELU, pooling, residual add): a layer of
 * element-ops runs as one pass of {@code ceil(ops / lanes)} busy cycles, at event and cycle
 * fidelity on the timing engine as a component of its own ({@code vector-unit}).
 */
package io.arrayflow.dataflows.vector;
