package io.arrayflow.cli.config;

import java.util.Collection;

/** Nearest-name suggestions for misspelt keys and names (Levenshtein distance). */
public final class Suggest {
  private Suggest() {}

  /**
   * The candidate closest to {@code word}, or null if none is within a third of its length (at
   * least 2 edits allowed).
   */
  public static String nearest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = distance(word, c);
      // A suggestion that shares nothing with the word (e.g. 'N' for 'K') helps nobody.
      if (d < bestDistance && d < Math.max(word.length(), c.length())) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(2, word.length() / 3);
    return bestDistance <= allowed ? best : null;
  }

  /** Levenshtein edit distance between {@code a} and {@code b}. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** " (did you mean 'x'?)" for the nearest candidate, or "" if none is near. */
  public static String didYouMean(String word, Collection<String> candidates) {
    String n = nearest(word, candidates);
    return n == null ? "" : " (did you mean '" + n + "'?)";
  }
}
