namespace SchemaGen.Imaging.Tests;

/// <summary>The ImageNet layout of TF-slim and tf_cnn_benchmarks, as much of it as the decode stage's tests read.</summary>
[TfExample]
public partial record SlimImage(
    [property: TfFeature("image/encoded")] byte[] ImageEncoded,
    [property: TfFeature("image/class/label")] long ImageClassLabel,
    [property: TfFeature("image/filename")] string ImageFilename);

/// <summary>A TFDS-style record (image, label) made in the tests, with an id to follow it through the pipeline.</summary>
[TfExample]
public partial record TfdsImage(byte[] Image, long Label);
