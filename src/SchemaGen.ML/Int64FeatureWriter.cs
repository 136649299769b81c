using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Examples;

namespace SchemaGen.ML;

/// <summary>An integer, bool or key column (scalar or vector) written as an <c>int64_list</c>.</summary>
/// <typeparam name="T">The column's item raw type.</typeparam>
internal sealed class Int64FeatureWriter<T>(DataViewSchema.Column column, bool isVector, Func<T, long> convert) : FeatureWriter(column)
{
    private ValueGetter<T>? _scalar;
    private ValueGetter<VBuffer<T>>? _vector;
    private T _value = default!;
    private VBuffer<T> _values;
    private long[] _converted = new long[1];
    private int _count;

    public override void Bind(DataViewRow row)
    {
        if (isVector)
        {
            _vector = row.GetGetter<VBuffer<T>>(Column);
        }
        else
        {
            _scalar = row.GetGetter<T>(Column);
        }
    }

    public override int Fetch()
    {
        if (_scalar is not null)
        {
            _scalar(ref _value);
            _converted[0] = convert(_value);
            _count = 1;
        }
        else
        {
            _vector!(ref _values);
            _count = _values.Length;
            if (_converted.Length < _count)
            {
                _converted = new long[Math.Max(_count, _converted.Length * 2)];
            }

            // Dense values in order; a sparse vector's missing slots are zeros.
            int i = 0;
            foreach (T value in _values.DenseValues())
            {
                _converted[i++] = convert(value);
            }
        }

        return _count == 0 ? 0 : Entry(ExampleSize.Int64ListFeature(_converted.AsSpan(0, _count)));
    }

    public override void Write(ref ExampleWriter writer) => writer.WriteInt64List(Key, _converted.AsSpan(0, _count));
}
