using System.Diagnostics.CodeAnalysis;
using SchemaGen.Batches;
using SchemaGen.Examples;

namespace SchemaGen.Schema;

/// <summary>
/// A columnar batch of schema records (the generated <c>T.Batch</c>), allocated once for a capacity and reused:
/// each fixed-size feature is one contiguous buffer of <c>capacity × prod(shape)</c> values, each variable-length
/// feature a column of values plus row offsets, and each feature list of a SequenceExample a
/// <see cref="FeatureListColumn{T}"/> (its steps' values plus per-row step offsets).
/// </summary>
/// <typeparam name="TBatch">The batch type itself, so that a pipeline can create batches knowing only it.</typeparam>
/// <remarks>
/// Rows are filled in order: <see cref="ParseInto"/> appends row <see cref="Count"/>; a batch whose features are all
/// fixed-size may also overwrite any row below <see cref="Count"/>. Parsing allocates nothing (variable-length
/// columns grow, then keep their buffers across <see cref="Clear"/>).
/// </remarks>
/// <example>
/// <code>
/// static TBatch Fill&lt;TBatch&gt;(IEnumerable&lt;byte[]&gt; records, int size) where TBatch : ITfExampleBatch&lt;TBatch&gt;
/// {
///     TBatch batch = TBatch.Create(size);
///     foreach (byte[] record in records.Take(size)) batch.ParseInto(record, batch.Count);
///     return batch;
/// }
/// </code>
/// </example>
public interface ITfExampleBatch<TBatch>
    where TBatch : ITfExampleBatch<TBatch>
{
    /// <summary>Creates an empty batch for up to <paramref name="capacity"/> records.</summary>
    /// <param name="capacity">The number of rows.</param>
    /// <returns>The batch.</returns>
    static abstract TBatch Create(int capacity);

    /// <summary>The schema the rows follow.</summary>
    static abstract ExampleSchema Schema { get; }

    /// <summary>The number of rows the batch holds.</summary>
    int Capacity { get; }

    /// <summary>The number of rows filled.</summary>
    int Count { get; }

    /// <summary>Empties the batch, keeping its buffers.</summary>
    void Clear();

    /// <summary>Parses a serialized record into a row.</summary>
    /// <param name="data">The serialized record.</param>
    /// <param name="row">The row: <see cref="Count"/> to append, or (all features fixed-size) a row below it to overwrite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row is not one that can be written.</exception>
    /// <exception cref="ExampleParseException">The record does not fit the schema; the batch is unchanged.</exception>
    /// <exception cref="ExampleFormatException">The bytes are malformed; the batch is unchanged.</exception>
    void ParseInto(ReadOnlySpan<byte> data, int row);

    /// <summary>Parses a serialized record into a row, reporting a mismatch instead of throwing.</summary>
    /// <param name="data">The serialized record.</param>
    /// <param name="row">The row, as for <see cref="ParseInto"/>.</param>
    /// <param name="error">Why parsing failed (its <see cref="ExampleParseError.Index"/> is the row).</param>
    /// <returns>True when parsed; false leaves the batch unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The row is not one that can be written.</exception>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "A C# API; 'error' reads best.")]
    bool TryParseInto(ReadOnlySpan<byte> data, int row, out ExampleParseError error);
}

/// <summary>A columnar batch whose rows can be read back as records.</summary>
/// <typeparam name="TBatch">The batch type.</typeparam>
/// <typeparam name="TExample">The record type.</typeparam>
public interface ITfExampleBatch<TBatch, TExample> : ITfExampleBatch<TBatch>
    where TBatch : ITfExampleBatch<TBatch, TExample>
{
    /// <summary>Builds the record of a row (allocates the record and its arrays).</summary>
    /// <param name="row">A row below <see cref="ITfExampleBatch{TBatch}.Count"/>.</param>
    /// <returns>The record.</returns>
    [SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "Get reads one row back as the record type; no Visual Basic caller is expected to need another name.")]
    TExample Get(int row);
}
