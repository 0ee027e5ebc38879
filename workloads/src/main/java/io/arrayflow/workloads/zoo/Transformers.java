package io.arrayflow.workloads.zoo;

/**
 * The transformers of the zoo, written once against {@link Net}: BERT-base (post-LN encoder), GPT-2
 * 124M (pre-LN causal decoder, prefill and KV-cache decode) and ViT-B/16 (pre-LN encoder on
 * patches). Token matrices are {@code [batch·tokens][width]}; Q·Kᵀ and A·V are batched matmuls over
 * {@code G = batch·heads} with {@code weightsStatic=false}. Token and position embedding lookups
 * are outside the model (the input is the embedded sequence); GELU is the tanh form. A decoder
 * ({@link Decoder}: GPT-2 here, Llama in {@link Llama}) runs as {@link #generate}: a prefill of the
 * prompt, then {@code decodeSteps} steps of one token per sequence, each a {@link Phase}.
 */
final class Transformers {
  static final int WIDTH = 768;
  static final int HEADS = 12;
  static final int FFN = 3072;
  static final int DEPTH = 12;
  static final int GPT2_VOCAB = 50257;

  private Transformers() {}

  /** BERT-base (Devlin et al., 2019): 12 post-LN encoder layers over {@code seq} tokens. */
  static Act bertBase(Net net, ModelInput in) {
    int batch = in.batch();
    Act x = net.input("embeddings", tokens(net, "embeddings", in), WIDTH);
    for (int l = 0; l < DEPTH; l++) {
      String p = "encoder." + l + ".";
      Act q = net.fc(p + "query", x, WIDTH);
      Act k = net.fc(p + "key", x, WIDTH);
      Act v = net.fc(p + "value", x, WIDTH);
      Act a = net.attention(p + "attn", q, k, v, batch, HEADS, HEADS, false, null);
      Act o = net.fc(p + "attn_out", a, WIDTH);
      x = net.layerNorm(p + "ln1", net.add(p + "add1", x, o));
      Act f = net.gelu(p + "gelu", net.fc(p + "ffn1", x, FFN));
      f = net.fc(p + "ffn2", f, WIDTH);
      x = net.layerNorm(p + "ln2", net.add(p + "add2", x, f));
    }
    return x;
  }

  /** The rows of a token matrix, {@code batch·seq}; fails naming {@code layer} if too many. */
  static int tokens(Net net, String layer, ModelInput in) {
    return net.dim(layer, "batch × seq", (long) in.batch() * in.seq());
  }

  /**
   * A causal decoder with a KV cache: the blocks over {@code x [batch·T][width]} whose first token
   * is at position {@code first} of each sequence, returning the last token's logits.
   */
  interface Decoder {
    /** The model width (embedding size). */
    int width();

    /** The blocks, final norm and LM head over {@code x}; the last token's logits. */
    Act forward(Net net, Act x, int batch, int first);
  }

  /** Which phases {@link #generate} lists. */
  enum Phases {
    /** The prefill and every decode step. */
    ALL,
    /** The prefill alone (no decode steps). */
    PREFILL,
    /** The decode steps alone (the prefill runs to fill the caches, unlisted). */
    DECODE
  }

  /**
   * Prefill of {@code seq} prompt tokens per sequence, then {@code decodeSteps} steps of one token
   * each, every one a {@link Phase} ({@code prefill}, {@code decode.1}, …); the last logits.
   */
  static Act generate(Net net, ModelInput in, Decoder model, Phases listed) {
    int batch = in.batch();
    int tokens = tokens(net, "prompt", in);
    boolean prefillListed = listed != Phases.DECODE;
    if (prefillListed) {
      net.phase("prefill", tokens);
    } else {
      net.recording(false);
    }
    Act logits = model.forward(net, net.input("prompt", tokens, model.width()), batch, 0);
    if (prefillListed) {
      net.endPhase();
    } else {
      net.recording(true);
    }
    int steps = listed == Phases.PREFILL ? 0 : in.decodeSteps();
    for (int step = 1; step <= steps; step++) {
      net.phase("decode." + step, batch);
      Act next = net.input("next." + step, batch, model.width());
      logits = model.forward(net, next, batch, in.seq() + step - 1);
      net.endPhase();
    }
    return logits;
  }

  /** GPT-2 124M (Radford et al., 2019) as a {@link Decoder}. */
  static final Decoder GPT2 =
      new Decoder() {
        @Override
        public int width() {
          return WIDTH;
        }

        @Override
        public Act forward(Net net, Act x, int batch, int first) {
          return gpt2(net, x, batch);
        }
      };

  /** Runs GPT-2 over {@code x [batch·T][768]}, filling the KV caches; last-token logits. */
  static Act gpt2(Net net, Act x, int batch) {
    Act h = gpt2Blocks(net, x, batch);
    return net.fc("lm_head", net.token(h, batch, x.dim(0) / batch - 1), GPT2_VOCAB);
  }

  private static Act gpt2Blocks(Net net, Act x, int batch) {
    for (int l = 0; l < DEPTH; l++) {
      String p = "h" + l + ".";
      Act h = net.layerNorm(p + "ln_1", x);
      Act[] qkv = net.splitColumns(net.fc(p + "c_attn", h, 3 * WIDTH), 3);
      Act a =
          net.attention(p + "attn", qkv[0], qkv[1], qkv[2], batch, HEADS, HEADS, true, p + "kv");
      x = net.add(p + "add1", x, net.fc(p + "attn.c_proj", a, WIDTH));
      Act f = net.gelu(p + "gelu", net.fc(p + "mlp.c_fc", net.layerNorm(p + "ln_2", x), FFN));
      x = net.add(p + "add2", x, net.fc(p + "mlp.c_proj", f, WIDTH));
    }
    return net.layerNorm("ln_f", x);
  }

  /** ViT-B/16 (Dosovitskiy et al., 2021): 16×16 patches plus a class token; class logits. */
  static Act vitB16(Net net, ModelInput in) {
    int batch = in.batch();
    Act img = net.input("image", batch, 3, in.imageSize(), in.imageSize());
    Act x = net.patchTokens("cls", net.conv("patch_embed", img, WIDTH, 16, 16, 0, 1));
    x = net.addPositions("pos_embed", x, batch);
    for (int l = 0; l < DEPTH; l++) {
      String p = "blocks." + l + ".";
      Act h = net.layerNorm(p + "ln1", x);
      Act[] qkv = net.splitColumns(net.fc(p + "qkv", h, 3 * WIDTH), 3);
      Act a = net.attention(p + "attn", qkv[0], qkv[1], qkv[2], batch, HEADS, HEADS, false, null);
      x = net.add(p + "add1", x, net.fc(p + "proj", a, WIDTH));
      Act f = net.gelu(p + "gelu", net.fc(p + "fc1", net.layerNorm(p + "ln2", x), FFN));
      x = net.add(p + "add2", x, net.fc(p + "fc2", f, WIDTH));
    }
    x = net.layerNorm("norm", x);
    return net.fc("head", net.token(x, batch, 0), 1000);
  }
}
