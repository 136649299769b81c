using Microsoft.ML;
using Microsoft.ML.Data;

namespace SchemaGen.ML;

/// <summary>One column of the view: its name and type, and how a cursor's getter reads it from the current batch row.</summary>
/// <typeparam name="TBatch">The generated batch type.</typeparam>
internal abstract class BatchColumn<TBatch>(string name, DataViewType type)
    where TBatch : class
{
    /// <summary>The column's name: the feature key.</summary>
    public string Name { get; } = name;

    /// <summary>The column's ML.NET type.</summary>
    public DataViewType Type { get; } = type;

    /// <summary>A getter (a <see cref="ValueGetter{TValue}"/> of the column's raw type) that reads the row the cursor is on.</summary>
    public abstract Delegate CreateGetter(IBatchRow<TBatch> row);
}
