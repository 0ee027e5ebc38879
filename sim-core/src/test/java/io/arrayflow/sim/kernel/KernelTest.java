package io.arrayflow.sim.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.arrayflow.sim.stats.Stats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelTest {

  @Test
  void firesEventsByCycleThenByInsertionOrder() {
    Kernel kernel = new Kernel();
    List<String> fired = new ArrayList<>();
    kernel.schedule(5, c -> fired.add("b@" + c));
    kernel.schedule(2, c -> fired.add("a@" + c));
    kernel.schedule(5, c -> fired.add("c@" + c));
    kernel.schedule(5, c -> fired.add("d@" + c));
    RunOutcome outcome = kernel.run();
    assertEquals(List.of("a@2", "b@5", "c@5", "d@5"), fired);
    assertEquals(new RunOutcome(RunOutcome.Status.DRAINED, 5, 4, 0), outcome);
  }

  @Test
  void actionsMayScheduleFollowUpsInTheSameCycleAfterEarlierOnes() {
    Kernel kernel = new Kernel();
    List<String> fired = new ArrayList<>();
    kernel.schedule(
        1,
        c -> {
          fired.add("first");
          kernel.scheduleAfter(0, d -> fired.add("follow-up"));
        });
    kernel.schedule(1, c -> fired.add("second"));
    kernel.run();
    assertEquals(List.of("first", "second", "follow-up"), fired);
  }

  @Test
  void refusesEventInThePastNamingBothCycles() {
    Kernel kernel = new Kernel();
    kernel.schedule(10, c -> kernel.schedule(3, d -> {}));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, kernel::run);
    assertEquals("cannot schedule an event at cycle 3 in the past of cycle 10", e.getMessage());
  }

  @Test
  void reportsCycleLimitAndKeepsLaterEventsForTheNextRun() {
    Kernel kernel = new Kernel();
    List<Long> fired = new ArrayList<>();
    for (long cycle = 0; cycle < 10; cycle++) {
      kernel.schedule(cycle * 10, fired::add);
    }
    RunOutcome stopped = kernel.run(45);
    assertEquals(new RunOutcome(RunOutcome.Status.CYCLE_LIMIT, 45, 5, 5), stopped);
    assertEquals(45, kernel.now());
    RunOutcome resumed = kernel.run();
    assertTrue(resumed.drained());
    assertEquals(90, resumed.finalCycle());
    assertEquals(10, fired.size());
  }

  @Test
  void reportsDrainedAtCycleZeroWhenNothingIsScheduled() {
    assertEquals(new RunOutcome(RunOutcome.Status.DRAINED, 0, 0, 0), new Kernel().run(100));
  }

  @Test
  void refusesTwoComponentsWithOneName() {
    Kernel kernel = new Kernel();
    Component glb =
        new Component() {
          @Override
          public String name() {
            return "glb";
          }

          @Override
          public Stats stats() {
            return Stats.EMPTY;
          }
        };
    kernel.register(glb);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> kernel.register(glb));
    assertEquals("a component named 'glb' is already registered", e.getMessage());
  }
}
