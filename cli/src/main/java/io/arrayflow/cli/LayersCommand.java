package io.arrayflow.cli;

import io.arrayflow.reports.table.ReportFormat;
import io.arrayflow.reports.table.Table;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.VectorOpSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Workload;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code arrayflow layers}: one row per layer with its dims, MACs and operand sizes. */
@Command(
    name = "layers",
    mixinStandardHelpOptions = true,
    description = "List a workload's layers: dims, MACs, operand sizes, and a TOTAL row.")
final class LayersCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin WorkloadOption workload;

  @Mixin FormatOption format;

  @Override
  public Integer call() {
    ReportFormat fmt = format.get();
    Workload w = workload.get();
    spec.commandLine().getOut().print(fmt.render(table(w)));
    return 0;
  }

  /** The layer table of {@code w}, with a TOTAL row. */
  static Table table(Workload w) {
    Table.Builder t =
        Table.withColumns(
            "workload",
            "layer",
            "type",
            "dims",
            "macs",
            "weights",
            "inputs",
            "outputs",
            "vector_ops");
    long macs = 0;
    long weights = 0;
    long inputs = 0;
    long outputs = 0;
    long vector = 0;
    for (Layer l : w.layers()) {
      if (l.isMac()) {
        OpSpec s = l.mac();
        t.row(
            w.name(),
            l.name(),
            s.kind().name().toLowerCase(Locale.ROOT),
            dims(s) + traits(l),
            s.macs(),
            s.weightElements(),
            s.inputElements(),
            s.outputElements(),
            0L);
        macs += s.macs();
        weights += s.weightElements();
        inputs += s.inputElements();
        outputs += s.outputElements();
      } else {
        VectorOpSpec v = l.vector();
        t.row(
            w.name(),
            l.name(),
            v.kind().key(),
            "elements="
                + v.elements()
                + (v.kind().rowWise() && v.rows() > 1 ? " row=" + v.rowLength() : "")
                + (v.causalQueries() > 0 ? " causal" : "")
                + traits(l),
            0L,
            0L,
            0L,
            0L,
            v.ops());
        vector += v.ops();
      }
    }
    t.row(
        w.name(),
        "TOTAL",
        "",
        w.layers().size() + " layers",
        macs,
        weights,
        inputs,
        outputs,
        vector);
    return t.build();
  }

  /** A transformer layer's traits: {@code causal}, {@code kv-cache}, {@code fused}. */
  private static String traits(Layer l) {
    return (l.causal() != null ? " causal" : "")
        + (l.kvCacheElements() > 0 ? " kv-cache" : "")
        + (l.fused() ? " fused" : "");
  }

  /** Compact dims: {@code N1 G1 M96 C3 H227 W227 R11 S11 P55 Q55 stride4 pad0}. */
  static String dims(OpSpec s) {
    StringBuilder sb = new StringBuilder();
    sb.append("N").append(s.n());
    if (s.g() > 1) {
      sb.append(" G").append(s.g());
    }
    sb.append(" M").append(s.m()).append(" C").append(s.c());
    sb.append(" P").append(s.p()).append(" Q").append(s.q());
    if (s.r() > 1 || s.s() > 1) {
      sb.append(" R").append(s.r()).append(" S").append(s.s());
    }
    if (s.strideH() > 1 || s.strideW() > 1) {
      sb.append(" stride").append(s.strideH());
      if (s.strideW() != s.strideH()) {
        sb.append('x').append(s.strideW());
      }
    }
    if (s.padH() > 0 || s.padW() > 0) {
      sb.append(" pad").append(s.padH());
    }
    if (s.dilationH() > 1) {
      sb.append(" dil").append(s.dilationH());
    }
    if (!s.weightsStatic()) {
      sb.append(" dynamic-weights");
    }
    return sb.toString();
  }
}
