package io.arrayflow.workloads.zoo;

/**
 * The convolutional networks of the zoo, each written once against {@link Net}. Classifier heads
 * stop at the logits (no final softmax); dropout and batch norm are inference no-ops here.
 */
final class Cnns {
  private Cnns() {}

  /**
   * The original two-tower AlexNet (Krizhevsky et al., 2012) as used by Eyeriss (Chen et al., ISCA
   * 2016): 227×227 input, conv2/4/5 in two groups; LRN omitted (it carries no MACs).
   */
  static Act alexnet(Net net, ModelInput in) {
    Act x = net.input("image", in.batch(), 3, in.imageSize(), in.imageSize());
    x = net.relu("conv1.relu", net.conv("conv1", x, 96, 11, 4, 0, 1));
    x = net.maxPool("pool1", x, 3, 2, 0);
    x = net.relu("conv2.relu", net.conv("conv2", x, 256, 5, 1, 2, 2));
    x = net.maxPool("pool2", x, 3, 2, 0);
    x = net.relu("conv3.relu", net.conv("conv3", x, 384, 3, 1, 1, 1));
    x = net.relu("conv4.relu", net.conv("conv4", x, 384, 3, 1, 1, 2));
    x = net.relu("conv5.relu", net.conv("conv5", x, 256, 3, 1, 1, 2));
    x = net.flatten(net.maxPool("pool5", x, 3, 2, 0));
    x = net.relu("fc6.relu", net.fc("fc6", x, 4096));
    x = net.relu("fc7.relu", net.fc("fc7", x, 4096));
    return net.fc("fc8", x, 1000);
  }

  /** VGG-16 (Simonyan and Zisserman, 2015), configuration D. */
  static Act vgg16(Net net, ModelInput in) {
    int[][] stages = {{64, 64}, {128, 128}, {256, 256, 256}, {512, 512, 512}, {512, 512, 512}};
    Act x = net.input("image", in.batch(), 3, in.imageSize(), in.imageSize());
    for (int s = 0; s < stages.length; s++) {
      for (int i = 0; i < stages[s].length; i++) {
        String name = "conv" + (s + 1) + "_" + (i + 1);
        x = net.relu(name + ".relu", net.conv(name, x, stages[s][i], 3, 1, 1, 1));
      }
      x = net.maxPool("pool" + (s + 1), x, 2, 2, 0);
    }
    x = net.flatten(x);
    x = net.relu("fc6.relu", net.fc("fc6", x, 4096));
    x = net.relu("fc7.relu", net.fc("fc7", x, 4096));
    return net.fc("fc8", x, 1000);
  }

  /** ResNet-18 (He et al., 2016), torchvision layout: basic blocks [2, 2, 2, 2]. */
  static Act resnet18(Net net, ModelInput in) {
    return resnet(net, in, new int[] {2, 2, 2, 2}, false);
  }

  /** ResNet-50 v1.5 (torchvision): bottlenecks [3, 4, 6, 3], stride in the 3×3 conv. */
  static Act resnet50(Net net, ModelInput in) {
    return resnet(net, in, new int[] {3, 4, 6, 3}, true);
  }

  private static Act resnet(Net net, ModelInput in, int[] blocks, boolean bottleneck) {
    Act x = net.input("image", in.batch(), 3, in.imageSize(), in.imageSize());
    x = net.relu("conv1.relu", net.conv("conv1", x, 64, 7, 2, 3, 1));
    x = net.maxPool("maxpool", x, 3, 2, 1);
    int expansion = bottleneck ? 4 : 1;
    for (int stage = 0; stage < blocks.length; stage++) {
      int width = 64 << stage;
      for (int b = 0; b < blocks[stage]; b++) {
        int stride = (b == 0 && stage > 0) ? 2 : 1;
        String name = "layer" + (stage + 1) + "." + b;
        Act shortcut = x;
        Act y;
        if (bottleneck) {
          y = net.relu(name + ".conv1.relu", net.conv(name + ".conv1", x, width, 1, 1, 0, 1));
          y = net.relu(name + ".conv2.relu", net.conv(name + ".conv2", y, width, 3, stride, 1, 1));
          y = net.conv(name + ".conv3", y, width * expansion, 1, 1, 0, 1);
        } else {
          y = net.relu(name + ".conv1.relu", net.conv(name + ".conv1", x, width, 3, stride, 1, 1));
          y = net.conv(name + ".conv2", y, width, 3, 1, 1, 1);
        }
        if (stride != 1 || x.dim(1) != width * expansion) {
          shortcut = net.conv(name + ".downsample", x, width * expansion, 1, stride, 0, 1);
        }
        x = net.relu(name + ".relu", net.add(name + ".add", y, shortcut));
      }
    }
    x = net.globalAvgPool("avgpool", x);
    return net.fc("fc", x, 1000);
  }

  /** MobileNetV2 (Sandler et al., 2018), width 1.0: inverted residuals with linear bottlenecks. */
  static Act mobilenetV2(Net net, ModelInput in) {
    int[][] settings = {
      {1, 16, 1, 1},
      {6, 24, 2, 2},
      {6, 32, 3, 2},
      {6, 64, 4, 2},
      {6, 96, 3, 1},
      {6, 160, 3, 2},
      {6, 320, 1, 1}
    };
    Act x = net.input("image", in.batch(), 3, in.imageSize(), in.imageSize());
    x = net.relu6("features.0.relu6", net.conv("features.0", x, 32, 3, 2, 1, 1));
    int block = 1;
    for (int[] t : settings) {
      for (int i = 0; i < t[2]; i++) {
        int stride = i == 0 ? t[3] : 1;
        int inC = x.dim(1);
        int hidden = inC * t[0];
        String name = "features." + block++;
        Act y = x;
        if (t[0] != 1) {
          y = net.relu6(name + ".expand.relu6", net.conv(name + ".expand", y, hidden, 1, 1, 0, 1));
        }
        y = net.relu6(name + ".dw.relu6", net.conv(name + ".dw", y, hidden, 3, stride, 1, hidden));
        y = net.conv(name + ".project", y, t[1], 1, 1, 0, 1);
        x = (stride == 1 && inC == t[1]) ? net.add(name + ".add", x, y) : y;
      }
    }
    x = net.relu6("features.18.relu6", net.conv("features.18", x, 1280, 1, 1, 0, 1));
    x = net.globalAvgPool("avgpool", x);
    return net.fc("classifier", x, 1000);
  }
}
