namespace SchemaGen.Datasets;

/// <summary>Reads the records of one file by their number (through the file's index).</summary>
internal abstract class RandomRecordReader : IDisposable
{
    /// <summary>
    /// Reads record <paramref name="recordIndex"/>; its bytes stay valid until the next call. False when the damage
    /// policy skipped it (or skipped the rest of its file).
    /// </summary>
    public abstract bool TryRead(long recordIndex, out RecordView record);

    public abstract void Dispose();
}
