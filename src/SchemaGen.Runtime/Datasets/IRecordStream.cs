namespace SchemaGen.Datasets;

/// <summary>One epoch's records for one worker, in the order the stages before the shuffle buffer give them.</summary>
internal interface IRecordStream : IDisposable
{
    /// <summary>Reads the next record; its bytes stay valid until the next call.</summary>
    bool TryNext(out RecordView record);
}
