package io.arrayflow.cli.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.DramSpec;
import io.arrayflow.sim.spec.GlbSpec;
import io.arrayflow.sim.spec.MemorySpec;
import io.arrayflow.sim.spec.NocKind;
import io.arrayflow.sim.spec.NocSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.sim.spec.VectorOp;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes an {@link ArchSpec} back as YAML in the schema {@link ArchLoader} reads, with every
 * default made explicit: what {@code arrayflow show arch} prints. Loading the output gives the same
 * spec.
 */
public final class ArchWriter {
  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES));

  private ArchWriter() {}

  /** The resolved config of {@code spec} as YAML. */
  public static String toYaml(ArchSpec spec) {
    try {
      return YAML.writeValueAsString(tree(spec));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> tree(ArchSpec a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.name());
    m.put("description", a.description());
    m.put("clock_mhz", a.clockMhz());
    m.put("energy_table", a.energyTable());
    m.put("datatype", a.datatype().key());
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("weights", a.precision().weights());
    p.put("inputs", a.precision().inputs());
    p.put("outputs", a.precision().outputs());
    p.put("accumulator", a.precision().accumulator());
    if (a.precision().finalOutputs() != a.precision().outputs()) {
      p.put("final_outputs", a.precision().finalOutputs());
    }
    m.put("precision", p);
    Map<String, Object> arr = new LinkedHashMap<>();
    arr.put("rows", a.peArray().rows());
    arr.put("cols", a.peArray().cols());
    m.put("pe_array", arr);
    Map<String, Object> pe = new LinkedHashMap<>();
    Map<String, Object> mac = new LinkedHashMap<>();
    mac.put("latency_cycles", a.pe().mac().latencyCycles());
    mac.put("pipelined", a.pe().mac().pipelined());
    pe.put("mac", mac);
    pe.put("rf", rf(a.pe().rf()));
    m.put("pe", pe);
    m.put("noc", noc(a.noc()));
    m.put("glb", glb(a.glb()));
    m.put("dram", dram(a.dram()));
    if (!a.memories().isEmpty()) {
      List<Object> memories = new ArrayList<>();
      for (MemorySpec memory : a.memories()) {
        Map<String, Object> mm = new LinkedHashMap<>();
        mm.put("name", memory.name());
        mm.put("serves", keys(memory.serves()));
        mm.putAll(dram(memory.spec()));
        memories.add(mm);
      }
      m.put("memories", memories);
    }
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("lanes", a.vectorUnit().lanes());
    Map<String, Object> lat = new LinkedHashMap<>();
    for (VectorOp op : VectorOp.values()) {
      Integer c = a.vectorUnit().latencyCycles().get(op);
      if (c != null) {
        lat.put(op.key(), c);
      }
    }
    v.put("latency_cycles", lat);
    m.put("vector_unit", v);
    return m;
  }

  private static Map<String, Object> rf(RfSpec rf) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (rf.isShared()) {
      m.put("shared", file(rf.shared()));
    } else {
      for (Operand op : Operand.values()) {
        rf.file(op).ifPresent(f -> m.put(op.key(), file(f)));
      }
    }
    return m;
  }

  private static Map<String, Object> file(RfFileSpec f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("words", f.words());
    m.put("read_ports", f.readPorts());
    m.put("write_ports", f.writePorts());
    return m;
  }

  private static Map<String, Object> noc(NocSpec n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", n.kind().key());
    Map<String, Object> w = new LinkedHashMap<>();
    for (Operand op : Operand.values()) {
      w.put(op.key(), n.wordsPerCycle(op));
    }
    m.put("words_per_cycle", w);
    m.put("multicast", n.multicast());
    m.put("hop_latency_cycles", n.hopLatencyCycles());
    if (n.kind() == NocKind.SYSTOLIC) {
      m.put("preload", n.preload().key());
      m.put("weight_fifo_tiles", n.weightFifoTiles());
      m.put("tile_streamed", n.tileStreamed());
    }
    return m;
  }

  private static Map<String, Object> glb(GlbSpec g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("size_kib", g.sizeKiB());
    m.put("banks", g.banks());
    m.put("bank_width_bits", g.bankWidthBits());
    m.put("ports_per_bank", g.portsPerBank());
    if (!g.partition().isEmpty()) {
      Map<String, Object> p = new LinkedHashMap<>();
      for (Operand op : Operand.values()) {
        Integer kib = g.partition().get(op);
        if (kib != null) {
          p.put(op.key(), kib);
        }
      }
      m.put("partition", p);
    }
    m.put("keep", keys(g.keep()));
    if (!g.resident().isEmpty()) {
      m.put("resident", keys(g.resident()));
    }
    m.put("buffers", g.buffers());
    return m;
  }

  private static List<String> keys(java.util.Set<Operand> operands) {
    List<String> out = new ArrayList<>();
    for (Operand op : Operand.values()) {
      if (operands.contains(op)) {
        out.add(op.key());
      }
    }
    return out;
  }

  private static Map<String, Object> dram(DramSpec d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", d.model().key());
    m.put("block_bits", d.blockBits());
    if (d.isSimple()) {
      m.put("bandwidth_bytes_per_cycle", d.bandwidthBytesPerCycle());
      m.put("latency_cycles", d.latencyCycles());
    } else {
      m.put("channels", d.channels());
      m.put("banks", d.banks());
      m.put("bus_bits", d.busBits());
      m.put("clock_mhz", d.clockMhz());
      m.put("burst_length", d.burstLength());
      m.put("row_bytes", d.rowBytes());
      m.put("tRCD", d.tRCD());
      m.put("tCL", d.tCL());
      m.put("tRP", d.tRP());
      m.put("tRAS", d.tRAS());
      m.put("tREFI", d.tREFI());
      m.put("tRFC", d.tRFC());
      m.put("scheduler", d.scheduler().key());
    }
    return m;
  }
}
