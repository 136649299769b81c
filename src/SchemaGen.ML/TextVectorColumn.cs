using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Batches;

namespace SchemaGen.ML;

/// <summary>A list of strings: a vector of text, of the shape's size or variable.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
internal sealed class TextVectorColumn<TBatch>(string name, DataViewType type, Func<TBatch, BytesListColumn> column)
    : BatchColumn<TBatch>(name, type)
    where TBatch : class
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<VBuffer<ReadOnlyMemory<char>>>)((ref VBuffer<ReadOnlyMemory<char>> value) =>
        {
            BytesListColumn strings = column(row.Batch);
            int count = strings.GetValueCount(row.Row);
            VBufferEditor<ReadOnlyMemory<char>> editor = VBufferEditor.Create(ref value, count);
            for (int i = 0; i < count; i++)
            {
                editor.Values[i] = Encoding.UTF8.GetString(strings.GetValue(row.Row, i)).AsMemory();
            }

            value = editor.Commit();
        });
}
