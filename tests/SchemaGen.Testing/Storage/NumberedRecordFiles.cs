namespace SchemaGen.Testing.Storage;

/// <summary>
/// Local TFRecord files of records numbered 0, 1, 2, … in order: the reference that the storage tests compare stored
/// objects with. Each test project encodes a number as a record of its own generated type.
/// </summary>
public static class NumberedRecordFiles
{
    /// <summary>Files <c>part-00000.tfrecord</c>, … holding records 0, 1, 2, … in order, <paramref name="counts"/>[i] in file i.</summary>
    public static string[] Write(TempDirectory directory, int[] counts, Func<long, byte[]> record)
    {
        var paths = new string[counts.Length];
        long id = 0;
        for (int file = 0; file < counts.Length; file++)
        {
            paths[file] = directory.File($"part-{file:00000}.tfrecord");
            using var writer = new TfRecordWriter(paths[file]);
            for (int i = 0; i < counts[file]; i++)
            {
                writer.Write(record(id++));
            }
        }

        return paths;
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
