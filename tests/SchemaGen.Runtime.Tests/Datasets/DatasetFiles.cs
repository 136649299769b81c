using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>Writes small TFRecord files of <see cref="Numbered"/> records and reads batches back as ids.</summary>
internal static class DatasetFiles
{
    /// <summary>Files <c>part-00000.tfrecord</c>, … holding ids 0, 1, 2, … in order, <paramref name="counts"/>[i] in file i.</summary>
    public static string[] Write(TempDirectory directory, int[] counts, TfRecordWriterOptions? options = null)
    {
        var paths = new string[counts.Length];
        long id = 0;
        for (int file = 0; file < counts.Length; file++)
        {
            paths[file] = directory.File($"part-{file:00000}.tfrecord");
            using var writer = new TfRecordWriter(paths[file], options);
            for (int i = 0; i < counts[file]; i++)
            {
                writer.Write(new Numbered(id++).ToByteArray());
            }
        }

        return paths;
    }

    /// <summary>A file of <paramref name="count"/> CIFAR-sized records, each image a little different.</summary>
    public static string WriteCifar(TempDirectory directory, string name, int count)
    {
        string path = directory.File(name);
        using var writer = new TfRecordWriter(path);
        var image = new byte[3072];
        for (int i = 0; i < count; i++)
        {
            image[i % 3072] = (byte)i;
            writer.Write(new CifarImage(image, i % 10).ToByteArray());
        }

        return path;
    }

    public static byte[][] InMemory(int count) =>
        Enumerable.Range(0, count).Select(i => new Numbered(i).ToByteArray()).ToArray();

    /// <summary>Every batch's ids, in order.</summary>
    public static List<long[]> Ids(BatchDataset<Numbered.Batch> batches) => [.. Batches(batches).Select(b => b.Ids)];

    /// <summary>Every batch's ids with its epoch (from the reader's checkpoint after the batch).</summary>
    public static List<(long Epoch, long[] Ids)> Batches(BatchDataset<Numbered.Batch> batches)
    {
        var result = new List<(long, long[])>();
        using var reader = batches.Open();
        while (reader.MoveNext())
        {
            result.Add((reader.GetCheckpoint().Epoch, IdsOf(reader.Current)));
        }

        return result;
    }

    public static long[] IdsOf(Numbered.Batch batch) => batch.Id[..batch.Count].ToArray();

    public static long[] Flatten(IEnumerable<long[]> batches) => [.. batches.SelectMany(b => b)];
}
