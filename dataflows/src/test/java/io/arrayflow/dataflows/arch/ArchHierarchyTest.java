package io.arrayflow.dataflows.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.dataflows.mapping.Capacity;
import io.arrayflow.dataflows.mapping.Hierarchy;
import io.arrayflow.dataflows.mapping.Mapping;
import io.arrayflow.dataflows.mapping.MappingCheck;
import io.arrayflow.dataflows.mapping.StorageLevel;
import io.arrayflow.sim.spec.ArchSpec;
import io.arrayflow.sim.spec.Operand;
import io.arrayflow.sim.spec.PeSpec;
import io.arrayflow.sim.spec.RfFileSpec;
import io.arrayflow.sim.spec.RfSpec;
import io.arrayflow.workloads.spec.Dim;
import io.arrayflow.workloads.spec.OpSpec;
import io.arrayflow.workloads.spec.Role;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArchHierarchyTest {

  private static StorageLevel level(Hierarchy h, String name) {
    return h.level(h.indexOf(name));
  }

  @Test
  void eyerissHasThreeNestedScratchPadsAPartitionedGlbAndDram() {
    Hierarchy h = ArchHierarchy.of(TestArchs.eyeriss());

    assertEquals(
        List.of("dram", "glb", "array", "rf.inputs", "rf.weights", "rf.outputs"),
        h.namesOutermostFirst());
    assertEquals(3, h.peLevels());
    assertEquals(12, h.rows());
    assertEquals(14, h.cols());
    assertEquals(Capacity.shared(24), level(h, "rf.outputs").capacity());
    assertEquals(Capacity.shared(224), level(h, "rf.weights").capacity());
    assertEquals(Capacity.shared(12), level(h, "rf.inputs").capacity());
    assertEquals(EnumSet.of(Role.OUTPUTS), level(h, "rf.outputs").canKeep());
    assertEquals(EnumSet.of(Role.WEIGHTS), level(h, "rf.weights").canKeep());
    assertEquals(EnumSet.of(Role.INPUTS), level(h, "rf.inputs").canKeep());
    // 8 KiB of weights; inputs and outputs share the other 100 KiB; 16-bit words.
    assertEquals(
        Capacity.partitioned(Map.of(Role.WEIGHTS, 8L * 1024 * 8), 100L * 1024 * 8, 16, 16, 16),
        level(h, "glb").capacity());
    assertEquals(EnumSet.allOf(Role.class), level(h, "glb").canKeep());
    assertFalse(level(h, "glb").doubleBuffered());
    assertTrue(level(h, "dram").capacity().isUnbounded());
  }

  @Test
  void edgeInt8SharesOneDoubleBufferedPoolAcrossEightAndThirtyTwoBitWords() {
    Hierarchy h = ArchHierarchy.of(TestArchs.edgeInt8());

    assertEquals(
        List.of("dram", "glb", "array", "rf.inputs", "rf.weights", "rf.outputs"),
        h.namesOutermostFirst());
    assertEquals(16, h.rows());
    assertEquals(16, h.cols());
    assertEquals(Capacity.shared(16), level(h, "rf.outputs").capacity());
    assertEquals(Capacity.shared(64), level(h, "rf.weights").capacity());
    assertEquals(Capacity.shared(16), level(h, "rf.inputs").capacity());
    assertEquals(
        Capacity.partitioned(Map.of(), 64L * 1024 * 8, 8, 8, 32), level(h, "glb").capacity());
    assertTrue(level(h, "glb").doubleBuffered());
  }

  @Test
  void aSharedRegisterFileIsOneLevelKeepingEveryOperand() {
    Hierarchy h = ArchHierarchy.of(TestArchs.sharedRf());

    assertEquals(List.of("dram", "glb", "array", "rf"), h.namesOutermostFirst());
    assertEquals(Capacity.shared(256), level(h, "rf").capacity());
    assertEquals(EnumSet.allOf(Role.class), level(h, "rf").canKeep());
    // reference.yaml: keep [inputs, outputs], outputs own 8 KiB, inputs the other 100 KiB.
    assertEquals(EnumSet.of(Role.INPUTS, Role.OUTPUTS), level(h, "glb").canKeep());
    assertEquals(
        Capacity.partitioned(Map.of(Role.OUTPUTS, 8L * 1024 * 8), 100L * 1024 * 8, 16, 16, 16),
        level(h, "glb").capacity());
    assertTrue(level(h, "glb").doubleBuffered());
  }

  @Test
  void anOperandWithoutARegisterFileHasNoPeLocalLevel() {
    ArchSpec reference = ArchSpec.reference();
    ArchSpec weightsOnly =
        ArchSpec.builder("weights-only", 200, "eyeriss-65nm", reference.peArray())
            .pe(new PeSpec(reference.pe().mac(), RfSpec.perOperand(RfFileSpec.of(64), null, null)))
            .build();

    Hierarchy h = ArchHierarchy.of(weightsOnly);

    assertEquals(List.of("dram", "glb", "array", "rf.weights"), h.namesOutermostFirst());
    assertEquals(1, h.peLevels());
  }

  @Test
  void theWeightPartitionOfEyerissHoldsFourThousandSixteenBitWeights() {
    // A 1x1 conv with C = 64, M = 64 (4096 weights) and with M = 65 (4160): the whole weight
    // tensor at the GLB, one output pixel.
    Hierarchy h = ArchHierarchy.of(TestArchs.eyeriss());
    OpSpec fits = OpSpec.conv("fits", 1, 1, 64, 64, 1, 1, 1, 1, 1, 0, 1);
    OpSpec over = OpSpec.conv("over", 1, 1, 65, 64, 1, 1, 1, 1, 1, 0, 1);

    assertTrue(MappingCheck.check(fits, h, glbHoldsAll(64)).isFeasible());
    assertEquals(
        List.of(
            "level glb: tile of weights needs 4160 words (66560 bits), usable capacity is 65536"
                + " bits"),
        MappingCheck.check(over, h, glbHoldsAll(65)).reasons());
  }

  @Test
  void edgeInt8CountsInt8InputsAndThirtyTwoBitOutputsInOneHalvedPool() {
    // 1x1 conv, C = 64, M = 256 over 16x16 pixels at the GLB: inputs 64*256*8 bits = 131072,
    // outputs 256*256*32 = 2097152; half the 64 KiB pool is 262144 bits.
    Hierarchy h = ArchHierarchy.of(TestArchs.edgeInt8());
    OpSpec conv = OpSpec.conv("pw", 1, 1, 256, 64, 16, 16, 1, 1, 1, 0, 1);
    Mapping m =
        Mapping.builder()
            .level("dram")
            .level("glb")
            .temporal(Dim.C, 64)
            .temporal(Dim.M, 256)
            .temporal(Dim.P, 16)
            .temporal(Dim.Q, 16)
            .keep(Role.INPUTS, Role.OUTPUTS)
            .build();

    assertEquals(
        List.of(
            "level glb: tiles need 2228224 bits (inputs 16384 x 8 + outputs 65536 x 32 bits),"
                + " usable capacity is 262144 bits (double-buffered: half of 524288 bits)"),
        MappingCheck.check(conv, h, m).reasons());
  }

  private static Mapping glbHoldsAll(int m) {
    return Mapping.builder()
        .level("dram")
        .level("glb")
        .temporal(Dim.C, 64)
        .temporal(Dim.M, m)
        .keep(Role.WEIGHTS)
        .build();
  }

  @Test
  void everyOperandMapsToTheSameSimCoreOperand() {
    // Arrays indexed by either enum's ordinal are read with the other's: same operands, same order.
    assertEquals(Role.values().length, Operand.values().length);
    for (Role role : Role.values()) {
      assertEquals(role.ordinal(), ArchHierarchy.operand(role).ordinal());
      assertEquals(role.key(), ArchHierarchy.operand(role).key());
    }
    assertEquals(Operand.OUTPUTS, ArchHierarchy.operand(Role.OUTPUTS));
  }
}
