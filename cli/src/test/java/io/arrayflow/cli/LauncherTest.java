package io.arrayflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./arrayflow} launcher, run by bash in a copy of the project's layout whose {@code mvn}
 * is a stand-in: it counts builds, takes a second, and writes its jar in two halves the way a real
 * build writes in place. The jar it builds echoes its arguments ({@link LauncherProbe}).
 */
class LauncherTest {
  private static final Path LAUNCHER = Path.of("..", "arrayflow");
  private static final String PROBE = LauncherProbe.class.getName().replace('.', '/') + ".class";

  @TempDir Path repo;

  record Call(int code, String out, String err) {}

  @BeforeEach
  void copyTheProjectLayoutWithAStandInMaven() throws IOException, InterruptedException {
    assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "the launcher is a bash script");
    Files.copy(LAUNCHER, repo.resolve("arrayflow"));
    repo.resolve("arrayflow").toFile().setExecutable(true);
    write("pom.xml", "<project/>");
    write("cli/pom.xml", "<project/>");
    write("cli/src/main/java/Main.java", "class Main {}");
    write("configs/arch/a.yaml", "name: a");
    writeProbeJar(repo.resolve("probe.jar"));
    write(
        "bin/mvn",
        """
        #!/usr/bin/env bash
        echo build >> "$PWD/builds.txt"
        [ -f "$PWD/fail-build" ] && { echo "compilation failed"; exit 1; }
        mkdir -p cli/target
        head -c 200 probe.jar > cli/target/arrayflow.jar
        sleep 1
        cp probe.jar cli/target/arrayflow.jar
        """);
    repo.resolve("bin/mvn").toFile().setExecutable(true);
  }

  @Test
  void threeParallelCallsAfterASourceChangeAllSucceedWithOneBuild() throws Exception {
    assertEquals(0, call("list", "archs").code());
    touchLater("configs/arch/a.yaml");

    List<Process> calls = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      calls.add(start("layers", "--workload", "w" + i));
    }
    for (int i = 0; i < 3; i++) {
      Call c = finish(calls.get(i));
      assertEquals(0, c.code(), c.err());
      assertEquals("probe layers --workload w" + i, c.out().strip());
    }
    assertEquals(2, builds(), "the first call's build and one rebuild after the change");
  }

  @Test
  void rebuildsForAPomASourceOrAConfigButNotForAUsersOwnYaml() throws Exception {
    assertEquals(0, call("list").code());
    write("my-workload.yaml", "name: mine");
    write("experiments/arch.yaml", "name: mine");
    touchLater("my-workload.yaml");
    touchLater("experiments/arch.yaml");
    assertEquals(0, call("list").code());
    assertEquals(1, builds(), "a user's YAML outside the sources changes nothing");

    for (String source : List.of("cli/src/main/java/Main.java", "cli/pom.xml", "pom.xml")) {
      int before = builds();
      touchLater(source);
      assertEquals(0, call("list").code());
      assertEquals(before + 1, builds(), source + " is a source");
    }
  }

  @Test
  void aFailedBuildExitsOneNamingTheLogItKeeps() throws Exception {
    write("fail-build", "");
    Call c = call("list");
    assertEquals(1, c.code());
    Path log = repo.resolve("cli/target/launcher/build.log");
    assertTrue(c.err().contains("arrayflow: build failed; see " + log.toRealPath()), c.err());
    assertEquals("compilation failed", Files.readString(log).strip());
  }

  @Test
  void passesArrayflowJavaOptsToJava() throws Exception {
    Process p = start(List.of("ARRAYFLOW_JAVA_OPTS=-Dunused=1 -Xmx64m"), "show");
    Call c = finish(p);
    assertEquals(0, c.code(), c.err());
    assertEquals("probe show", c.out().strip());
  }

  private Call call(String... args) throws Exception {
    return finish(start(args));
  }

  private Process start(String... args) throws IOException {
    return start(List.of(), args);
  }

  private Process start(List<String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(repo.resolve("arrayflow").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(repo.toFile());
    String java = Path.of(System.getProperty("java.home"), "bin").toString();
    pb.environment().put("PATH", repo.resolve("bin") + ":" + java + ":" + System.getenv("PATH"));
    for (String kv : env) {
      pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
    }
    return pb.start();
  }

  private static Call finish(Process p) throws Exception {
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the launcher finished");
    return new Call(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  private int builds() throws IOException {
    Path log = repo.resolve("builds.txt");
    return Files.exists(log) ? Files.readAllLines(log).size() : 0;
  }

  private void write(String path, String text) throws IOException {
    Path p = repo.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  /**
   * Marks {@code path} as edited just after the last build started (the jar carries that time) and
   * so before the next one starts, whatever the clock's resolution.
   */
  private void touchLater(String path) throws IOException {
    FileTime built = Files.getLastModifiedTime(repo.resolve("cli/target/launcher/arrayflow.jar"));
    Files.setLastModifiedTime(repo.resolve(path), FileTime.from(built.toInstant().plusMillis(1)));
  }

  private static void writeProbeJar(Path jar) throws IOException {
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherProbe.class.getName());
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, m);
        InputStream probe = LauncherTest.class.getClassLoader().getResourceAsStream(PROBE)) {
      out.putNextEntry(new JarEntry(PROBE));
      probe.transferTo(out);
      out.closeEntry();
    }
  }
}
