using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Batches;

namespace SchemaGen.ML;

/// <summary>
/// A variable-length list (or an optional value that is not a float scalar) held in a <see cref="VarLenColumn{T}"/>:
/// a vector column of variable size, empty for a missing row.
/// </summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TElement">What the column holds.</typeparam>
/// <typeparam name="TValue">The vector's item type.</typeparam>
internal sealed class VarLenVectorColumn<TBatch, TElement, TValue>(string name, DataViewType type, Func<TBatch, VarLenColumn<TElement>> column)
    : BatchColumn<TBatch>(name, type)
    where TBatch : class
    where TElement : unmanaged
    where TValue : unmanaged
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<VBuffer<TValue>>)((ref VBuffer<TValue> value) =>
        {
            ReadOnlySpan<TValue> source = MemoryMarshal.Cast<TElement, TValue>(column(row.Batch)[row.Row]);
            VBufferEditor<TValue> editor = VBufferEditor.Create(ref value, source.Length);
            source.CopyTo(editor.Values);
            value = editor.Commit();
        });
}
