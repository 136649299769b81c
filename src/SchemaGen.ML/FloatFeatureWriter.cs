using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Examples;

namespace SchemaGen.ML;

/// <summary>A Single or Double column (scalar or vector) written as a <c>float_list</c>; doubles are rounded to float32.</summary>
/// <typeparam name="T">float or double.</typeparam>
/// <remarks>With <c>nanIsMissing</c> (an optional scalar of a typed save), NaN leaves the feature out.</remarks>
internal sealed class FloatFeatureWriter<T>(DataViewSchema.Column column, bool isVector, Func<T, float> convert, bool nanIsMissing) : FeatureWriter(column)
{
    private ValueGetter<T>? _scalar;
    private ValueGetter<VBuffer<T>>? _vector;
    private T _value = default!;
    private VBuffer<T> _values;
    private float[] _converted = new float[1];
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
            // An optional float's missing value is NaN: written back as the missing feature it was read from.
            _count = nanIsMissing && float.IsNaN(_converted[0]) ? 0 : 1;
        }
        else
        {
            _vector!(ref _values);
            _count = _values.Length;
            if (_converted.Length < _count)
            {
                _converted = new float[Math.Max(_count, _converted.Length * 2)];
            }

            int i = 0;
            foreach (T value in _values.DenseValues())
            {
                _converted[i++] = convert(value);
            }
        }

        return _count == 0 ? 0 : Entry(ExampleSize.FloatListFeature(_count));
    }

    public override void Write(ref ExampleWriter writer) => writer.WriteFloatList(Key, _converted.AsSpan(0, _count));
}
