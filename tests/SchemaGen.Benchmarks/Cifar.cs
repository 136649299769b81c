namespace SchemaGen.Benchmarks;

/// <summary>The CIFAR schema as a user declares it; the SchemaGen generator writes its codec and batch.</summary>
[TfExample]
public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
