namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>A record that carries its own identity, so a test can see which records a batch holds.</summary>
[TfExample]
public partial record Numbered(long Id);

/// <summary>The benchmark's record: a CIFAR image and its label.</summary>
[TfExample]
public partial record CifarImage([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
