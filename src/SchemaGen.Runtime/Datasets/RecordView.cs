namespace SchemaGen.Datasets;

/// <summary>A record as a reader hands it out: valid until the next read from the same stream.</summary>
/// <param name="Data">The record's bytes.</param>
/// <param name="FileIndex">The file's index in the dataset's sorted file list.</param>
/// <param name="Offset">The record's byte offset in its file (for in-memory records: its index).</param>
internal readonly record struct RecordView(ReadOnlyMemory<byte> Data, int FileIndex, long Offset);
