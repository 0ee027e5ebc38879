package io.arrayflow.cli;

import io.arrayflow.cli.config.ArchWriter;
import io.arrayflow.reports.manifest.Manifest;
import io.arrayflow.sim.spec.ArchSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** The {@code manifest.json} of a result set: what ran, so the numbers can be reproduced. */
final class Manifests {
  private Manifests() {}

  /** The fields every manifest starts with: program, commit, command line. */
  static Manifest start(CommandSpec spec) {
    List<String> command = new ArrayList<>(List.of("arrayflow"));
    command.addAll(spec.root().commandLine().getParseResult().originalArgs());
    return new Manifest()
        .put("arrayflow", BuildInfo.version())
        .put("git_commit", BuildInfo.gitCommit())
        .put("command", String.join(" ", command));
  }

  /** The manifest of a run or compare of {@code workload} on {@code target}'s arch. */
  static Manifest ofRun(
      CommandSpec spec, Target target, ArchSpec arch, String workload, String fidelity) {
    return start(spec)
        .put("arch", target.manifest(arch))
        .put("workload", workload)
        .put("fidelity", fidelity)
        .put("seed", null);
  }

  /**
   * The architecture as run: where it came from, the overrides applied, the resolved config after
   * defaults and overrides (as {@code arrayflow show arch} prints it) and that text's SHA-256.
   */
  static Map<String, Object> arch(String source, String label, List<String> sets, ArchSpec a) {
    String yaml = ArchWriter.toYaml(a);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", source);
    m.put("label", label);
    m.put("overrides", List.copyOf(sets));
    m.put("sha256", Manifest.sha256(yaml));
    m.put("resolved", yaml);
    return m;
  }
}
