package io.arrayflow.cli.sweep;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A {@code where} constraint of a sweep: arithmetic over arch paths ({@code pe_array.rows *
 * pe_array .cols <= 256}). Grammar: {@code or}/{@code and} of comparisons ({@code < <= > >= == !=})
 * of sums ({@code + -}) of products ({@code * / %}) of numbers, paths, unary minus and parentheses.
 * A comparison is 1 when true, 0 when false; the constraint holds when its value is not 0.
 */
public final class Constraint {
  private final String text;
  private final Expr expr;
  private final Set<String> paths;

  private Constraint(String text, Expr expr, Set<String> paths) {
    this.text = text;
    this.expr = expr;
    this.paths = paths;
  }

  /** Parses {@code text}; a syntax error is an {@link IllegalArgumentException} saying where. */
  public static Constraint parse(String text) {
    Parser p = new Parser(text);
    Expr e = p.or();
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected '" + text.charAt(p.pos) + "'");
    }
    return new Constraint(text, e, Set.copyOf(p.paths));
  }

  /** The paths the constraint reads, in no particular order. */
  public Set<String> paths() {
    return paths;
  }

  /** Whether the constraint holds when each path has the value {@code value} gives it. */
  public boolean holds(ToDoubleFunction<String> value) {
    return expr.eval(value) != 0;
  }

  @Override
  public String toString() {
    return text;
  }

  private interface Expr {
    double eval(ToDoubleFunction<String> value);
  }

  private static final class Parser {
    private final String s;
    private final Set<String> paths = new LinkedHashSet<>();
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at character " + (pos + 1) + " of '" + s + "'");
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean eat(String token) {
      skipSpace();
      if (s.startsWith(token, pos)) {
        boolean word = Character.isLetter(token.charAt(0));
        int end = pos + token.length();
        if (word && end < s.length() && Character.isLetterOrDigit(s.charAt(end))) {
          return false;
        }
        pos = end;
        return true;
      }
      return false;
    }

    Expr or() {
      Expr left = and();
      while (eat("or")) {
        Expr l = left;
        Expr r = and();
        left = v -> l.eval(v) != 0 || r.eval(v) != 0 ? 1 : 0;
      }
      return left;
    }

    Expr and() {
      Expr left = comparison();
      while (eat("and")) {
        Expr l = left;
        Expr r = comparison();
        left = v -> l.eval(v) != 0 && r.eval(v) != 0 ? 1 : 0;
      }
      return left;
    }

    Expr comparison() {
      Expr l = sum();
      for (String op : List.of("<=", ">=", "==", "!=", "<", ">")) {
        if (eat(op)) {
          Expr r = sum();
          return switch (op) {
            case "<=" -> v -> l.eval(v) <= r.eval(v) ? 1 : 0;
            case ">=" -> v -> l.eval(v) >= r.eval(v) ? 1 : 0;
            case "==" -> v -> l.eval(v) == r.eval(v) ? 1 : 0;
            case "!=" -> v -> l.eval(v) != r.eval(v) ? 1 : 0;
            case "<" -> v -> l.eval(v) < r.eval(v) ? 1 : 0;
            default -> v -> l.eval(v) > r.eval(v) ? 1 : 0;
          };
        }
      }
      return l;
    }

    Expr sum() {
      Expr left = product();
      while (true) {
        Expr l = left;
        if (eat("+")) {
          Expr r = product();
          left = v -> l.eval(v) + r.eval(v);
        } else if (eat("-")) {
          Expr r = product();
          left = v -> l.eval(v) - r.eval(v);
        } else {
          return left;
        }
      }
    }

    Expr product() {
      Expr left = unary();
      while (true) {
        Expr l = left;
        if (eat("*")) {
          Expr r = unary();
          left = v -> l.eval(v) * r.eval(v);
        } else if (eat("/")) {
          Expr r = unary();
          left = v -> l.eval(v) / r.eval(v);
        } else if (eat("%")) {
          Expr r = unary();
          left = v -> l.eval(v) % r.eval(v);
        } else {
          return left;
        }
      }
    }

    Expr unary() {
      if (eat("-")) {
        Expr e = unary();
        return v -> -e.eval(v);
      }
      return atom();
    }

    Expr atom() {
      skipSpace();
      if (eat("(")) {
        Expr e = or();
        if (!eat(")")) {
          throw error("expected ')'");
        }
        return e;
      }
      int start = pos;
      if (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) {
        while (pos < s.length()
            && (Character.isDigit(s.charAt(pos)) || ".eE_".indexOf(s.charAt(pos)) >= 0)) {
          pos++;
        }
        try {
          double d = Double.parseDouble(s.substring(start, pos).replace("_", ""));
          return v -> d;
        } catch (NumberFormatException e) {
          pos = start;
          throw error("bad number '" + s.substring(start).split("\\s")[0] + "'");
        }
      }
      if (pos < s.length() && (Character.isLetter(s.charAt(pos)) || s.charAt(pos) == '_')) {
        while (pos < s.length()
            && (Character.isLetterOrDigit(s.charAt(pos)) || "_.".indexOf(s.charAt(pos)) >= 0)) {
          pos++;
        }
        String path = s.substring(start, pos);
        if (List.of("and", "or").contains(path)) {
          pos = start;
          throw error("expected a number or a path before '" + path + "'");
        }
        paths.add(path);
        return v -> v.applyAsDouble(path);
      }
      throw error(pos < s.length() ? "unexpected '" + s.charAt(pos) + "'" : "unexpected end");
    }
  }
}
