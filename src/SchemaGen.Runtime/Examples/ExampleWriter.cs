using System.Buffers;

namespace SchemaGen.Examples;

/// <summary>
/// Writes one serialized tf.train.Example into a span, without allocating. Features must be written in ascending
/// order of their UTF-8 key bytes (protobuf's deterministic order; <see cref="FeatureKeyComparer"/> sorts strings
/// that way), so the bytes equal TensorFlow's deterministic serialization of the same Example (C++ protobuf's, and
/// Python's <c>SerializeToString(deterministic=True)</c>). That is also Google.Protobuf's <c>ToByteArray()</c> with
/// the map entries inserted in sorted order, but for an empty key: TensorFlow writes its key field (<c>0A 00</c>),
/// Google.Protobuf leaves it out; <c>ExampleEncoding.ToSortedByteArray</c> (package SchemaGen.Protobuf) writes it.
/// </summary>
/// <remarks>
/// <para>
/// Two modes. <see cref="ExampleWriter(Span{byte})"/> does not need the length in advance: it reserves room for the
/// Features length prefix and moves the content back once, in <see cref="Complete"/> (so the destination needs up to
/// 4 bytes more than the result). <see cref="ExampleWriter(Span{byte}, int)"/> takes the exact features length from
/// <see cref="ExampleSize"/> and writes straight through; <see cref="Complete"/> checks the length matched.
/// </para>
/// <para>
/// Numbers are packed; the Example always holds its <c>features</c> field, even with no features (<c>0A 00</c>).
/// Each method writes one feature; keys go as UTF-8 spans (<c>"label"u8</c>) or as strings.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// var writer = new ExampleWriter(buffer);
/// writer.WriteBytes("image"u8, pixels);
/// writer.WriteInt64("label"u8, 3);
/// int length = writer.Complete(); // the Example is buffer[..length]
/// </code>
/// </example>
public ref struct ExampleWriter
{
    private readonly IBufferWriter<byte>? _output;
    private FeatureSpanWriter _writer;
    private readonly MessageSection _features;
    private bool _completed;

    /// <summary>Starts an Example whose features length is found on <see cref="Complete"/>.</summary>
    /// <param name="destination">Where to write; it needs the Example's size plus up to 4 bytes.</param>
    /// <exception cref="ArgumentException">The destination cannot hold even an empty Example.</exception>
    public ExampleWriter(Span<byte> destination)
    {
        _writer = new FeatureSpanWriter(destination);
        _features = _writer.OpenSection(WireFormat.Field1Delimited, -1, WriteLimit.FeaturesLength);
    }

    /// <summary>Starts an Example whose features length is known: the features are written straight through.</summary>
    /// <param name="destination">Where to write; it needs <see cref="ExampleSize.Example(int)"/> bytes.</param>
    /// <param name="featuresLength">The exact sum of <see cref="ExampleSize.FeatureEntry(int, int)"/> over the features to be written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featuresLength"/> is negative.</exception>
    /// <exception cref="ArgumentException">The destination is smaller than the Example.</exception>
    public ExampleWriter(Span<byte> destination, int featuresLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featuresLength);
        _writer = new FeatureSpanWriter(destination);
        _features = _writer.OpenSection(WireFormat.Field1Delimited, featuresLength, WriteLimit.FeaturesLength);
    }

    /// <summary>
    /// Starts an Example of known features length in an <see cref="IBufferWriter{T}"/>: the span is taken from it now
    /// and <see cref="Complete"/> advances it by the Example's size.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="featuresLength">The exact sum of <see cref="ExampleSize.FeatureEntry(int, int)"/> over the features to be written.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featuresLength"/> is negative.</exception>
    public ExampleWriter(IBufferWriter<byte> output, int featuresLength)
        : this(GetSpan(output, featuresLength), featuresLength)
    {
        _output = output;
    }

    /// <summary>Writes a feature holding one bytes value.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytes(string key, scoped ReadOnlySpan<byte> value) => _writer.WriteBytes(new EntryKey(key), value);

    /// <summary>Writes a feature holding one bytes value.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytes(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<byte> value) => _writer.WriteBytes(new EntryKey(utf8Key), value);

    /// <summary>Writes a feature holding several bytes values.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesList(string key, scoped ReadOnlySpan<byte[]> values) => _writer.WriteBytesList(new EntryKey(key), values);

    /// <summary>Writes a feature holding several bytes values.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="values">The values; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<byte[]> values) => _writer.WriteBytesList(new EntryKey(utf8Key), values);

    /// <summary>Writes a feature holding one string, as a bytes value in UTF-8.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The string.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteString(string key, scoped ReadOnlySpan<char> value) => _writer.WriteString(new EntryKey(key), value);

    /// <summary>Writes a feature holding one string, as a bytes value in UTF-8.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="value">The string.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteString(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<char> value) => _writer.WriteString(new EntryKey(utf8Key), value);

    /// <summary>Writes a feature holding several strings, as bytes values in UTF-8.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The strings; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringList(string key, scoped ReadOnlySpan<string> values) => _writer.WriteStringList(new EntryKey(key), values);

    /// <summary>Writes a feature holding several strings, as bytes values in UTF-8.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="values">The strings; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<string> values) => _writer.WriteStringList(new EntryKey(utf8Key), values);

    /// <summary>Writes a feature holding one int64.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64(string key, long value) => _writer.WriteInt64List(new EntryKey(key), new ReadOnlySpan<long>(in value));

    /// <summary>Writes a feature holding one int64.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64(scoped ReadOnlySpan<byte> utf8Key, long value) => _writer.WriteInt64List(new EntryKey(utf8Key), new ReadOnlySpan<long>(in value));

    /// <summary>Writes a feature holding an int64 list (packed).</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64List(string key, scoped ReadOnlySpan<long> values) => _writer.WriteInt64List(new EntryKey(key), values);

    /// <summary>Writes a feature holding an int64 list (packed).</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64List(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<long> values) => _writer.WriteInt64List(new EntryKey(utf8Key), values);

    /// <summary>Writes a feature holding one float.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloat(string key, float value) => _writer.WriteFloatList(new EntryKey(key), new ReadOnlySpan<float>(in value));

    /// <summary>Writes a feature holding one float.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloat(scoped ReadOnlySpan<byte> utf8Key, float value) => _writer.WriteFloatList(new EntryKey(utf8Key), new ReadOnlySpan<float>(in value));

    /// <summary>Writes a feature holding a float list (packed).</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatList(string key, scoped ReadOnlySpan<float> values) => _writer.WriteFloatList(new EntryKey(key), values);

    /// <summary>Writes a feature holding a float list (packed).</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<float> values) => _writer.WriteFloatList(new EntryKey(utf8Key), values);

    /// <summary>Writes a feature with no kind set (an empty Feature, length 0), which readers treat as missing.</summary>
    /// <param name="key">The key; keys must ascend (UTF-8 ordinal).</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteEmptyFeature(string key) => _writer.WriteEmpty(new EntryKey(key));

    /// <summary>Writes a feature with no kind set (an empty Feature, length 0), which readers treat as missing.</summary>
    /// <param name="utf8Key">The key in UTF-8; keys must ascend (ordinal).</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteEmptyFeature(scoped ReadOnlySpan<byte> utf8Key) => _writer.WriteEmpty(new EntryKey(utf8Key));

    /// <summary>Finishes the Example: writes (or checks) the features length and, for an output, advances it.</summary>
    /// <returns>The Example's size: it occupies the first that many bytes of the destination.</returns>
    /// <exception cref="InvalidOperationException">The written features differ from the declared length, or the writer was already complete.</exception>
    public int Complete()
    {
        if (_completed)
        {
            ExampleThrowHelper.ThrowInvalidOperation("The writer is already complete.");
        }

        int length = _writer.CloseSection(_features, WriteLimit.FeaturesLength);
        _writer.Close();
        _completed = true;
        _output?.Advance(length);
        return length;
    }

    private static Span<byte> GetSpan(IBufferWriter<byte> output, int featuresLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.GetSpan(ExampleSize.Example(featuresLength));
    }
}
