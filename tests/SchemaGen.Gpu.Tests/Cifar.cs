namespace SchemaGen.Gpu.Tests;

[TfExample]
public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
