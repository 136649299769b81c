namespace SchemaGen.Datasets;

/// <summary>Reads the records of one <see cref="RecordShard"/> in file order.</summary>
internal abstract class RecordCursor : IDisposable
{
    /// <summary>Reads the next record; its bytes stay valid until the next call.</summary>
    public abstract bool TryReadNext(out RecordView record);

    public abstract void Dispose();
}
