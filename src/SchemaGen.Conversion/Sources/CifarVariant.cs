namespace SchemaGen.Conversion.Sources;

/// <summary>The member names of one CIFAR distribution (the file names inside its archive's top folder).</summary>
internal sealed record CifarLayout(string Description, bool IsPython, string[] Train, string[] Test, string[] Meta)
{
    public static readonly CifarLayout Cifar10Python = new("cifar-10-batches-py", true,
        ["data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5"], ["test_batch"], ["batches.meta"]);

    public static readonly CifarLayout Cifar10Binary = new("cifar-10-batches-bin", false,
        ["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"], ["test_batch.bin"], ["batches.meta.txt"]);

    public static readonly CifarLayout Cifar100Python = new("cifar-100-python", true, ["train"], ["test"], ["meta"]);

    public static readonly CifarLayout Cifar100Binary = new("cifar-100-binary", false,
        ["train.bin"], ["test.bin"], ["fine_label_names.txt", "coarse_label_names.txt"]);

    public IEnumerable<string> AllNames => Train.Concat(Test).Concat(Meta);

    /// <summary>The split, <c>train</c> or <c>test</c>, that the batch <paramref name="name"/> belongs to.</summary>
    public (string Split, string[] Batches)? SplitOf(string name) =>
        Train.Contains(name) ? ("train", Train) : Test.Contains(name) ? ("test", Test) : null;
}
