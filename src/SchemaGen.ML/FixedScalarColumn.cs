using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SchemaGen.ML;

/// <summary>A scalar feature held in a fixed buffer (one value per row): a primitive column, read without copying.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TElement">What the buffer holds (an enum is read as its underlying integer).</typeparam>
/// <typeparam name="TValue">The column's raw type.</typeparam>
internal sealed class FixedScalarColumn<TBatch, TElement, TValue>(string name, DataViewType type, SpanAccessor<TBatch, TElement> values)
    : BatchColumn<TBatch>(name, type)
    where TBatch : class
    where TElement : unmanaged
    where TValue : unmanaged
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<TValue>)((ref TValue value) => value = MemoryMarshal.Cast<TElement, TValue>(values(row.Batch))[row.Row]);
}
