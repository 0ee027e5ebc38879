package io.arrayflow.cli.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The append-only record of a running sweep, one JSON line per finished point, so a killed sweep
 * resumes where it stopped. The first line names the sweep (a hash of its file and of the arrayflow
 * version); a resume of a different sweep is refused. A line is written with one {@code write} and
 * forced to disk; a line cut short by a kill has no newline or does not parse, and is cut off when
 * the journal is reopened, so its point simply runs again. A point found twice keeps its first
 * record.
 */
public final class Journal implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FileChannel channel;
  private final Map<Long, PointResult> done;
  private boolean closed;

  private Journal(FileChannel channel, Map<Long, PointResult> done) {
    this.channel = channel;
    this.done = done;
  }

  /**
   * Opens (or creates) the journal at {@code file} for the sweep identified by {@code sweepId}.
   * Returns null if the file belongs to another sweep.
   */
  public static Journal open(Path file, String sweepId) throws IOException {
    Map<Long, PointResult> done = new TreeMap<>();
    long good = 0;
    boolean fresh = !Files.exists(file) || Files.size(file) == 0;
    if (!fresh) {
      byte[] bytes = Files.readAllBytes(file);
      int start = 0;
      boolean first = true;
      for (int i = 0; i < bytes.length; i++) {
        if (bytes[i] != '\n') {
          continue;
        }
        String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
        JsonNode n = parse(line);
        if (n == null) {
          break;
        }
        if (first) {
          if (!sweepId.equals(n.path("sweep").asText())) {
            return null;
          }
          first = false;
        } else {
          PointResult r = result(n);
          if (r == null) {
            break;
          }
          done.putIfAbsent(r.point(), r);
        }
        start = i + 1;
        good = start;
      }
      fresh = first;
    }
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    ch.truncate(good);
    ch.position(good);
    Journal j = new Journal(ch, done);
    if (fresh) {
      ObjectNode head = JSON.createObjectNode().put("sweep", sweepId);
      j.writeLine(head.toString());
    }
    return j;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static PointResult result(JsonNode n) {
    if (!n.path("point").canConvertToLong()
        || !n.path("results").isArray()
        || !n.path("layers").isArray()) {
      return null;
    }
    return new PointResult(
        n.get("point").asLong(), texts(n.get("results")), texts(n.get("layers")));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** The points already recorded, by number. */
  public synchronized Map<Long, PointResult> done() {
    return new TreeMap<>(done);
  }

  /** Records {@code r}; false if the journal was closed (by an interrupt) first. */
  public synchronized boolean append(PointResult r) throws IOException {
    if (closed) {
      return false;
    }
    ObjectNode n = JSON.createObjectNode().put("point", r.point());
    ArrayNode results = n.putArray("results");
    r.results().forEach(results::add);
    ArrayNode layers = n.putArray("layers");
    r.layers().forEach(layers::add);
    writeLine(n.toString());
    done.putIfAbsent(r.point(), r);
    return true;
  }

  private void writeLine(String json) throws IOException {
    ByteBuffer b = ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8));
    while (b.hasRemaining()) {
      channel.write(b);
    }
    channel.force(false);
  }

  /** Closes the journal; later appends are dropped. Safe to call from a shutdown hook. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      channel.close();
    }
  }
}
