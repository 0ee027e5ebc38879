package io.arrayflow.workloads.zoo;

import io.arrayflow.workloads.tensor.FloatTensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The built-in networks, each carrying its builder and native input size. Exact MAC totals at batch
 * 1 (conv + FC + matmul; vector ops excluded), against the published figure:
 *
 * <ul>
 *   <li>{@code alexnet} 227²: 724,406,816 (published ≈724 M, Eyeriss; includes the FC layers).
 *   <li>{@code vgg16} 224²: 15,470,264,320 (published ≈15.5 G).
 *   <li>{@code resnet18} 224²: 1,814,073,344 (published ≈1.8 G; includes the FC).
 *   <li>{@code resnet50} 224²: 4,089,184,256 (published ≈4.09 G, torchvision v1.5; includes the
 *       FC).
 *   <li>{@code mobilenet_v2} 224²: 300,774,272 (published ≈300 M; includes the classifier).
 *   <li>{@code bert-base} seq 128: 11,173,625,856 (≈11.2 G; embeddings and pooler/heads excluded).
 *   <li>{@code gpt2} seq 128: prefill 11,212,223,232 + decode 125,909,760 = 11,338,132,992 (LM head
 *       on the last token of each phase; embeddings excluded).
 *   <li>{@code llama-7b} (Llama 2 7B) and {@code llama-1b} (Llama 3.2 1B): prefill plus decode
 *       steps, counted from the published configs in {@code ModelZooTest}.
 *   <li>{@code vit-b16} 224²: 17,563,828,224 (published ≈17.6 G; patch embedding and head
 *       included).
 * </ul>
 *
 * <p>Transformers start from the embedded sequence (token/position embedding lookups are not
 * modelled, except ViT's position add) and use the tanh form of GELU throughout; CNN batch norm is
 * taken as folded into the convs and AlexNet's LRN is omitted (no MACs either way).
 */
public enum Model {
  ALEXNET("alexnet", 227, false, Cnns::alexnet),
  VGG16("vgg16", 224, false, Cnns::vgg16),
  RESNET18("resnet18", 224, false, Cnns::resnet18),
  RESNET50("resnet50", 224, false, Cnns::resnet50),
  MOBILENET_V2("mobilenet_v2", 224, false, Cnns::mobilenetV2),
  BERT_BASE("bert-base", 224, true, Transformers::bertBase),
  GPT2("gpt2", 224, true, decoder(Transformers.GPT2, Transformers.Phases.ALL)),
  GPT2_PREFILL("gpt2-prefill", 224, true, decoder(Transformers.GPT2, Transformers.Phases.PREFILL)),
  GPT2_DECODE("gpt2-decode", 224, true, decoder(Transformers.GPT2, Transformers.Phases.DECODE)),
  VIT_B16("vit-b16", 224, false, Transformers::vitB16),
  LLAMA_7B("llama-7b", 224, true, decoder(Llama.LLAMA_2_7B, Transformers.Phases.ALL)),
  LLAMA_1B("llama-1b", 224, true, decoder(Llama.LLAMA_3_2_1B, Transformers.Phases.ALL));

  /** The default sequence length of the transformers, in tokens. */
  public static final int DEFAULT_SEQ = 128;

  /** The default number of decode steps of the decoders that generate. */
  public static final int DEFAULT_DECODE = 1;

  private static final Model[] VALUES = values();

  private final String key;
  private final int nativeImageSize;
  private final boolean usesSeq;
  private final BiFunction<Net, ModelInput, Act> builder;

  Model(
      String key, int nativeImageSize, boolean usesSeq, BiFunction<Net, ModelInput, Act> builder) {
    this.key = key;
    this.nativeImageSize = nativeImageSize;
    this.usesSeq = usesSeq;
    this.builder = builder;
  }

  /**
   * Whether the model takes a sequence length (the text transformers; ViT's comes from the image).
   */
  public boolean usesSeq() {
    return usesSeq;
  }

  /** Whether the model runs decode steps ({@code gpt2}, {@code gpt2-decode}, the llamas). */
  public boolean usesDecode() {
    return key.startsWith("llama") || this == GPT2 || this == GPT2_DECODE;
  }

  /** The fewest decode steps the model takes: 1 when it is only decode steps, else 0. */
  public int minDecode() {
    return this == GPT2_DECODE ? 1 : 0;
  }

  private static BiFunction<Net, ModelInput, Act> decoder(
      Transformers.Decoder model, Transformers.Phases listed) {
    return (net, in) -> Transformers.generate(net, in, model, listed);
  }

  /** The name used on the command line and in configs, e.g. {@code resnet50}. */
  public String key() {
    return key;
  }

  /** The image side the network was published with, in pixels (unused by text models). */
  public int nativeImageSize() {
    return nativeImageSize;
  }

  /** The native-size input for {@code batch} and {@code seq} tokens, default decode steps. */
  public ModelInput input(int batch, int seq) {
    return input(batch, seq, DEFAULT_DECODE);
  }

  /** The native-size input for {@code batch}, {@code seq} tokens and {@code decode} steps. */
  public ModelInput input(int batch, int seq, int decode) {
    return new ModelInput(batch, seq, nativeImageSize, decode);
  }

  /**
   * The layer list, in execution order, for {@code in}; named after the model. Fails with an {@link
   * IllegalArgumentException} naming the layer when {@code in} makes a size too large.
   */
  public Workload workload(ModelInput in) {
    if (in.decodeSteps() < minDecode()) {
      throw new IllegalArgumentException(
          key + " is decode steps alone; it needs at least " + minDecode() + " decode step");
    }
    Net net = Net.tracing();
    builder.apply(net, in);
    return new Workload(key, net.layers(), net.phases());
  }

  /** Runs a float forward pass with weights and inputs seeded by {@code seed}; the model output. */
  public FloatTensor forward(ModelInput in, long seed) {
    return builder.apply(Net.executing(seed), in).value();
  }

  /**
   * The model called {@code name} (case-insensitive, {@code _} and {@code -} alike); fails listing
   * the valid names.
   */
  public static Model named(String name) {
    String wanted = name.replace('_', '-');
    for (Model m : VALUES) {
      if (m.key.replace('_', '-').equalsIgnoreCase(wanted)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '" + name + "'; expected one of " + String.join(", ", names()));
  }

  /** Every model name, in declaration order. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (Model m : VALUES) {
      out.add(m.key);
    }
    return out;
  }
}
