package io.arrayflow.reports.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A result set's {@code manifest.json}: ordered fields rendered as indented JSON. It carries no
 * time stamp, so the same command on the same inputs writes the same bytes.
 */
public final class Manifest {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Map<String, Object> fields = new LinkedHashMap<>();

  /** Adds (or replaces) {@code key}; values are strings, numbers, lists and maps of them. */
  public Manifest put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  /** The fields, in the order put. */
  public Map<String, Object> fields() {
    return fields;
  }

  /** The manifest as JSON text ending with a newline. */
  public String toJson() {
    try {
      return JSON.writeValueAsString(fields).replace("\r\n", "\n") + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SHA-256 of {@code text} (UTF-8) in lower-case hex. */
  public static String sha256(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
