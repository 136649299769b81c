using SchemaGen;

namespace Cifar10;

/// <summary>One CIFAR-10 example as the converter writes it: a 32x32 RGB image (HWC bytes) and its class.</summary>
[TfExample]
public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
