package io.arrayflow.energy;

import java.util.List;
import java.util.Locale;

/** Edit distance, to suggest the valid key nearest to a misspelt one. */
final class Levenshtein {
  private Levenshtein() {}

  /**
   * The candidate closest to {@code key}, or null if none is a plausible typo or truncation of it.
   */
  static String nearest(String key, List<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (bestDistance <= Math.max(2, key.length() / 2)) {
      return best;
    }
    // A truncated key ("leakage" for "leakage_pj_per_cycle") is far in edits but plainly meant.
    for (String candidate : candidates) {
      if (key.length() >= 3 && candidate.startsWith(key)) {
        return candidate;
      }
    }
    return null;
  }

  /** The number of single-character insertions, deletions and substitutions from a to b. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
