namespace SchemaGen.Benchmarks;

/// <summary>The CIFAR schema the dataset benchmark parses into (its generated <c>Batch</c>).</summary>
[TfExample]
public partial record CifarSample([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
