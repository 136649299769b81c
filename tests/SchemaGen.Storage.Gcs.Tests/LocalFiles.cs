using SchemaGen.Datasets;

namespace SchemaGen.Storage.Gcs.Tests;

/// <summary>TFRecord files of <see cref="Numbered"/> records written locally: the reference the objects are compared with.</summary>
internal static class LocalFiles
{
    /// <summary>Files <c>part-00000.tfrecord</c>, … holding ids 0, 1, 2, … in order, <paramref name="counts"/>[i] in file i.</summary>
    public static string[] Write(TempDirectory directory, int[] counts, int padding = 16) =>
        NumberedRecordFiles.Write(directory, counts, id => new Numbered(id, NumberedRecordFiles.Payload((int)id, padding)).ToByteArray());

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
}
