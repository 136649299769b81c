namespace SchemaGen.Storage.Azure.Tests;

/// <summary>Local TFRecord files of <see cref="Numbered"/> records and reading a dataset's ids back.</summary>
internal static class Records
{
    /// <summary>Files <c>part-00000.tfrecord</c>, … holding ids 0, 1, 2, … in order, counts[i] in file i.</summary>
    public static string[] WriteLocal(TempDirectory directory, params int[] counts) => NumberedRecordFiles.Write(directory, counts, Record);

    public static byte[] Record(long id)
    {
        var payload = new byte[100 + (int)(id % 900)];
        new Random((int)id).NextBytes(payload);
        return new Numbered(id, payload).ToByteArray();
    }

    /// <summary>Every record's id, in the order the dataset gives them.</summary>
    public static List<long> Ids(TfRecordDataset dataset)
    {
        var ids = new List<long>();
        using var reader = dataset.Batch<Numbered.Batch>(16).Open();
        while (reader.MoveNext())
        {
            ids.AddRange(reader.Current.Id[..reader.Current.Count].ToArray());
        }

        return ids;
    }
}
