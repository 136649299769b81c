using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Examples;

namespace SchemaGen.ML;

/// <summary>
/// A vector of bytes written as one bytes value (a <c>byte[]</c> member, or a raw uint8 tensor), even when empty:
/// a required <c>byte[]</c> may hold no bytes.
/// </summary>
internal sealed class BytesFeatureWriter(DataViewSchema.Column column) : FeatureWriter(column)
{
    private ValueGetter<VBuffer<byte>>? _getter;
    private VBuffer<byte> _values;
    private byte[] _bytes = [];
    private int _count;

    public override void Bind(DataViewRow row) => _getter = row.GetGetter<VBuffer<byte>>(Column);

    public override int Fetch()
    {
        _getter!(ref _values);
        _count = _values.Length;
        if (_bytes.Length < _count)
        {
            _bytes = new byte[Math.Max(_count, _bytes.Length * 2)];
        }

        if (_values.IsDense)
        {
            _values.GetValues().CopyTo(_bytes);
        }
        else
        {
            int i = 0;
            foreach (byte value in _values.DenseValues())
            {
                _bytes[i++] = value;
            }
        }

        return Entry(ExampleSize.BytesFeature(_count));
    }

    public override void Write(ref ExampleWriter writer) => writer.WriteBytes(Key, _bytes.AsSpan(0, _count));
}
