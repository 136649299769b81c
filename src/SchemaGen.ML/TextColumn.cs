using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Batches;

namespace SchemaGen.ML;

/// <summary>A string feature: a text column, empty when an optional string is missing.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
/// <remarks>Each value is a new string: a consumer may keep the memory past the row, as ML.NET's own loaders allow.</remarks>
internal sealed class TextColumn<TBatch>(string name, Func<TBatch, BytesListColumn> column)
    : BatchColumn<TBatch>(name, TextDataViewType.Instance)
    where TBatch : class
{
    public override Delegate CreateGetter(IBatchRow<TBatch> row) =>
        (ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> value) =>
        {
            BytesListColumn strings = column(row.Batch);
            value = strings.GetValueCount(row.Row) == 0 ? ReadOnlyMemory<char>.Empty : Encoding.UTF8.GetString(strings.GetValue(row.Row, 0)).AsMemory();
        });
}
