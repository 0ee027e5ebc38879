package io.arrayflow.cli;

import io.arrayflow.cli.config.ConfigException;
import io.arrayflow.dataflows.Dataflow;
import io.arrayflow.dataflows.run.ResourceEstimate;
import io.arrayflow.sim.result.Fidelity;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.Layer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses, before anything runs, layers that this JVM cannot run: sizes the executors cannot
 * represent, or more heap than is free ({@link ResourceEstimate}). The message gives the estimate
 * and the option that allows the run: a larger heap through {@code ARRAYFLOW_JAVA_OPTS}, which the
 * {@code ./arrayflow} launcher passes to Java.
 */
final class Resources {
  private Resources() {}

  /** Checks every MAC layer of {@code layers} under every dataflow of {@code dataflows}. */
  static void require(ArchSpec arch, List<Layer> layers, List<Dataflow> dataflows, Fidelity f) {
    List<String> problems = new ArrayList<>();
    for (Dataflow d : dataflows) {
      for (Layer l : layers) {
        if (l.isMac()) {
          problems.addAll(problems(arch, l.mac(), d, f));
        }
      }
    }
    if (f == Fidelity.CYCLE) {
      for (Layer l : layers) {
        if (!l.isMac() && !l.vector().kind().pooling()) {
          problems.addAll(vectorProblems(l.vector()));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * A vector layer at cycle fidelity holds its inputs and its output as float arrays (the
   * reference's output too when verified): each within one Java array, all within the free heap.
   */
  private static List<String> vectorProblems(VectorOpSpec v) {
    String where = "layer '" + v.name() + "' at --fidelity cycle: ";
    if (v.elements() > ResourceEstimate.MAX_ARRAY) {
      return List.of(
          where
              + v.elements()
              + " elements do not fit one Java array (at most "
              + ResourceEstimate.MAX_ARRAY
              + "); run it at --fidelity event");
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long need = 4 * v.elements() * (v.kind().inputTensors() + 2L);
    if (need <= free) {
      return List.of();
    }
    return List.of(
        where
            + "needs about "
            + ResourceEstimate.describeBytes(need)
            + " of heap, more than the "
            + ResourceEstimate.describeBytes(free)
            + " free here; give Java more with ARRAYFLOW_JAVA_OPTS=-Xmx"
            + ((need >> 30) + 1)
            + "g or run it at --fidelity event");
  }

  /** Checks one op. */
  static void require(ArchSpec arch, OpSpec op, Dataflow d, Fidelity f) {
    List<String> problems = problems(arch, op, d, f);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  private static List<String> problems(ArchSpec arch, OpSpec op, Dataflow d, Fidelity f) {
    List<String> out = ResourceEstimate.limitProblems(arch, op, d, f);
    if (!out.isEmpty()) {
      return out;
    }
    Runtime rt = Runtime.getRuntime();
    long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    long need = ResourceEstimate.heapBytes(arch, op, d, f);
    if (need <= free) {
      return out;
    }
    long machine = machineMemory();
    String hint =
        machine > 0 && need > machine
            ? "; that is more than this machine's "
                + ResourceEstimate.describeBytes(machine)
                + " of memory: run a smaller layer or a lower --fidelity"
            : "; give Java more with ARRAYFLOW_JAVA_OPTS=-Xmx"
                + ((need >> 30) + 1)
                + "g"
                + (machine > 0
                    ? " (this machine has " + ResourceEstimate.describeBytes(machine) + ")"
                    : "");
    out.add(
        ResourceEstimate.where(op, d, f)
            + "needs about "
            + ResourceEstimate.describeBytes(need)
            + " of heap, more than the "
            + ResourceEstimate.describeBytes(free)
            + " free here"
            + hint);
    return out;
  }

  /** Physical memory in bytes, or 0 if the JVM does not say. */
  private static long machineMemory() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0;
  }
}
