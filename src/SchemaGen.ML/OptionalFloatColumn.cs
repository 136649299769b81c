using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Batches;

namespace SchemaGen.ML;

/// <summary>An optional float (or double) scalar: a primitive column whose missing value is NaN, ML.NET's missing float.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TValue">float or double.</typeparam>
internal sealed class OptionalFloatColumn<TBatch, TValue>(string name, DataViewType type, Func<TBatch, VarLenColumn<TValue>> column)
    : BatchColumn<TBatch>(name, type)
    where TBatch : class
    where TValue : unmanaged, IFloatingPointIeee754<TValue>
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<TValue>)((ref TValue value) =>
        {
            ReadOnlySpan<TValue> values = column(row.Batch)[row.Row];
            value = values.IsEmpty ? TValue.NaN : values[0];
        });
}
