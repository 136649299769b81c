namespace SchemaGen.Datasets;

/// <summary>The records of one file that a worker reads in an epoch: all of them, or a range (sharding by record).</summary>
/// <param name="FileIndex">The file's index in the dataset's sorted file list.</param>
/// <param name="First">The first record, counting from 0.</param>
/// <param name="Count">How many records; -1 for all from <paramref name="First"/> to the end.</param>
internal readonly record struct RecordShard(int FileIndex, long First, long Count)
{
    public static RecordShard WholeFile(int fileIndex) => new(fileIndex, 0, -1);
}
