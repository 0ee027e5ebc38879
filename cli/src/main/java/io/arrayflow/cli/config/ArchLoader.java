package io.arrayflow.cli.config;

import io.arrayflow.dataflows.cost.EnergyCost;
import io.arrayflow.energy.Arithmetic;
import io.arrayflow.energy.EnergyModel;
import io.arrayflow.energy.EnergyTableException;
import io.arrayflow.energy.EnergyTables;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Datatype;
import io.arrayflow.sim.spec.DramModel;
import io.arrayflow.sim.spec.DramScheduler;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.InvalidSpecException;
import io.arrayflow.sim.spec.MacSpec;
import io.arrayflow.sim.spec.MemorySpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeArraySpec;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.Precision;
import io.arrayflow.sim.spec.Preload;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.spec.SpecViolation;
import io.arrayflow.sim.spec.VectorOp;
import io.arrayflow.sim.spec.VectorUnitSpec;
import io.arrayflow.sim.stats.Counters;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads an architecture YAML (schema: {@code configs/arch/reference.yaml}) into an {@link
 * ArchSpec}. Types and unknown keys are checked here; value rules live in the spec records, whose
 * violations are reported at the line of the offending value. Every problem in the file is reported
 * together.
 */
public final class ArchLoader {
  private static final int ANY = Integer.MIN_VALUE;

  private final ConfigReader reader;
  private final Node root;
  private final Path baseDir;

  private ArchLoader(Node root, String file, Path baseDir) {
    this.reader = new ConfigReader(file);
    this.root = root;
    this.baseDir = baseDir;
  }

  /**
   * Reads {@code root} (already carrying any {@code --set} overrides); {@code baseDir} resolves a
   * relative energy-table path, null for built-ins.
   */
  public static ArchSpec load(Node root, String file, Path baseDir) {
    return new ArchLoader(root, file, baseDir).read();
  }

  private static List<String> keys(Class<? extends Enum<?>> type) {
    List<String> out = new ArrayList<>();
    for (Enum<?> e : type.getEnumConstants()) {
      out.add(((io.arrayflow.sim.spec.Keyed) e).key());
    }
    return out;
  }

  private ArchSpec read() {
    Section doc = reader.root(root);
    String name = doc.requiredString("name");
    String description = doc.optionalString("description", "");
    double clockMhz = doc.optionalNumber("clock_mhz", 1);
    if (!doc.has("clock_mhz")) {
      doc.problem("clock_mhz", "required field is missing");
    }
    String energyTable = doc.requiredString("energy_table");
    Datatype datatype = Datatype.named(doc.optionalChoice("datatype", "int", keys(Datatype.class)));

    Section prec = doc.optionalSection("precision");
    Precision d = Precision.defaults();
    Precision precision =
        capture(
            prec,
            () ->
                finalOutputs(
                    prec,
                    prec.optionalInt("weights", d.weights(), ANY),
                    prec.optionalInt("inputs", d.inputs(), ANY),
                    prec.optionalInt("outputs", d.outputs(), ANY),
                    prec.optionalInt("accumulator", d.accumulator(), ANY)));

    PeArraySpec peArray;
    if (doc.has("pe_array")) {
      Section arr = doc.section("pe_array");
      int rows = arr.requiredInt("rows", 1);
      int cols = arr.requiredInt("cols", 1);
      peArray = capture(arr, () -> new PeArraySpec(rows, cols));
    } else {
      doc.problem("pe_array", "required field is missing");
      peArray = null;
    }

    PeSpec pe = pe(doc.optionalSection("pe"));
    NocSpec noc = noc(doc.optionalSection("noc"));
    GlbSpec glb = glb(doc.optionalSection("glb"));
    DramSpec dram = dram(doc.optionalSection("dram"));
    List<MemorySpec> memories = memories(doc);
    VectorUnitSpec vector = vector(doc.optionalSection("vector_unit"));
    doc.finish();

    EnergyModel table = null;
    if (!energyTable.isEmpty()) {
      Path base = baseDir == null ? Path.of(".") : baseDir;
      boolean exists =
          EnergyTables.builtInNames().contains(energyTable) || fileExists(base, energyTable);
      if (!exists) {
        doc.problem(
            "energy_table",
            "no such energy table '"
                + energyTable
                + "'; expected a built-in ("
                + String.join(", ", EnergyTables.builtInNames())
                + ") or a YAML file path");
      } else {
        try {
          table = EnergyTables.resolve(energyTable, base);
          if (datatype == Datatype.FP && !table.supports(Arithmetic.FP)) {
            doc.problem(
                "energy_table",
                "datatype fp needs a table with an fp_mac section; "
                    + table.name()
                    + " has none (horowitz-45nm has one)");
          }
        } catch (EnergyTableException e) {
          for (String m : e.messages()) {
            doc.problem("energy_table", "the energy table is invalid: " + m);
          }
        }
      }
    }
    // Sub-records that failed are replaced by their defaults so that the top-level fields are
    // still checked; violations about the replaced parts are not reported (they would be noise).
    Set<String> failed = new java.util.HashSet<>();
    Precision precisionOk = orDefault(precision, Precision.defaults(), "precision", failed);
    PeArraySpec arrayOk = orDefault(peArray, new PeArraySpec(1, 1), "pe_array", failed);
    PeSpec peOk = orDefault(pe, PeSpec.defaults(), "pe", failed);
    NocSpec nocOk = orDefault(noc, NocSpec.defaults(), "noc", failed);
    GlbSpec glbOk = orDefault(glb, GlbSpec.defaults(), "glb", failed);
    DramSpec dramOk = orDefault(dram, DramSpec.defaults(), "dram", failed);
    VectorUnitSpec vectorOk = orDefault(vector, VectorUnitSpec.defaults(), "vector_unit", failed);
    ArchSpec spec = null;
    try {
      spec =
          ArchSpec.builder(name.isEmpty() ? "unnamed" : name, clockMhz, energyTable, arrayOk)
              .description(description)
              .datatype(datatype)
              .precision(precisionOk)
              .pe(peOk)
              .noc(nocOk)
              .glb(glbOk)
              .dram(dramOk)
              .memories(memories)
              .vectorUnit(vectorOk)
              .build();
    } catch (InvalidSpecException e) {
      for (SpecViolation v : e.violations()) {
        String head = v.path().split("\\.")[0];
        if (!failed.contains(head) && !(v.path().equals("name") && name.isEmpty())) {
          reader.problem(locate(v.path()), v.path(), withoutPath(v));
        }
      }
    }
    if (spec != null && table != null && reader.problemCount() == 0) {
      try {
        // Every energy lookup a run makes, with no counts: a width or technology the table cannot
        // cost is found here instead of after the simulation.
        EnergyCost.of(new Counters("probe").snapshot(), spec, table, 0);
      } catch (IllegalArgumentException e) {
        doc.problem("energy_table", "cannot cost this architecture: " + e.getMessage());
      }
    }
    reader.throwIfProblems();
    return spec;
  }

  /** The precision with {@code final_outputs} if given, else as wide as the outputs. */
  private static Precision finalOutputs(
      Section prec, int weights, int inputs, int outputs, int accumulator) {
    return prec.has("final_outputs")
        ? new Precision(
            weights, inputs, outputs, accumulator, prec.optionalInt("final_outputs", outputs, ANY))
        : new Precision(weights, inputs, outputs, accumulator);
  }

  private static boolean fileExists(Path base, String name) {
    try {
      return java.nio.file.Files.exists(base.resolve(name));
    } catch (java.nio.file.InvalidPathException e) {
      return false;
    }
  }

  private static <T> T orDefault(T value, T fallback, String key, Set<String> failed) {
    if (value == null) {
      failed.add(key);
      return fallback;
    }
    return value;
  }

  private PeSpec pe(Section pe) {
    Section mac = pe.optionalSection("mac");
    MacSpec md = MacSpec.defaults();
    MacSpec macSpec =
        capture(
            mac,
            () ->
                new MacSpec(
                    mac.optionalInt("latency_cycles", md.latencyCycles(), ANY),
                    mac.optionalBoolean("pipelined", md.pipelined())));
    RfSpec rf;
    if (pe.has("rf")) {
      Section rfs = pe.section("rf");
      RfFileSpec weights = rfFile(rfs, "weights");
      RfFileSpec inputs = rfFile(rfs, "inputs");
      RfFileSpec outputs = rfFile(rfs, "outputs");
      RfFileSpec shared = rfFile(rfs, "shared");
      rf = capture(rfs, () -> new RfSpec(weights, inputs, outputs, shared));
    } else {
      rf = RfSpec.defaults();
    }
    pe.finish();
    return macSpec == null || rf == null ? null : build(pe, () -> new PeSpec(macSpec, rf));
  }

  private RfFileSpec rfFile(Section rf, String key) {
    if (!rf.has(key)) {
      return null;
    }
    Section f = rf.section(key);
    return capture(
        f,
        () ->
            new RfFileSpec(
                f.requiredInt("words", 1),
                f.optionalInt("read_ports", 1, ANY),
                f.optionalInt("write_ports", 1, ANY)));
  }

  private NocSpec noc(Section s) {
    NocSpec.Builder b = NocSpec.builder();
    b.kind(NocKind.named(s.optionalChoice("kind", "multicast", keys(NocKind.class))));
    Section wpc = s.optionalSection("words_per_cycle");
    for (Operand op : Operand.values()) {
      if (wpc.has(op.key())) {
        b.wordsPerCycle(op, wpc.optionalInt(op.key(), 1, ANY));
      }
    }
    wpc.finish();
    if (s.has("multicast")) {
      b.multicast(s.optionalBoolean("multicast", true));
    }
    if (s.has("hop_latency_cycles")) {
      b.hopLatencyCycles(s.optionalInt("hop_latency_cycles", 1, ANY));
    }
    if (s.has("preload")) {
      b.preload(Preload.named(s.optionalChoice("preload", "serial", keys(Preload.class))));
    }
    if (s.has("weight_fifo_tiles")) {
      b.weightFifoTiles(s.optionalInt("weight_fifo_tiles", 0, ANY));
    }
    if (s.has("tile_streamed")) {
      b.tileStreamed(s.optionalBoolean("tile_streamed", true));
    }
    return capture(s, b::build);
  }

  private GlbSpec glb(Section s) {
    GlbSpec.Builder b = GlbSpec.builder();
    GlbSpec d = GlbSpec.defaults();
    b.sizeKiB(s.optionalInt("size_kib", d.sizeKiB(), ANY));
    b.banks(s.optionalInt("banks", d.banks(), ANY));
    b.bankWidthBits(s.optionalInt("bank_width_bits", d.bankWidthBits(), ANY));
    b.portsPerBank(s.optionalInt("ports_per_bank", d.portsPerBank(), ANY));
    if (s.has("partition")) {
      Section p = s.section("partition");
      for (Operand op : Operand.values()) {
        if (p.has(op.key())) {
          b.partition(op, p.optionalInt(op.key(), 0, ANY));
        }
      }
      p.finish();
    }
    if (s.has("keep")) {
      b.keep(operands(s, "keep"));
    }
    if (s.has("resident")) {
      b.resident(operands(s, "resident"));
    }
    if (s.has("double_buffered") && s.has("buffers")) {
      s.problem(
          "buffers", "give either buffers or double_buffered (true means buffers: 2), not both");
    } else if (s.has("double_buffered")) {
      b.doubleBuffered(s.optionalBoolean("double_buffered", d.doubleBuffered()));
    } else if (s.has("buffers")) {
      b.buffers(s.optionalInt("buffers", d.buffers(), ANY));
    }
    return capture(s, b::build);
  }

  private static Set<Operand> operands(Section s, String key) {
    Set<Operand> ops = EnumSet.noneOf(Operand.class);
    for (String k : s.optionalChoices(key, List.of(), keys(Operand.class))) {
      ops.add(Operand.named(k));
    }
    return ops;
  }

  /** The off-chip memories beside {@code dram}: {@code memories:}, a list of named memories. */
  private List<MemorySpec> memories(Section doc) {
    List<MemorySpec> out = new ArrayList<>();
    List<Node> items = doc.optionalList("memories");
    for (int i = 0; i < items.size(); i++) {
      Section m = doc.listItem("memories", i, items.get(i));
      String name = m.requiredString("name");
      Set<Operand> serves = m.has("serves") ? operands(m, "serves") : Set.of();
      if (!m.has("serves")) {
        m.problem("serves", "required field is missing");
      }
      DramSpec spec = dram(m, false);
      if (spec != null) {
        MemorySpec memory = build(m, () -> new MemorySpec(name, serves, spec));
        if (memory != null) {
          out.add(memory);
        }
      }
      m.finish();
    }
    return out;
  }

  private DramSpec dram(Section s) {
    return dram(s, true);
  }

  /** A DRAM spec from {@code s}'s memory keys; {@code finish} checks that no other key is there. */
  private DramSpec dram(Section s, boolean finish) {
    DramModel model = DramModel.named(s.optionalChoice("model", "simple", keys(DramModel.class)));
    DramSpec.Builder b = DramSpec.builder(model);
    if (s.has("block_bits")) {
      b.blockBits(s.optionalInt("block_bits", 64, ANY));
    }
    if (s.has("bandwidth_bytes_per_cycle")) {
      b.bandwidthBytesPerCycle(s.optionalNumber("bandwidth_bytes_per_cycle", 8));
    }
    if (s.has("latency_cycles")) {
      b.latencyCycles(s.optionalLong("latency_cycles", 100, Long.MIN_VALUE));
    }
    if (s.has("channels")) {
      b.channels(s.optionalInt("channels", 1, ANY));
    }
    if (s.has("banks")) {
      b.banks(s.optionalInt("banks", 1, ANY));
    }
    if (s.has("bus_bits")) {
      b.busBits(s.optionalInt("bus_bits", 64, ANY));
    }
    if (s.has("clock_mhz")) {
      b.clockMhz(s.optionalNumber("clock_mhz", 1000));
    }
    if (s.has("burst_length")) {
      b.burstLength(s.optionalInt("burst_length", 8, ANY));
    }
    if (s.has("row_bytes")) {
      b.rowBytes(s.optionalInt("row_bytes", 8192, ANY));
    }
    timing(s, "tRCD", b::tRCD);
    timing(s, "tCL", b::tCL);
    timing(s, "tRP", b::tRP);
    timing(s, "tRAS", b::tRAS);
    timing(s, "tREFI", b::tREFI);
    timing(s, "tRFC", b::tRFC);
    if (s.has("scheduler")) {
      b.scheduler(
          DramScheduler.named(s.optionalChoice("scheduler", "fcfs", keys(DramScheduler.class))));
    }
    return finish ? capture(s, b::build) : build(s, b::build);
  }

  private static void timing(
      Section s, String key, java.util.function.IntFunction<DramSpec.Builder> set) {
    if (s.has(key)) {
      set.apply(s.optionalInt(key, 1, ANY));
    }
  }

  private VectorUnitSpec vector(Section s) {
    VectorUnitSpec.Builder b = VectorUnitSpec.builder();
    if (s.has("lanes")) {
      b.lanes(s.optionalInt("lanes", 16, ANY));
    }
    if (s.has("latency_cycles")) {
      Section lat = s.section("latency_cycles");
      for (VectorOp op : VectorOp.values()) {
        if (lat.has(op.key())) {
          b.latencyCycles(op, lat.optionalInt(op.key(), 1, ANY));
        }
      }
      lat.finish();
    }
    return capture(s, b::build);
  }

  /**
   * Builds a record now (after the section's keys are read and checked), remembering the result or
   * reporting its violations under the section's path; the supplier returns null on failure.
   */
  private <T> T capture(Section s, Supplier<T> make) {
    T value = build(s, make);
    s.finish();
    return value;
  }

  private <T> T build(Section s, Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidSpecException e) {
      for (SpecViolation v : e.violations()) {
        SpecViolation at = v.prefixed(s.path());
        reader.problem(locate(at.path()), at.path(), withoutPath(v));
      }
      return null;
    }
  }

  private static String withoutPath(SpecViolation v) {
    String m = v.message();
    return v.path().isEmpty() ? m : m.substring(v.path().length() + 2);
  }

  /** The node at a dotted YAML path, or its nearest present ancestor. */
  private Node locate(String path) {
    Node at = root;
    if (path.isEmpty()) {
      return at;
    }
    for (String part : path.split("\\.")) {
      int bracket = part.indexOf('[');
      String key = bracket < 0 ? part : part.substring(0, bracket);
      if (!(at instanceof Node.MapNode m && m.entries().containsKey(key))) {
        break;
      }
      at = m.entries().get(key);
      if (bracket >= 0 && at instanceof Node.ListNode list) {
        int i = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
        if (i < list.items().size()) {
          at = list.items().get(i);
        }
      }
    }
    return at;
  }
}
