using SchemaGen.Datasets;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>TFRecord files of <see cref="Numbered"/> records written locally: the reference the objects are compared with.</summary>
internal static class LocalFiles
{
    /// <summary>Files <c>part-00000.tfrecord</c>, … holding ids 0, 1, 2, … in order, <paramref name="counts"/>[i] in file i.</summary>
    public static string[] Write(TempDirectory directory, int[] counts, int padding = 16)
    {
        var paths = new string[counts.Length];
        long id = 0;
        for (int file = 0; file < counts.Length; file++)
        {
            paths[file] = directory.File($"part-{file:00000}.tfrecord");
            using var writer = new TfRecordWriter(paths[file]);
            for (int i = 0; i < counts[file]; i++)
            {
                var bytes = new byte[padding];
                Random.Shared.NextBytes(bytes);
                writer.Write(new Numbered(id++, bytes).ToByteArray());
            }
        }

        return paths;
    }

    /// <summary>Every batch's ids, in order.</summary>
    public static List<long[]> Ids(BatchDataset<Numbered.Batch> batches)
    {
        var result = new List<long[]>();
        foreach (var batch in batches)
        {
            result.Add(batch.Id[..batch.Count].ToArray());
        }

        return result;
    }

    /// <summary>Random bytes, the same for the same <paramref name="seed"/>.</summary>
    public static byte[] Payload(int seed, int length)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The first exception of type <typeparamref name="T"/> in the chain of inner exceptions.</summary>
    public static Exception? Unwrap<T>(Exception? e)
    {
        while (e is not null and not T)
        {
            e = e.InnerException;
        }

        return e;
    }
}
