using System.Globalization;

namespace SchemaGen.Conversion.Output;

/// <summary>TFDS shard naming and the split of records into shards.</summary>
public static class ShardNaming
{
    /// <summary>The file name of shard <paramref name="index"/> of <paramref name="count"/>: <c>train.tfrecord-00000-of-00004</c>.</summary>
    /// <param name="split">The split name.</param>
    /// <param name="index">The shard, from 0.</param>
    /// <param name="count">The number of shards.</param>
    /// <returns>The file name.</returns>
    public static string FileName(string split, int index, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"{split}.tfrecord-{index:D5}-of-{count:D5}");

    /// <summary>The records of shard <paramref name="index"/>: contiguous, the shards differing in size by at most one.</summary>
    /// <param name="records">Records in the split.</param>
    /// <param name="index">The shard, from 0.</param>
    /// <param name="count">The number of shards.</param>
    /// <returns>The first record and the count.</returns>
    public static (int Start, int Length) Range(int records, int index, int count)
    {
        int start = (int)((long)records * index / count);
        int end = (int)((long)records * (index + 1) / count);
        return (start, end - start);
    }
}
