package io.arrayflow.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SectionTest {

  private static List<String> problems(String yaml, java.util.function.Consumer<Section> read) {
    ConfigReader r = new ConfigReader("a.yaml");
    Section s = r.root(YamlFiles.parse(yaml, "a.yaml"));
    read.accept(s);
    s.finish();
    return assertThrows(ConfigException.class, r::throwIfProblems).problems();
  }

  @Test
  void reportsMalformedYamlWithLineAndColumn() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlFiles.parse("a: 1\nb: [1, 2\n", "x.yaml"));
    assertEquals(1, e.problems().size());
    assertEquals(
        "x.yaml:2:9: malformed YAML: while parsing a flow sequence; expected ',' or ']', but got <stream end>",
        e.problems().get(0));
  }

  @Test
  void reportsDuplicateKeysWithTheirPlace() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> YamlFiles.parse("a: 1\na: 2\n", "x.yaml"));
    assertEquals(List.of("x.yaml:2:1: a: duplicate key; each key may appear once"), e.problems());
  }

  @Test
  void collectsEveryProblemOfAFileBeforeFailing() {
    List<String> p =
        problems(
            "glb:\n  size_kib: -4\n  banks: two\nclock_mhz: 0\n",
            s -> {
              Section glb = s.section("glb");
              glb.requiredLong("size_kib", 1);
              glb.requiredInt("banks", 1);
              glb.finish();
              s.requiredDouble("clock_mhz", false);
              s.requiredString("name");
            });
    assertEquals(
        List.of(
            "a.yaml:2:13: glb.size_kib: must be >= 1, was -4",
            "a.yaml:3:10: glb.banks: must be an integer, was text 'two'",
            "a.yaml:4:12: clock_mhz: must be > 0, was 0",
            "a.yaml:1:1: name: required field is missing"),
        p);
  }

  @Test
  void suggestsTheNearestValidKeyForAnUnknownOne() {
    List<String> p =
        problems(
            "clock_mhz: 200\nclok_mhz: 100\n",
            s -> {
              s.requiredDouble("clock_mhz", false);
              s.allow("name");
            });
    assertEquals(
        List.of(
            "a.yaml:2:11: clok_mhz: unknown key (did you mean 'clock_mhz'?);"
                + " valid keys here: clock_mhz, name"),
        p);
  }

  @Test
  void rejectsAChoiceOutsideTheAllowedSetListingThem() {
    List<String> p =
        problems(
            "kind: systolik\n",
            s -> s.optionalChoice("kind", "multicast", List.of("multicast", "systolic")));
    assertEquals(
        List.of(
            "a.yaml:1:7: kind: must be one of multicast, systolic, was 'systolik'"
                + " (did you mean 'systolic'?)"),
        p);
  }

  @Test
  void appliesSetOverridesAndNamesThemInErrors() {
    Node root = YamlFiles.parse("glb:\n  size_kib: 108\n", "a.yaml");
    Overrides.apply(root, List.of("glb.size_kib=256", "glb.sise_kib=3"), "a.yaml");
    ConfigReader r = new ConfigReader("a.yaml");
    Section glb = r.root(root).section("glb");
    assertEquals(256, glb.requiredLong("size_kib", 1));
    glb.finish();
    assertEquals(
        List.of(
            "a.yaml (--set): glb.sise_kib: unknown key (did you mean 'size_kib'?);"
                + " valid keys here: size_kib"),
        assertThrows(ConfigException.class, r::throwIfProblems).problems());
  }

  @Test
  void refusesASetWithoutAnEqualsSign() {
    Node root = YamlFiles.parse("a: 1\n", "a.yaml");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> Overrides.apply(root, List.of("glb.size_kib"), "a.yaml"));
    assertEquals(
        "--set glb.size_kib: expected key.path=value, e.g. --set glb.size_kib=256", e.getMessage());
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertEquals(0, Suggest.distance("abc", "abc"));
    assertEquals(1, Suggest.distance("clok", "clock"));
    assertEquals(3, Suggest.distance("kitten", "sitting"));
  }
}
