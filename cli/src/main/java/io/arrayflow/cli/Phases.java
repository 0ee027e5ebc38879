package io.arrayflow.cli;

import io.arrayflow.dataflows.run.KvCachePlacement;
import io.arrayflow.reports.results.ResultTables;
import io.arrayflow.sim.result.LayerResult;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.workloads.zoo.Layer;
import io.arrayflow.workloads.zoo.Phase;
import io.arrayflow.workloads.zoo.Workload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A decoder's results per phase (docs/transformers.md, "Decode"): for each dataflow a row per phase
 * — {@code prefill}, {@code decode.1} … — summing its layers, then {@code decode} (every step
 * together) and {@code TOTAL}, with the tokens each processes (a prefill the prompt's, a step one
 * per sequence), the context length when it ends, where the KV cache lives, tokens per second,
 * energy per token and MACs per DRAM byte.
 */
final class Phases {
  /** The extra columns, after the result table's own. */
  static final List<String> COLUMNS =
      List.of(
          "tokens",
          "context",
          "kv_cache",
          "tokens_per_s",
          "energy_per_token",
          "macs_per_dram_byte");

  /** The row summing every decode step. */
  static final String DECODE = "decode";

  private final Workload workload;
  private final Map<String, Info> info = new HashMap<>();
  private final Map<String, Phase> phaseOfLayer = new HashMap<>();
  private int decodeSteps;

  /** What a phase row shows beside its sums. */
  private record Info(long tokens, long context, String kvCache) {}

  /** The phases of {@code w} on {@code arch} (where its KV cache lives there). */
  Phases(Workload w, ArchSpec arch) {
    this.workload = w;
    long decodeTokens = 0;
    List<String> decodeKv = new ArrayList<>();
    Phase last = null;
    for (Phase p : w.phases()) {
      String kv = "-";
      for (int i = p.firstLayer(); i < p.endLayer(); i++) {
        Layer l = w.layers().get(i);
        phaseOfLayer.put(l.name(), p);
        if (l.kvCacheElements() > 0) {
          kv = KvCachePlacement.of(arch, l.kvCacheElements()).where();
        }
      }
      info.put(p.name(), new Info(p.tokens(), p.contextLength(), kv));
      if (p.decode()) {
        decodeSteps++;
        decodeTokens += p.tokens();
        if (!decodeKv.contains(kv)) {
          decodeKv.add(kv);
        }
      }
      last = p;
    }
    long total = 0;
    for (Phase p : w.phases()) {
      total += p.tokens();
    }
    long context = last == null ? 0 : last.contextLength();
    info.put(DECODE, new Info(decodeTokens, context, String.join("→", decodeKv)));
    info.put(Layer.TOTAL, new Info(total, context, "-"));
  }

  /** Whether the workload has phases to show. */
  boolean any() {
    return !workload.phases().isEmpty();
  }

  /**
   * The phase rows of {@code rows} (per-layer rows and TOTALs, as {@code Runs} gives them): per
   * dataflow, each phase, then {@code decode} when there are several steps, then TOTAL. Empty
   * unless every layer of the workload has a row.
   */
  List<LayerResult> rows(List<LayerResult> rows) {
    Map<String, List<LayerResult>> byDataflow = new LinkedHashMap<>();
    for (LayerResult r : rows) {
      if (!r.layer().equals(Layer.TOTAL)) {
        byDataflow.computeIfAbsent(r.dataflow(), k -> new ArrayList<>()).add(r);
      }
    }
    List<LayerResult> out = new ArrayList<>();
    for (List<LayerResult> layers : byDataflow.values()) {
      if (layers.size() != workload.layers().size()) {
        return List.of();
      }
      Map<String, List<LayerResult>> byPhase = new LinkedHashMap<>();
      List<LayerResult> steps = new ArrayList<>();
      for (LayerResult r : layers) {
        Phase p = phaseOfLayer.get(r.layer());
        byPhase.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(r);
        if (p.decode()) {
          steps.add(r);
        }
      }
      byPhase.forEach((name, group) -> out.add(sum(group, name)));
      if (decodeSteps > 1) {
        out.add(sum(steps, DECODE));
      }
      out.add(sum(layers, Layer.TOTAL));
    }
    return out;
  }

  private static LayerResult sum(List<LayerResult> group, String name) {
    LayerResult total = ResultTables.total(group);
    return total.relabeled(total.arch(), name);
  }

  /** The extra columns of a phase row. */
  ResultTables.Extra extra() {
    return new ResultTables.Extra(
        COLUMNS,
        r -> {
          Info i = info.get(r.layer());
          double seconds = r.latencyMs() / 1000;
          List<Object> cells = new ArrayList<>();
          cells.add(i.tokens());
          cells.add(i.context());
          cells.add(i.kvCache());
          cells.add(seconds > 0 ? round(i.tokens() / seconds) : null);
          cells.add(String.format(java.util.Locale.ROOT, "%.4g", r.energy().total() / i.tokens()));
          Double intensity = ResultTables.intensity(r);
          cells.add(intensity == null ? null : round(intensity));
          return cells;
        });
  }

  /** Three significant digits at least, no more decimals than that needs. */
  private static double round(double v) {
    double scale =
        Math.pow(10, Math.max(0, 2 - (int) Math.floor(Math.log10(Math.abs(v) + 1e-300))));
    return Math.round(v * scale) / scale;
  }
}
