package io.arrayflow.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The fuzzer's judge can fail: each kind of wrong ending it is there to catch is caught. */
class OracleTest {
  private static final String HEADER =
      "arch,workload,layer,dataflow,fidelity,macs,cycles,stall_cycles,utilization,latency_ms\n";

  private static String problem(String command, int code, String out, String err) {
    return Oracle.judge(command, code, out, err).problem();
  }

  @Test
  void aCleanErrorAndASaneRunPass() {
    assertNull(problem("run", 2, "", "error: a.yaml:1:1: x: unknown key\n"));
    assertNull(
        problem(
            "run",
            0,
            HEADER + "a,w,l1,ws,event,10,5,1,0.5,0.1\na,w,TOTAL,ws,event,10,5,1,0.5,0.1\n",
            ""));
    // A run longer than two seconds reports progress on stderr.
    assertNull(
        problem(
            "run",
            0,
            HEADER + "a,w,l1,ws,event,10,5,1,0.5,0.1\na,w,TOTAL,ws,event,10,5,1,0.5,0.1\n",
            "simulating tiny: 1/5 (20%) 4 s\n"));
  }

  @Test
  void anInternalErrorAStackTraceOrALateOutOfMemoryIsAFinding() {
    assertEquals(
        "stderr line is not a one-line error: internal error (a bug…): x",
        problem("run", 1, "", "internal error (a bug…): x\n"));
    assertEquals(
        "stderr line is not a one-line error: \tat io.arrayflow.X.y(X.java:1)",
        problem("run", 2, "", "error: x\n\tat io.arrayflow.X.y(X.java:1)\n"));
    assertEquals(
        "stderr line is not a one-line error: error: out of memory: …",
        problem("run", 2, "", "error: out of memory: …\n"));
    assertEquals("exit 2 without a message", problem("run", 2, "", ""));
  }

  @Test
  void aNegativeOrWrappedCountIsAFinding() {
    assertEquals(
        "macs = -7 in row",
        problem("run", 0, HEADER + "a,w,l1,ws,event,-7,5,1,0.5,0.1\n", "")
            .replaceAll(" row .*", " row"));
    assertEquals(
        "latency_ms = Infinity in row",
        problem("run", 0, HEADER + "a,w,l1,ws,event,7,5,1,0.5,Infinity\n", "")
            .replaceAll(" row .*", " row"));
  }

  @Test
  void stallsBeyondCyclesOrATotalThatIsNotTheSumIsAFinding() {
    assertEquals(
        "stall_cycles > cycles in row",
        problem("run", 0, HEADER + "a,w,l1,ws,event,7,5,9,0.5,0.1\n", "")
            .replaceAll(" row .*", " row"));
    assertEquals(
        "TOTAL is not the sum of its layers:",
        problem(
                "run",
                0,
                HEADER + "a,w,l1,ws,event,7,5,1,0.5,0.1\na,w,TOTAL,ws,event,8,5,1,0.5,0.1\n",
                "")
            .replaceAll(": .*", ":"));
  }

  @Test
  void verifyMayFailOnlyForLayersNoMappingFits() {
    String header = "layer,dataflow,macs,cycles,max_abs_error,tolerance,result,note\n";
    assertNull(problem("verify", 3, header + "c,ws,9,,,,FAIL,no ws mapping fits: rf\n", ""));
    assertEquals(
        "verify FAIL on values",
        problem("verify", 3, header + "c,ws,9,10,3,0,FAIL,\n", "").replaceAll(": .*", ""));
  }

  @Test
  void aCaseReplaysFromItsSeed() {
    for (InputKind kind : InputKind.values()) {
      assertArrayEquals(FuzzCase.of(kind, 42).bytes(), FuzzCase.of(kind, 42).bytes());
    }
  }
}
