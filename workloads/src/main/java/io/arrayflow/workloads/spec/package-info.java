/**
 * Canonical op specs: the loop nest of a MAC-bearing layer ({@link
 * io.arrayflow.workloads.spec.OpSpec}) and the element count of a vector op, which is all the
 * simulator sees of a workload.
 */
package io.arrayflow.workloads.spec;
