package io.arrayflow.workloads.zoo;

/**
 * The transformers of the zoo, written once against {@link Net}: BERT-base (post-LN encoder), GPT-2
 * 124M (pre-LN causal decoder, prefill and KV-cache decode) and ViT-B/16 (pre-LN encoder on
 * patches). Token matrices are {@code [batch·tokens][width]}; Q·Kᵀ and A·V are batched matmuls over
 * {@code G = batch·heads} with {@code weightsStatic=false}. Token and position embedding lookups
 * are outside the model (the input is the embedded sequence); GELU is the tanh form.
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
      Act a = net.attention(p + "attn", q, k, v, batch, HEADS, false, null);
      Act o = net.fc(p + "attn_out", a, WIDTH);
      x = net.layerNorm(p + "ln1", net.add(p + "add1", x, o));
      Act f = net.gelu(p + "gelu", net.fc(p + "ffn1", x, FFN));
      f = net.fc(p + "ffn2", f, WIDTH);
      x = net.layerNorm(p + "ln2", net.add(p + "add2", x, f));
    }
    return x;
  }

  /** The rows of a token matrix, {@code batch·seq}; fails naming {@code layer} if too many. */
  private static int tokens(Net net, String layer, ModelInput in) {
    return net.dim(layer, "batch × seq", (long) in.batch() * in.seq());
  }

  /** GPT-2 124M: prefill of {@code seq} prompt tokens, then one decode step; returns its logits. */
  static Act gpt2(Net net, ModelInput in) {
    net.prefix("prefill.");
    gpt2Prefill(net, net.input("prompt", tokens(net, "prompt", in), WIDTH), in.batch());
    net.prefix("decode.");
    return gpt2Step(net, net.input("next", in.batch(), WIDTH), in.batch());
  }

  /** GPT-2 prefill of {@code seq} tokens alone; returns the last token's logits. */
  static Act gpt2PrefillOnly(Net net, ModelInput in) {
    return gpt2Prefill(net, net.input("prompt", tokens(net, "prompt", in), WIDTH), in.batch());
  }

  /** GPT-2 decode step alone against a cache of {@code seq} positions (prefill run, not listed). */
  static Act gpt2DecodeOnly(Net net, ModelInput in) {
    net.recording(false);
    gpt2Prefill(net, net.input("prompt", tokens(net, "prompt", in), WIDTH), in.batch());
    net.recording(true);
    return gpt2Step(net, net.input("next", in.batch(), WIDTH), in.batch());
  }

  /** Runs GPT-2 over {@code x [batch·T][768]}, filling the KV caches; last-token logits. */
  static Act gpt2Prefill(Net net, Act x, int batch) {
    Act h = gpt2Blocks(net, x, batch);
    return net.fc("lm_head", net.token(h, batch, x.dim(0) / batch - 1), GPT2_VOCAB);
  }

  /** One decode step for {@code x [batch][768]} against the KV caches; its logits. */
  static Act gpt2Step(Net net, Act x, int batch) {
    return net.fc("lm_head", gpt2Blocks(net, x, batch), GPT2_VOCAB);
  }

  private static Act gpt2Blocks(Net net, Act x, int batch) {
    for (int l = 0; l < DEPTH; l++) {
      String p = "h" + l + ".";
      Act h = net.layerNorm(p + "ln_1", x);
      Act[] qkv = net.splitColumns(net.fc(p + "c_attn", h, 3 * WIDTH), 3);
      Act a = net.attention(p + "attn", qkv[0], qkv[1], qkv[2], batch, HEADS, true, p + "kv");
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
      Act a = net.attention(p + "attn", qkv[0], qkv[1], qkv[2], batch, HEADS, false, null);
      x = net.add(p + "add1", x, net.fc(p + "proj", a, WIDTH));
      Act f = net.gelu(p + "gelu", net.fc(p + "fc1", net.layerNorm(p + "ln2", x), FFN));
      x = net.add(p + "add2", x, net.fc(p + "fc2", f, WIDTH));
    }
    x = net.layerNorm("norm", x);
    return net.fc("head", net.token(x, batch, 0), 1000);
  }
}
