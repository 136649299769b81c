using System.Text;

namespace SchemaGen.Examples;

/// <summary>One tf.train.FeatureList of a SequenceExample: its key and its steps, each a Feature.</summary>
public readonly ref struct FeatureListReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ErrorContext _key;
    private readonly int _start;
    private readonly int _end;

    /// <summary>Reads the FeatureList at <c>buffer[start..end]</c>, whose key <paramref name="key"/> locates.</summary>
    internal FeatureListReader(ReadOnlySpan<byte> buffer, ErrorContext key, int start, int end)
    {
        _buffer = buffer;
        _key = key;
        _start = start;
        _end = end;

        var cursor = new WireCursor(buffer, start, end, key);
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
    public ReadOnlySpan<byte> Key => _key.HasKey ? _buffer.Slice(_key.KeyStart, _key.KeyLength) : default;

    /// <summary>Number of steps.</summary>
    public int Count { get; }

    /// <summary>Decodes the key (allocates a string).</summary>
    /// <returns>The key.</returns>
    public string GetKeyString() => Encoding.UTF8.GetString(Key);

    /// <summary>Enumerates the steps in order; each is a Feature whose key is the list's.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    public FeatureListStepEnumerator GetEnumerator() => new(new WireCursor(_buffer, _start, _end, _key));
}
