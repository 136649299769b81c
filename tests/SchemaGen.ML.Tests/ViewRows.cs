using Microsoft.ML;
using Microsoft.ML.Data;

namespace SchemaGen.ML.Tests;

/// <summary>Reads a data view's rows through ML.NET's getters into plain objects that xunit compares: scalars as themselves, text as strings, vectors as arrays.</summary>
internal static class ViewRows
{
    public static List<object[]> Read(IDataView view, Random? rand = null) => Read(view.GetRowCursor(view.Schema, rand), view.Schema);

    public static List<object[]> Read(DataViewRowCursor cursor, DataViewSchema schema)
    {
        using (cursor)
        {
            Func<object>[] readers = [.. schema.Select(column => Reader(cursor, column))];
            var rows = new List<object[]>();
            while (cursor.MoveNext())
            {
                rows.Add([.. readers.Select(read => read())]);
            }

            return rows;
        }
    }

    private static Func<object> Reader(DataViewRow row, DataViewSchema.Column column)
    {
        bool vector = column.Type is VectorDataViewType;
        Type item = column.Type is VectorDataViewType v ? v.ItemType.RawType : column.Type.RawType;
        string name = vector ? nameof(VectorReader) : nameof(ScalarReader);
        return (Func<object>)typeof(ViewRows).GetMethod(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(item).Invoke(null, [row, column])!;
    }

    private static Func<object> ScalarReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        ValueGetter<T> getter = row.GetGetter<T>(column);
        return () =>
        {
            T value = default!;
            getter(ref value);
            return Plain(value);
        };
    }

    private static Func<object> VectorReader<T>(DataViewRow row, DataViewSchema.Column column)
    {
        ValueGetter<VBuffer<T>> getter = row.GetGetter<VBuffer<T>>(column);
        return () =>
        {
            VBuffer<T> values = default;
            getter(ref values);
            return values.DenseValues().Select(Plain).ToArray();
        };
    }

    private static object Plain<T>(T value) => value is ReadOnlyMemory<char> text ? text.ToString() : value!;
}
