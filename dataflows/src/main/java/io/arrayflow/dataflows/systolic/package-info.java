/**
 * The cycle-level systolic-array executor: a conv layer viewed as a GEMM of output pixels × filters
 * × window ({@link io.arrayflow.dataflows.systolic.GemmDim}), mapped onto a rows × cols array by a
 * {@link io.arrayflow.dataflows.systolic.SystolicDataflow} (WS, OS, IS as in SCALE-Sim v2, Samajdar
 * et al., ISPASS 2020) and stepped PE by PE with real int or float values by {@link
 * io.arrayflow.dataflows.systolic.SystolicArray}, whose cycle count reproduces SCALE-Sim's; {@link
 * io.arrayflow.dataflows.systolic.SystolicExecutor} adds the analytical and event fidelities, the
 * DRAM tile model and the common {@link io.arrayflow.dataflows.exec.Execution} (docs/counting.md
 * and docs/execution.md, systolic sections).
 */
package io.arrayflow.dataflows.systolic;
