using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Examples;
using SchemaGen.Schema;

namespace SchemaGen.ML;

/// <summary>Writes a data view's rows as Examples: each visible column the feature of its name, in key order.</summary>
internal static class ExampleRowWriter
{
    /// <summary>Writes every row.</summary>
    /// <param name="data">The rows.</param>
    /// <param name="writer">Where to.</param>
    /// <param name="schema">
    /// For a typed save: the features, each of which must have its column (others are not written), and whose optional
    /// scalars write NaN and empty text as missing.
    /// </param>
    /// <returns>The records written.</returns>
    public static long WriteAll(IDataView data, TfRecordWriter writer, ExampleSchema? schema = null)
    {
        IEnumerable<DataViewSchema.Column> columns = data.Schema.Where(c => !c.IsHidden);
        if (schema is not null)
        {
            foreach (FeatureSpec spec in schema.Features)
            {
                if (data.Schema.GetColumnOrNull(spec.Key) is not { IsHidden: false })
                {
                    throw new ArgumentException($"The data view has no column '{spec.Key}', a feature of {schema.Name}.", nameof(data));
                }
            }

            columns = columns.Where(c => schema.Find(c.Name) is not null);
        }

        FeatureWriter[] features = [.. columns.Select(c => Create(c, schema?.Find(c.Name) is { IsOptional: true, Shape.IsEmpty: true })).OrderBy(f => f.Key, FeatureKeyComparer.Instance)];
        for (int i = 1; i < features.Length; i++)
        {
            if (features[i].Key == features[i - 1].Key)
            {
                throw new ArgumentException($"Two visible columns are named '{features[i].Key}': an Example holds one feature per key.", nameof(data));
            }
        }

        using DataViewRowCursor cursor = data.GetRowCursor(features.Select(f => f.Column));
        foreach (FeatureWriter feature in features)
        {
            feature.Bind(cursor);
        }

        int[] sizes = new int[features.Length];
        byte[] buffer = new byte[256];
        long written = 0;
        while (cursor.MoveNext())
        {
            int featuresLength = 0;
            for (int i = 0; i < features.Length; i++)
            {
                sizes[i] = features[i].Fetch();
                featuresLength = checked(featuresLength + sizes[i]);
            }

            int size = ExampleSize.Example(featuresLength);
            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, buffer.Length * 2)];
            }

            var example = new ExampleWriter(buffer.AsSpan(0, size), featuresLength);
            for (int i = 0; i < features.Length; i++)
            {
                if (sizes[i] > 0)
                {
                    features[i].Write(ref example);
                }
            }

            writer.Write(buffer.AsSpan(0, example.Complete()));
            written++;
        }

        return written;
    }

    private static FeatureWriter Create(DataViewSchema.Column column, bool optionalScalar)
    {
        DataViewType type = column.Type;
        bool isVector = type is VectorDataViewType;
        DataViewType item = type is VectorDataViewType vector ? vector.ItemType : type;
        return item switch
        {
            _ when item == NumberDataViewType.Byte && isVector => new BytesFeatureWriter(column),
            _ when item == NumberDataViewType.Single => new FloatFeatureWriter<float>(column, isVector, static v => v, optionalScalar),
            _ when item == NumberDataViewType.Double => new FloatFeatureWriter<double>(column, isVector, static v => (float)v, optionalScalar),
            _ when item == TextDataViewType.Instance => new TextFeatureWriter(column, isVector, optionalScalar),
            BooleanDataViewType => new Int64FeatureWriter<bool>(column, isVector, static v => v ? 1 : 0),
            _ when item.RawType == typeof(long) => new Int64FeatureWriter<long>(column, isVector, static v => v),
            _ when item.RawType == typeof(int) => new Int64FeatureWriter<int>(column, isVector, static v => v),
            _ when item.RawType == typeof(short) => new Int64FeatureWriter<short>(column, isVector, static v => v),
            _ when item.RawType == typeof(sbyte) => new Int64FeatureWriter<sbyte>(column, isVector, static v => v),
            _ when item.RawType == typeof(byte) => new Int64FeatureWriter<byte>(column, isVector, static v => v),
            _ when item.RawType == typeof(ulong) => new Int64FeatureWriter<ulong>(column, isVector, static v => unchecked((long)v)),
            _ when item.RawType == typeof(uint) => new Int64FeatureWriter<uint>(column, isVector, static v => v),
            _ when item.RawType == typeof(ushort) => new Int64FeatureWriter<ushort>(column, isVector, static v => v),
            _ => throw new NotSupportedException($"Column '{column.Name}' is {type}: a tf.train.Example holds int64, float and bytes lists, and this type maps to none of them."),
        };
    }
}
