using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Batches;

namespace SchemaGen.ML;

/// <summary>A bytes feature (<c>byte[]</c>, <c>ReadOnlyMemory&lt;byte&gt;</c>): a variable vector of bytes, empty when missing.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
internal sealed class BytesColumn<TBatch>(string name, Func<TBatch, BytesListColumn> column)
    : BatchColumn<TBatch>(name, new VectorDataViewType(NumberDataViewType.Byte))
    where TBatch : class
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<VBuffer<byte>>)((ref VBuffer<byte> value) =>
        {
            BytesListColumn bytes = column(row.Batch);
            ReadOnlySpan<byte> source = bytes.GetValueCount(row.Row) == 0 ? default : bytes.GetValue(row.Row, 0);
            VBufferEditor<byte> editor = VBufferEditor.Create(ref value, source.Length);
            source.CopyTo(editor.Values);
            value = editor.Commit();
        });
}
