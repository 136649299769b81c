namespace SchemaGen.Datasets;

/// <summary>What a derived seed is for, so file order and record order never share a random sequence.</summary>
internal enum DatasetRandomStream
{
    FileOrder = 1,
    ShuffleBuffer = 2,
    GlobalPermutation = 3,
    Augmentation = 4,
    Sizing = 5,
}
