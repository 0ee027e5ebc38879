/**
 * Energy from counts: {@link io.arrayflow.dataflows.cost.EnergyCost} multiplies an executor's
 * access counts, converted to each level's access blocks, by the architecture's energy table.
 */
package io.arrayflow.dataflows.cost;
