namespace SchemaGen.Benchmarks;

/// <summary>An encoded image and its label, as convert's image-folder records hold them (TFDS's layout).</summary>
[TfExample]
public partial record PhotoRecord(byte[] Image, long Label);
