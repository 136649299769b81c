using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace SchemaGen.Examples;

/// <summary>
/// Writes one serialized tf.train.SequenceExample into a span, without allocating: first the context features, then
/// the feature lists, each a sequence of steps (Features). Context keys, and feature list keys, must each ascend
/// in UTF-8 byte order, so the bytes equal TensorFlow's deterministic serialization of the same SequenceExample
/// (C++ protobuf's, and Python's <c>SerializeToString(deterministic=True)</c>): Google.Protobuf's <c>ToByteArray()</c>
/// with the map entries inserted in sorted order, but with an empty key's key field (<c>0A 00</c>) written, as
/// TensorFlow writes it and Google.Protobuf does not.
/// </summary>
/// <remarks>
/// <para>
/// Two modes, as for <see cref="ExampleWriter"/>. <see cref="SequenceExampleWriter(Span{byte})"/> finds lengths as it
/// goes: it reserves room for each length prefix and moves content back when a part closes (a list's steps when the
/// next list begins, the feature lists on <see cref="Complete"/>); the destination needs a few bytes of slack.
/// <see cref="SequenceExampleWriter(Span{byte}, int, int)"/> takes exact lengths from <see cref="ExampleSize"/> and
/// writes straight through; every feature list then needs its length too
/// (<see cref="BeginFeatureList(string, int)"/>).
/// </para>
/// <para>The SequenceExample always holds its <c>context</c> and <c>feature_lists</c> fields, even when empty.</para>
/// </remarks>
/// <example>
/// <code>
/// var writer = new SequenceExampleWriter(buffer);
/// writer.WriteInt64("length"u8, 2);
/// writer.BeginFeatureList("tokens"u8);
/// writer.WriteInt64ListStep([7, 8]);
/// writer.WriteInt64ListStep([9]);
/// int length = writer.Complete();
/// </code>
/// </example>
public ref struct SequenceExampleWriter
{
    private readonly IBufferWriter<byte>? _output;
    private readonly int _featureListsLength;
    private FeatureSpanWriter _writer;
    private MessageSection _section;
    private OpenEntry _list;
    private bool _listOpen;
    private SequenceWriterStage _stage;

    /// <summary>Starts a SequenceExample whose lengths are found as it is written.</summary>
    /// <param name="destination">Where to write; it needs the SequenceExample's size plus a few bytes (up to 4 per length prefix).</param>
    /// <exception cref="ArgumentException">The destination cannot hold even an empty context.</exception>
    public SequenceExampleWriter(Span<byte> destination)
    {
        _featureListsLength = -1;
        _writer = new FeatureSpanWriter(destination);
        _section = _writer.OpenSection(WireFormat.Field1Delimited, -1, WriteLimit.ContextLength);
    }

    /// <summary>Starts a SequenceExample of known lengths: everything is written straight through.</summary>
    /// <param name="destination">Where to write; it needs <see cref="ExampleSize.SequenceExample(int, int)"/> bytes.</param>
    /// <param name="contextLength">The exact sum of <see cref="ExampleSize.FeatureEntry(int, int)"/> over the context features.</param>
    /// <param name="featureListsLength">The exact sum of <see cref="ExampleSize.FeatureListEntry(int, int)"/> over the feature lists.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    /// <exception cref="ArgumentException">The destination is smaller than the SequenceExample.</exception>
    public SequenceExampleWriter(Span<byte> destination, int contextLength, int featureListsLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(contextLength);
        ArgumentOutOfRangeException.ThrowIfNegative(featureListsLength);
        int size = ExampleSize.SequenceExample(contextLength, featureListsLength);
        if (destination.Length < size)
        {
            ExampleThrowHelper.ThrowNoRoom(WriteLimit.Destination, size, destination.Length);
        }

        _featureListsLength = featureListsLength;
        _writer = new FeatureSpanWriter(destination);
        _section = _writer.OpenSection(WireFormat.Field1Delimited, contextLength, WriteLimit.ContextLength);
    }

    /// <summary>
    /// Starts a SequenceExample of known lengths in an <see cref="IBufferWriter{T}"/>: the span is taken from it now
    /// and <see cref="Complete"/> advances it by the SequenceExample's size.
    /// </summary>
    /// <param name="output">Where to write.</param>
    /// <param name="contextLength">The exact sum of <see cref="ExampleSize.FeatureEntry(int, int)"/> over the context features.</param>
    /// <param name="featureListsLength">The exact sum of <see cref="ExampleSize.FeatureListEntry(int, int)"/> over the feature lists.</param>
    /// <exception cref="ArgumentOutOfRangeException">A length is negative.</exception>
    public SequenceExampleWriter(IBufferWriter<byte> output, int contextLength, int featureListsLength)
        : this(GetSpan(output, contextLength, featureListsLength), contextLength, featureListsLength)
    {
        _output = output;
    }

    /// <summary>The writer, while context features may still be written.</summary>
    [UnscopedRef]
    private ref FeatureSpanWriter Context
    {
        get
        {
            if (_stage != SequenceWriterStage.Context)
            {
                ExampleThrowHelper.ThrowInvalidOperation(_stage == SequenceWriterStage.Completed
                    ? "The writer is complete: nothing more can be written."
                    : "Context features must be written before the first feature list.");
            }

            return ref _writer;
        }
    }

    /// <summary>The writer, while a feature list is open for steps.</summary>
    [UnscopedRef]
    private ref FeatureSpanWriter Steps
    {
        get
        {
            if (!_listOpen)
            {
                ExampleThrowHelper.ThrowInvalidOperation(_stage == SequenceWriterStage.Completed
                    ? "The writer is complete: nothing more can be written."
                    : "No feature list is open: call BeginFeatureList before writing steps.");
            }

            return ref _writer;
        }
    }

    /// <summary>Writes a context feature holding one bytes value.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytes(string key, scoped ReadOnlySpan<byte> value) => Context.WriteBytes(new EntryKey(key), value);

    /// <summary>Writes a context feature holding one bytes value.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytes(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<byte> value) => Context.WriteBytes(new EntryKey(utf8Key), value);

    /// <summary>Writes a context feature holding several bytes values.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesList(string key, scoped ReadOnlySpan<byte[]> values) => Context.WriteBytesList(new EntryKey(key), values);

    /// <summary>Writes a context feature holding several bytes values.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="values">The values; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<byte[]> values) => Context.WriteBytesList(new EntryKey(utf8Key), values);

    /// <summary>Writes a context feature holding one string, as a bytes value in UTF-8.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The string.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteString(string key, scoped ReadOnlySpan<char> value) => Context.WriteString(new EntryKey(key), value);

    /// <summary>Writes a context feature holding one string, as a bytes value in UTF-8.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="value">The string.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteString(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<char> value) => Context.WriteString(new EntryKey(utf8Key), value);

    /// <summary>Writes a context feature holding several strings, as bytes values in UTF-8.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The strings; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringList(string key, scoped ReadOnlySpan<string> values) => Context.WriteStringList(new EntryKey(key), values);

    /// <summary>Writes a context feature holding several strings, as bytes values in UTF-8.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="values">The strings; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<string> values) => Context.WriteStringList(new EntryKey(utf8Key), values);

    /// <summary>Writes a context feature holding one int64.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64(string key, long value) => Context.WriteInt64List(new EntryKey(key), new ReadOnlySpan<long>(in value));

    /// <summary>Writes a context feature holding one int64.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64(scoped ReadOnlySpan<byte> utf8Key, long value) => Context.WriteInt64List(new EntryKey(utf8Key), new ReadOnlySpan<long>(in value));

    /// <summary>Writes a context feature holding an int64 list (packed).</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64List(string key, scoped ReadOnlySpan<long> values) => Context.WriteInt64List(new EntryKey(key), values);

    /// <summary>Writes a context feature holding an int64 list (packed).</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64List(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<long> values) => Context.WriteInt64List(new EntryKey(utf8Key), values);

    /// <summary>Writes a context feature holding one float.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloat(string key, float value) => Context.WriteFloatList(new EntryKey(key), new ReadOnlySpan<float>(in value));

    /// <summary>Writes a context feature holding one float.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloat(scoped ReadOnlySpan<byte> utf8Key, float value) => Context.WriteFloatList(new EntryKey(utf8Key), new ReadOnlySpan<float>(in value));

    /// <summary>Writes a context feature holding a float list (packed).</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatList(string key, scoped ReadOnlySpan<float> values) => Context.WriteFloatList(new EntryKey(key), values);

    /// <summary>Writes a context feature holding a float list (packed).</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatList(scoped ReadOnlySpan<byte> utf8Key, scoped ReadOnlySpan<float> values) => Context.WriteFloatList(new EntryKey(utf8Key), values);

    /// <summary>Writes a context feature with no kind set (an empty Feature, length 0), which readers treat as missing.</summary>
    /// <param name="key">The key; context keys must ascend (UTF-8 ordinal).</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteEmptyFeature(string key) => Context.WriteEmpty(new EntryKey(key));

    /// <summary>Writes a context feature with no kind set (an empty Feature, length 0), which readers treat as missing.</summary>
    /// <param name="utf8Key">The key in UTF-8; context keys must ascend (ordinal).</param>
    /// <exception cref="InvalidOperationException">A feature list was begun, the key does not come after the previous one, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteEmptyFeature(scoped ReadOnlySpan<byte> utf8Key) => Context.WriteEmpty(new EntryKey(utf8Key));

    /// <summary>Ends the context (or the previous feature list) and begins a feature list of yet unknown length.</summary>
    /// <param name="key">The key; feature list keys must ascend (UTF-8 ordinal).</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, the writer was given exact lengths, or it is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void BeginFeatureList(string key) => BeginFeatureList(new EntryKey(key), -1);

    /// <summary>Ends the context (or the previous feature list) and begins a feature list of yet unknown length.</summary>
    /// <param name="utf8Key">The key in UTF-8; feature list keys must ascend (ordinal).</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, the writer was given exact lengths, or it is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void BeginFeatureList(scoped ReadOnlySpan<byte> utf8Key) => BeginFeatureList(new EntryKey(utf8Key), -1);

    /// <summary>Ends the context (or the previous feature list) and begins a feature list of known length.</summary>
    /// <param name="key">The key; feature list keys must ascend (UTF-8 ordinal).</param>
    /// <param name="featureListLength">The exact sum of <see cref="ExampleSize.FeatureListStep(int)"/> over its steps.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, the previous list's length did not match, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void BeginFeatureList(string key, int featureListLength) => BeginFeatureList(new EntryKey(key), NonNegative(featureListLength));

    /// <summary>Ends the context (or the previous feature list) and begins a feature list of known length.</summary>
    /// <param name="utf8Key">The key in UTF-8; feature list keys must ascend (ordinal).</param>
    /// <param name="featureListLength">The exact sum of <see cref="ExampleSize.FeatureListStep(int)"/> over its steps.</param>
    /// <exception cref="InvalidOperationException">The key does not come after the previous one, the previous list's length did not match, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void BeginFeatureList(scoped ReadOnlySpan<byte> utf8Key, int featureListLength) => BeginFeatureList(new EntryKey(utf8Key), NonNegative(featureListLength));

    /// <summary>Appends a step holding one bytes value to the open feature list.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesStep(scoped ReadOnlySpan<byte> value) => Steps.WriteBytes(EntryKey.Step, value);

    /// <summary>Appends a step holding several bytes values to the open feature list.</summary>
    /// <param name="values">The values; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteBytesListStep(scoped ReadOnlySpan<byte[]> values) => Steps.WriteBytesList(EntryKey.Step, values);

    /// <summary>Appends a step holding one string, as a bytes value in UTF-8 to the open feature list.</summary>
    /// <param name="value">The string.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringStep(scoped ReadOnlySpan<char> value) => Steps.WriteString(EntryKey.Step, value);

    /// <summary>Appends a step holding several strings, as bytes values in UTF-8 to the open feature list.</summary>
    /// <param name="values">The strings; a null element is written as an empty value.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteStringListStep(scoped ReadOnlySpan<string> values) => Steps.WriteStringList(EntryKey.Step, values);

    /// <summary>Appends a step holding one int64 to the open feature list.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64Step(long value) => Steps.WriteInt64List(EntryKey.Step, new ReadOnlySpan<long>(in value));

    /// <summary>Appends a step holding an int64 list (packed) to the open feature list.</summary>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteInt64ListStep(scoped ReadOnlySpan<long> values) => Steps.WriteInt64List(EntryKey.Step, values);

    /// <summary>Appends a step holding one float to the open feature list.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatStep(float value) => Steps.WriteFloatList(EntryKey.Step, new ReadOnlySpan<float>(in value));

    /// <summary>Appends a step holding a float list (packed) to the open feature list.</summary>
    /// <param name="values">The values.</param>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteFloatListStep(scoped ReadOnlySpan<float> values) => Steps.WriteFloatList(EntryKey.Step, values);

    /// <summary>Appends a step with no kind set (an empty Feature) to the open feature list.</summary>
    /// <exception cref="InvalidOperationException">No feature list is open, or the writer is complete.</exception>
    /// <exception cref="ArgumentException">The destination is too small.</exception>
    public void WriteEmptyStep() => Steps.WriteEmpty(EntryKey.Step);

    /// <summary>Finishes the SequenceExample: closes the open feature list and writes (or checks) the lengths.</summary>
    /// <returns>The SequenceExample's size: it occupies the first that many bytes of the destination.</returns>
    /// <exception cref="InvalidOperationException">A declared length did not match what was written, or the writer was already complete.</exception>
    public int Complete()
    {
        if (_stage == SequenceWriterStage.Completed)
        {
            ExampleThrowHelper.ThrowInvalidOperation("The writer is already complete.");
        }

        EndContextOrList();
        int length = _writer.CloseSection(_section, WriteLimit.FeatureListsLength);
        _writer.Close();
        _stage = SequenceWriterStage.Completed;
        _output?.Advance(length);
        return length;
    }

    private void BeginFeatureList(scoped EntryKey key, int featureListLength)
    {
        if (_stage == SequenceWriterStage.Completed)
        {
            ExampleThrowHelper.ThrowInvalidOperation("The writer is complete: nothing more can be written.");
        }

        if (featureListLength < 0 && _featureListsLength >= 0)
        {
            ExampleThrowHelper.ThrowInvalidOperation(
                "This writer was given exact lengths, so each feature list needs its length: call BeginFeatureList(key, featureListLength).");
        }

        EndContextOrList();
        _list = _writer.OpenEntry(key, featureListLength);
        _listOpen = true;
    }

    /// <summary>Closes the context and opens the feature lists, or closes the open feature list.</summary>
    private void EndContextOrList()
    {
        if (_stage == SequenceWriterStage.Context)
        {
            _writer.CloseSection(_section, WriteLimit.ContextLength);
            _section = _writer.OpenSection(WireFormat.Field2Delimited, _featureListsLength, WriteLimit.FeatureListsLength);
            _stage = SequenceWriterStage.FeatureLists;
        }
        else if (_listOpen)
        {
            _listOpen = false;
            _writer.CloseEntry(_list);
        }
    }

    private static int NonNegative(int featureListLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(featureListLength);
        return featureListLength;
    }

    private static Span<byte> GetSpan(IBufferWriter<byte> output, int contextLength, int featureListsLength)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.GetSpan(ExampleSize.SequenceExample(contextLength, featureListsLength));
    }
}
