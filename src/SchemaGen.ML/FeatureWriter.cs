using Microsoft.ML;
using SchemaGen.Examples;

namespace SchemaGen.ML;

/// <summary>One column of a data view written as the feature of its name: fetched and measured, then written.</summary>
internal abstract class FeatureWriter(DataViewSchema.Column column)
{
    /// <summary>The column.</summary>
    public DataViewSchema.Column Column { get; } = column;

    /// <summary>The feature key: the column's name.</summary>
    public string Key => Column.Name;

    /// <summary>Takes the column's getter from the cursor that is about to be read.</summary>
    public abstract void Bind(DataViewRow row);

    /// <summary>Fetches the current row's value.</summary>
    /// <returns>The feature entry's size in the Example; 0 when the feature is left out (an empty variable vector).</returns>
    public abstract int Fetch();

    /// <summary>Writes the fetched value (called only when <see cref="Fetch"/> returned more than 0).</summary>
    public abstract void Write(ref ExampleWriter writer);

    protected int Entry(int featureLength) => ExampleSize.FeatureEntry(Key, featureLength);
}
