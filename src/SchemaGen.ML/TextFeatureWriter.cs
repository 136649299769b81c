using System.Text;
using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Examples;

namespace SchemaGen.ML;

/// <summary>
/// A text column written as a <c>bytes_list</c> of UTF-8: a scalar as one value (empty text too, but for an optional
/// string of a typed save), a vector as its values.
/// </summary>
internal sealed class TextFeatureWriter(DataViewSchema.Column column, bool isVector, bool emptyIsMissing) : FeatureWriter(column)
{
    private ValueGetter<ReadOnlyMemory<char>>? _scalar;
    private ValueGetter<VBuffer<ReadOnlyMemory<char>>>? _vector;
    private ReadOnlyMemory<char> _value;
    private VBuffer<ReadOnlyMemory<char>> _values;
    private byte[][] _encoded = [];

    public override void Bind(DataViewRow row)
    {
        if (isVector)
        {
            _vector = row.GetGetter<VBuffer<ReadOnlyMemory<char>>>(Column);
        }
        else
        {
            _scalar = row.GetGetter<ReadOnlyMemory<char>>(Column);
        }
    }

    public override int Fetch()
    {
        if (_scalar is not null)
        {
            _scalar(ref _value);
            // An optional string's missing value is empty text: written back as the missing feature it was read from.
            _encoded = emptyIsMissing && _value.IsEmpty ? [] : [Encoding.UTF8.GetBytes(_value.Span.ToString())];
        }
        else
        {
            _vector!(ref _values);
            _encoded = new byte[_values.Length][];
            int i = 0;
            foreach (ReadOnlyMemory<char> value in _values.DenseValues())
            {
                _encoded[i++] = Encoding.UTF8.GetBytes(value.Span.ToString());
            }
        }

        return _encoded.Length == 0 ? 0 : Entry(ExampleSize.BytesListFeature(_encoded));
    }

    public override void Write(ref ExampleWriter writer) => writer.WriteBytesList(Key, _encoded);
}
