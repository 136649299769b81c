namespace SchemaGen.ML;

/// <summary>A fixed column's buffer as a batch property exposes it (a <see cref="Span{T}"/> cannot be a <see cref="Func{T, TResult}"/> result).</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="T">The element type.</typeparam>
/// <param name="batch">The batch.</param>
/// <returns>The column's values, row by row.</returns>
internal delegate Span<T> SpanAccessor<in TBatch, T>(TBatch batch);
