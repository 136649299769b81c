using System.Text;
using static SchemaGen.Examples.WireFormat;

namespace SchemaGen.Examples;

/// <summary>
/// Exact encoded sizes of tf.train.Example and SequenceExample parts, as <see cref="ExampleWriter"/> and
/// <see cref="SequenceExampleWriter"/> write them. With them a caller can size a buffer exactly and use the
/// writers' exact-length mode, which writes straight through without moving anything.
/// </summary>
/// <remarks>
/// A feature's size is the length of its Feature message (the <c>…Feature</c> methods); a features length is the sum
/// of <see cref="FeatureEntry(int, int)"/> over the features; the whole Example is <see cref="Example(int)"/>.
/// </remarks>
/// <example>
/// <code>
/// int features = ExampleSize.FeatureEntry("image"u8.Length, ExampleSize.BytesFeature(image.Length))
///              + ExampleSize.FeatureEntry("label"u8.Length, ExampleSize.Int64Feature(label));
/// var writer = new ExampleWriter(buffer, features); // buffer holds at least ExampleSize.Example(features) bytes
/// writer.WriteBytes("image"u8, image);
/// writer.WriteInt64("label"u8, label);
/// int written = writer.Complete();
/// </code>
/// </example>
public static class ExampleSize
{
    /// <summary>Size of a whole Example whose Features message is <paramref name="featuresLength"/> bytes.</summary>
    /// <param name="featuresLength">The sum of <see cref="FeatureEntry(int, int)"/> over all features.</param>
    /// <returns>The byte count <see cref="ExampleWriter.Complete"/> returns.</returns>
    public static int Example(int featuresLength) => DelimitedSize(NonNegative(featuresLength));

    /// <summary>Size of a whole SequenceExample.</summary>
    /// <param name="contextLength">The sum of <see cref="FeatureEntry(int, int)"/> over the context features.</param>
    /// <param name="featureListsLength">The sum of <see cref="FeatureListEntry(int, int)"/> over the feature lists.</param>
    /// <returns>The byte count <see cref="SequenceExampleWriter.Complete"/> returns.</returns>
    public static int SequenceExample(int contextLength, int featureListsLength) =>
        checked(DelimitedSize(NonNegative(contextLength)) + DelimitedSize(NonNegative(featureListsLength)));

    /// <summary>Size one feature adds to a features (or context) length.</summary>
    /// <param name="keyByteCount">Length of the key in UTF-8.</param>
    /// <param name="featureLength">Length of the Feature message, from one of the <c>…Feature</c> methods.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureEntry(int keyByteCount, int featureLength) =>
        DelimitedSize(EntryLength(keyByteCount, featureLength));

    /// <summary>Size one feature adds to a features (or context) length.</summary>
    /// <param name="key">The feature key.</param>
    /// <param name="featureLength">Length of the Feature message, from one of the <c>…Feature</c> methods.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureEntry(string key, int featureLength) => FeatureEntry(KeyByteCount(key), featureLength);

    /// <summary>Size one feature adds to a features (or context) length.</summary>
    /// <param name="utf8Key">The feature key in UTF-8.</param>
    /// <param name="featureLength">Length of the Feature message, from one of the <c>…Feature</c> methods.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureEntry(ReadOnlySpan<byte> utf8Key, int featureLength) => FeatureEntry(utf8Key.Length, featureLength);

    /// <summary>Size one feature list adds to a SequenceExample's feature lists length.</summary>
    /// <param name="keyByteCount">Length of the key in UTF-8.</param>
    /// <param name="featureListLength">The sum of <see cref="FeatureListStep(int)"/> over the list's steps.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureListEntry(int keyByteCount, int featureListLength) =>
        DelimitedSize(EntryLength(keyByteCount, featureListLength));

    /// <summary>Size one feature list adds to a SequenceExample's feature lists length.</summary>
    /// <param name="key">The feature list key.</param>
    /// <param name="featureListLength">The sum of <see cref="FeatureListStep(int)"/> over the list's steps.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureListEntry(string key, int featureListLength) => FeatureListEntry(KeyByteCount(key), featureListLength);

    /// <summary>Size one feature list adds to a SequenceExample's feature lists length.</summary>
    /// <param name="utf8Key">The feature list key in UTF-8.</param>
    /// <param name="featureListLength">The sum of <see cref="FeatureListStep(int)"/> over the list's steps.</param>
    /// <returns>The size of the map entry with its tag and length.</returns>
    public static int FeatureListEntry(ReadOnlySpan<byte> utf8Key, int featureListLength) => FeatureListEntry(utf8Key.Length, featureListLength);

    /// <summary>Size one step adds to a feature list's length.</summary>
    /// <param name="featureLength">Length of the step's Feature message, from one of the <c>…Feature</c> methods.</param>
    /// <returns>The size of the step with its tag and length.</returns>
    public static int FeatureListStep(int featureLength) => DelimitedSize(NonNegative(featureLength));

    /// <summary>Length of a Feature holding one bytes value (<see cref="ExampleWriter.WriteBytes(string, ReadOnlySpan{byte})"/>).</summary>
    /// <param name="valueLength">Length of the value.</param>
    /// <returns>The Feature message's length.</returns>
    public static int BytesFeature(int valueLength) => FeatureEncoder.BytesLength(NonNegative(valueLength));

    /// <summary>Length of a Feature holding several bytes values (<see cref="ExampleWriter.WriteBytesList(string, ReadOnlySpan{byte[]})"/>).</summary>
    /// <param name="values">The values; a null element counts as empty.</param>
    /// <returns>The Feature message's length.</returns>
    public static int BytesListFeature(ReadOnlySpan<byte[]> values) => FeatureEncoder.BytesListLength(values, out _);

    /// <summary>Length of a Feature holding one string as UTF-8 bytes (<see cref="ExampleWriter.WriteString(string, ReadOnlySpan{char})"/>).</summary>
    /// <param name="value">The string.</param>
    /// <returns>The Feature message's length.</returns>
    public static int StringFeature(ReadOnlySpan<char> value) => FeatureEncoder.StringLength(value, out _);

    /// <summary>Length of a Feature holding several strings as UTF-8 bytes (<see cref="ExampleWriter.WriteStringList(string, ReadOnlySpan{string})"/>).</summary>
    /// <param name="values">The strings; a null element counts as empty.</param>
    /// <returns>The Feature message's length.</returns>
    public static int StringListFeature(ReadOnlySpan<string> values) => FeatureEncoder.StringListLength(values, out _);

    /// <summary>Length of a Feature holding one int64 (<see cref="ExampleWriter.WriteInt64(string, long)"/>).</summary>
    /// <param name="value">The value: its varint takes 1 to 10 bytes (10 for any negative value).</param>
    /// <returns>The Feature message's length.</returns>
    public static int Int64Feature(long value) => FeatureEncoder.Int64ListLength(new ReadOnlySpan<long>(in value), out _);

    /// <summary>Length of a Feature holding an int64 list (<see cref="ExampleWriter.WriteInt64List(string, ReadOnlySpan{long})"/>).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The Feature message's length.</returns>
    public static int Int64ListFeature(ReadOnlySpan<long> values) => FeatureEncoder.Int64ListLength(values, out _);

    /// <summary>
    /// Length of a Feature holding <paramref name="count"/> floats (<see cref="ExampleWriter.WriteFloatList(string, ReadOnlySpan{float})"/>;
    /// a count of 1 for <see cref="ExampleWriter.WriteFloat(string, float)"/>).
    /// </summary>
    /// <param name="count">Number of values.</param>
    /// <returns>The Feature message's length.</returns>
    public static int FloatListFeature(int count) => FeatureEncoder.FloatListLength(NonNegative(count));

    /// <summary>Bytes a base-128 varint of <paramref name="value"/> takes (1 to 10).</summary>
    /// <param name="value">The value, as an unsigned 64-bit number (a negative int64 cast to ulong takes 10).</param>
    /// <returns>The varint's size.</returns>
    public static int Varint(ulong value) => VarintSize(value);

    // Key and value are both always written, as TensorFlow's C++ protobuf writes map entries (an empty key is 0A 00).
    internal static int EntryLength(int keyByteCount, int valueLength) =>
        checked(DelimitedSize(NonNegative(keyByteCount)) + DelimitedSize(NonNegative(valueLength)));

    private static int KeyByteCount(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Encoding.UTF8.GetByteCount(key);
    }

    private static int NonNegative(int length, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(length))] string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length, name);
        return length;
    }
}
