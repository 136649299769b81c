namespace SchemaGen.ML;

/// <summary>Where a cursor is: the batch it reads and the row within it.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
internal interface IBatchRow<TBatch>
    where TBatch : class
{
    /// <summary>The current batch.</summary>
    /// <exception cref="InvalidOperationException">The cursor is not on a row.</exception>
    TBatch Batch { get; }

    /// <summary>The current row of <see cref="Batch"/>.</summary>
    int Row { get; }
}
