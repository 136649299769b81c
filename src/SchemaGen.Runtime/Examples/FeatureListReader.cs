using System.Text;

namespace SchemaGen;

/// <summary>One tf.train.FeatureList of a SequenceExample: its key and its steps, each a Feature.</summary>
public readonly ref struct FeatureListReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _keyStart;
    private readonly int _keyLength;
    private readonly int _start;
    private readonly int _end;

    /// <summary>Reads the FeatureList at <c>buffer[start..end]</c>, whose key is at <paramref name="keyStart"/>.</summary>
    internal FeatureListReader(ReadOnlySpan<byte> buffer, int keyStart, int keyLength, int start, int end)
    {
        _buffer = buffer;
        _keyStart = keyStart;
        _keyLength = keyLength;
        _start = start;
        _end = end;

        var cursor = new WireCursor(buffer, start, end, keyStart, keyLength);
        int count = 0;
        while (cursor.HasMore)
        {
            uint tag = cursor.ReadTag();
            if (tag == WireFormat.Field1Delimited)
            {
                count++;
            }

            cursor.SkipField(tag);
        }

        Count = count;
    }

    /// <summary>The list's key in UTF-8.</summary>
    public ReadOnlySpan<byte> Key => _buffer.Slice(_keyStart, _keyLength);

    /// <summary>Number of steps.</summary>
    public int Count { get; }

    /// <summary>Decodes the key (allocates a string).</summary>
    /// <returns>The key.</returns>
    public string GetKeyString() => Encoding.UTF8.GetString(Key);

    /// <summary>Enumerates the steps in order; each is a Feature whose key is the list's.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    public FeatureListStepEnumerator GetEnumerator() => new(new WireCursor(_buffer, _start, _end, _keyStart, _keyLength));
}
