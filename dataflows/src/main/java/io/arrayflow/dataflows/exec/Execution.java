package io.arrayflow.dataflows.exec;

import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.stats.Stats;

/**
 * What an executor reports for one op under one mapping at one fidelity, before energy: MACs,
 * cycles, the PEs that do work, and a {@link Stats} snapshot holding the access counts in operand
 * values (words of the operand's precision, not blocks) per level × operand × action, and the
 * cycles the array waited, by cause (each waiting cycle attributed to one cause, so their sum is at
 * most {@code cycles}). Memory components' request-side stall figures are not array stalls and are
 * not included.
 *
 * @param fidelity how the figures were computed
 * @param macs multiply-accumulates
 * @param cycles core cycles from the first transfer to the last output written back
 * @param utilisedPes PEs that do work (the product of the spatial factors, or of the used rows and
 *     columns of a systolic array)
 * @param stats access counts in values and array stall cycles by cause
 * @param mapping a one-line description of the mapping or fold schedule that ran
 */
public record Execution(
    Fidelity fidelity, long macs, long cycles, long utilisedPes, Stats stats, String mapping) {}
