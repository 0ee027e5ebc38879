package io.arrayflow.cli;

/** The main class of the stand-in jar {@link LauncherTest}'s fake Maven builds: echoes its args. */
public final class LauncherProbe {
  private LauncherProbe() {}

  /** Prints {@code probe} and the arguments. */
  public static void main(String[] args) {
    System.out.println("probe " + String.join(" ", args));
  }
}
