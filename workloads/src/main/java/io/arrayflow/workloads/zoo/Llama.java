package io.arrayflow.workloads.zoo;

/**
 * The Llama family (Touvron et al., 2023; Meta's Llama 3.2) as {@link Transformers.Decoder}s:
 * pre-norm blocks with RMSNorm, rotary position embeddings on queries and keys, grouped-query
 * attention ({@code kvHeads} key/value heads shared by {@code heads / kvHeads} query heads each,
 * Ainslie et al., 2023), a SwiGLU MLP ({@code down(silu(gate(x))·up(x))}), no biases, a final
 * RMSNorm and the LM head on the last token. Norms, SwiGLU's gate and the rotations run on the
 * vector unit. The token embedding lookup is outside the model (the input is the embedded
 * sequence), as for GPT-2. Llama 3.2's long-context rope scaling changes the angles, not the
 * shapes, and is not modelled.
 *
 * @param width hidden size
 * @param depth decoder layers
 * @param heads query heads
 * @param kvHeads key/value heads
 * @param ffn the MLP's intermediate size
 * @param vocab vocabulary (LM head outputs)
 * @param ropeTheta rope's base
 */
record Llama(int width, int depth, int heads, int kvHeads, int ffn, int vocab, double ropeTheta)
    implements Transformers.Decoder {

  /**
   * Llama 2 7B (meta-llama/Llama-2-7b-hf config.json: hidden_size 4096, num_hidden_layers 32,
   * num_attention_heads 32, num_key_value_heads 32, intermediate_size 11008, vocab_size 32000,
   * rope_theta 10000): multi-head attention, the degenerate group of one.
   */
  static final Llama LLAMA_2_7B = new Llama(4096, 32, 32, 32, 11008, 32000, 10_000);

  /**
   * Llama 3.2 1B (meta-llama/Llama-3.2-1B config.json: hidden_size 2048, num_hidden_layers 16,
   * num_attention_heads 32, num_key_value_heads 8, head_dim 64, intermediate_size 8192, vocab_size
   * 128256, rope_theta 500000): four query heads per key/value head.
   */
  static final Llama LLAMA_3_2_1B = new Llama(2048, 16, 32, 8, 8192, 128256, 500_000);

  /** Checks that heads divide the width and key/value heads divide the heads. */
  Llama {
    if (width % heads != 0 || heads % kvHeads != 0 || (width / heads) % 2 != 0) {
      throw new IllegalArgumentException(
          "llama: heads must divide the width into even head widths and kv heads the heads");
    }
  }

  @Override
  public Act forward(Net net, Act x, int batch, int first) {
    int d = width / heads;
    for (int l = 0; l < depth; l++) {
      String p = "l" + l + ".";
      Act h = net.rmsNorm(p + "input_norm", x);
      Act q =
          net.rope(
              p + "rope_q", net.fc(p + "q_proj", h, width, false), batch, heads, first, ropeTheta);
      Act k =
          net.rope(
              p + "rope_k",
              net.fc(p + "k_proj", h, kvHeads * d, false),
              batch,
              kvHeads,
              first,
              ropeTheta);
      Act v = net.fc(p + "v_proj", h, kvHeads * d, false);
      Act a = net.attention(p + "attn", q, k, v, batch, heads, kvHeads, true, p + "kv");
      x = net.add(p + "add1", x, net.fc(p + "o_proj", a, width, false));
      h = net.rmsNorm(p + "post_norm", x);
      Act gate = net.fc(p + "gate_proj", h, ffn, false);
      Act up = net.fc(p + "up_proj", h, ffn, false);
      Act f = net.fc(p + "down_proj", net.swiglu(p + "swiglu", gate, up), width, false);
      x = net.add(p + "add2", x, f);
    }
    Act last = net.token(net.rmsNorm("norm", x), batch, x.dim(0) / batch - 1);
    return net.fc("lm_head", last, vocab, false);
  }
}
