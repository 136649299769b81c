using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace SchemaGen.ML;

/// <summary>A fixed-shape feature (or raw uint8 tensor) held in a fixed buffer: a vector column of known size, copied into the caller's buffer.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <typeparam name="TElement">What the buffer holds.</typeparam>
/// <typeparam name="TValue">The vector's item type.</typeparam>
internal sealed class FixedVectorColumn<TBatch, TElement, TValue>(string name, DataViewType type, SpanAccessor<TBatch, TElement> values, int width)
    : BatchColumn<TBatch>(name, type)
    where TBatch : class
    where TElement : unmanaged
    where TValue : unmanaged
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<VBuffer<TValue>>)((ref VBuffer<TValue> value) =>
        {
            ReadOnlySpan<TValue> source = MemoryMarshal.Cast<TElement, TValue>(values(row.Batch)).Slice(row.Row * width, width);
            VBufferEditor<TValue> editor = VBufferEditor.Create(ref value, width);
            source.CopyTo(editor.Values);
            value = editor.Commit();
        });
}
