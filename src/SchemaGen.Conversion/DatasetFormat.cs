namespace SchemaGen.Conversion;

/// <summary>The kinds of input <see cref="Converter"/> reads.</summary>
public enum DatasetFormat
{
    /// <summary>CIFAR-10: <c>cifar-10-python.tar.gz</c> or <c>cifar-10-binary.tar.gz</c>, or the extracted folder.</summary>
    Cifar10,

    /// <summary>CIFAR-100: <c>cifar-100-python.tar.gz</c> or <c>cifar-100-binary.tar.gz</c>, or the extracted folder.</summary>
    Cifar100,

    /// <summary>A folder with one sub-folder of images per class.</summary>
    ImageFolder,
}
