package io.arrayflow.dataflows.multicast;

import io.arrayflow.engine.Pass;
import io.arrayflow.engine.Schedule;
import io.arrayflow.sim.spec.Operand;

/**
 * A mapping's segments (one GLB tile each, docs/execution.md) as the timing engine's passes: what
 * each reads from and writes to DRAM ({@link StepPlan#segmentReads}, {@link
 * StepPlan#segmentWrites}), the GLB accesses it makes (the network words of operands crossing the
 * array from the GLB, plus its fills and write-backs) and its compute: the closed-form step costs
 * ({@code event}) or the PE array stepped with real values through the segment when it starts
 * ({@code cycle}, checked against the planned traffic).
 */
final class SegmentSchedule implements Schedule {
  private static final Operand[] OPERANDS = Operand.values();
  private static final int O = StepPlan.O;

  private final StepPlan plan;
  private final ValueEngine stepped;
  private final int seg;
  private final int[] idx;
  private int nonZeroNonOutput;

  // The segment whose traffic comes next, and the one after it (its carry decides the write-back).
  private long next;
  private int carry = -1;
  private boolean flag;
  private int nextCarry;
  private boolean nextFlag;

  // Per segment in flight: carry and flag, for compute().
  private final int[] carryOf;
  private final boolean[] flagOf;
  private final long[] plannedReads;
  private final long[] plannedWrites;

  private final long[] reads = new long[3];
  private final long[] writes = new long[3];

  /** The segments of {@code plan}; {@code stepped} steps them at cycle fidelity, null at event. */
  SegmentSchedule(StepPlan plan, ValueEngine stepped) {
    this.plan = plan;
    this.stepped = stepped;
    this.seg = plan.segEnd;
    this.idx = new int[seg];
    int inFlight = 64;
    carryOf = new int[inFlight];
    flagOf = new boolean[inFlight];
    plannedReads = new long[inFlight * 3];
    plannedWrites = new long[inFlight * 3];
    advance();
  }

  /** Steps the segment odometer to the segment after {@link #next}: its carry and flag. */
  private void advance() {
    nextCarry = -1;
    if (next + 1 < plan.segments) {
      // The innermost segment loop moves fastest.
      for (int l = seg - 1; l >= 0; l--) {
        if (!plan.outputLoop[l] && idx[l] > 0) {
          nonZeroNonOutput--;
        }
        if (++idx[l] < plan.factor[l]) {
          if (!plan.outputLoop[l]) {
            nonZeroNonOutput++;
          }
          nextCarry = l;
          break;
        }
        idx[l] = 0;
      }
    }
    nextFlag = nonZeroNonOutput > 0;
  }

  @Override
  public long passes() {
    return plan.segments;
  }

  @Override
  public void traffic(long p, Pass out) {
    if (p != next) {
      throw new IllegalStateException("segment " + p + " asked out of order, expected " + next);
    }
    boolean last = p == plan.segments - 1;
    plan.segmentReads(carry, flag, reads);
    plan.segmentWrites(flag, last ? -1 : nextCarry, writes);
    int f = flag ? 1 : 0;
    int ring = (int) (p % carryOf.length);
    carryOf[ring] = carry;
    flagOf[ring] = flag;
    for (Operand op : OPERANDS) {
      int o = op.ordinal();
      out.reads(op, reads[o]).writes(op, writes[o]);
      plannedReads[ring * 3 + o] = reads[o];
      plannedWrites[ring * 3 + o] = writes[o];
      long network = plan.words(o, carry, flag) + plan.innerWords[f][o];
      long glbReads = 0;
      long glbWrites = 0;
      if (o == O) {
        long up = (carry < 0 ? 0 : plan.carryUp[carry]) + plan.innerUp[f];
        if (last) {
          up += plan.drainWords;
          network += plan.drainWords;
        }
        if (plan.glb >= 0 && plan.crossParent[o] == plan.glb) {
          glbWrites = up;
          glbReads = network - up;
        }
      } else if (plan.glb >= 0 && plan.crossParent[o] == plan.glb) {
        glbReads = network;
      }
      if (plan.glb >= 0 && plan.nest.keeps(plan.glb, StepPlan.ROLES[o])) {
        glbWrites += reads[o];
        glbReads += writes[o];
      }
      out.glb(op, glbReads, glbWrites).noc(op, network);
    }
    carry = nextCarry;
    flag = nextFlag;
    next++;
    advance();
  }

  /**
   * A GLB output tile that comes back in segment {@code p} was written back when it left, at the
   * end of segment {@code p − 2} at the latest: segment {@code p − 1} holds another tile (its tile
   * left because it changed). Partial sums that bypass the GLB come back in the stream of the
   * segment after the one that wrote them.
   */
  @Override
  public int returnDistance() {
    return plan.returnDistance();
  }

  @Override
  public void compute(long p, long startCycle, Pass out) {
    boolean last = p == plan.segments - 1;
    int ring = (int) (p % carryOf.length);
    if (next - p > carryOf.length) {
      throw new IllegalStateException(
          "segment " + p + " computed after its traffic was overwritten");
    }
    long busy = plan.stepsPerSegment * plan.base;
    long drain = last ? plan.drainCost() + plan.macDrain : 0;
    long steps;
    if (stepped == null) {
      steps = plan.segmentCycles(carryOf[ring], flagOf[ring], false);
    } else {
      steps = stepped.nextSegment();
      stepped.checkTraffic(p, plannedReads, plannedWrites, ring * 3);
      drain = last ? stepped.drainCycles() : 0;
    }
    out.compute(0, busy, steps - busy, drain, 0);
  }
}
