using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using SchemaGen.Internal;

namespace SchemaGen.Examples;

/// <summary>
/// One tf.train.Feature inside serialized bytes: its key, kind, value count and values, read without allocating
/// (except by the <c>To…Array</c> methods). Creating it checks the whole Feature, so malformed values surface as an
/// <see cref="ExampleFormatException"/> naming the key before any value is read.
/// </summary>
/// <remarks>
/// Lists may be packed, unpacked or both; if the Feature holds its oneof several times the last kind wins, and
/// repeated occurrences of that kind concatenate, as protobuf merges them. A Feature with no kind has no values:
/// reading it as any kind gives nothing. Reading it as another kind than it holds throws.
/// </remarks>
public readonly ref struct FeatureReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly ErrorContext _key;
    private readonly int _start;
    private readonly int _end;
    private readonly bool _singleRegion;

    /// <summary>Reads and checks the Feature at <c>buffer[start..end]</c>, whose key (or feature list key) <paramref name="key"/> locates.</summary>
    internal FeatureReader(ReadOnlySpan<byte> buffer, ErrorContext key, int start, int end)
    {
        FeatureLayout layout = FeatureLayout.Read(buffer, key, start, end);
        _buffer = buffer;
        _key = key;
        _start = layout.Start;
        _end = layout.End;
        _singleRegion = layout.SingleRegion;
        Kind = layout.Kind;
        Count = layout.Count;
    }

    /// <summary>The feature's key in UTF-8 (for a step of a feature list, the list's key).</summary>
    public ReadOnlySpan<byte> Key => _key.HasKey ? _buffer.Slice(_key.KeyStart, _key.KeyLength) : default;

    /// <summary>Which list the feature holds; <see cref="FeatureKind.None"/> when its kind is not set.</summary>
    public FeatureKind Kind { get; }

    /// <summary>Number of values in the list.</summary>
    public int Count { get; }

    /// <summary>Decodes the key (allocates a string).</summary>
    /// <returns>The key.</returns>
    public string GetKeyString() => Encoding.UTF8.GetString(Key);

    /// <summary>Enumerates the values of an int64 list.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public Int64ListEnumerator EnumerateInt64s() => new(RegionsOf(FeatureKind.Int64List));

    /// <summary>Enumerates the values of a float list.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public FloatListEnumerator EnumerateFloats() => new(RegionsOf(FeatureKind.FloatList));

    /// <summary>Enumerates the values of a bytes list, each a span over the serialized bytes.</summary>
    /// <returns>An enumerator for <c>foreach</c>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public BytesListEnumerator EnumerateBytes() => new(RegionsOf(FeatureKind.BytesList));

    /// <summary>Copies the values of an int64 list to the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to copy; it must hold at least <see cref="Count"/> values.</param>
    /// <returns>The number of values copied, <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Count"/>.</exception>
    public int CopyTo(Span<long> destination)
    {
        CheckKind(FeatureKind.Int64List);
        EnsureRoom(destination.Length);
        return _singleRegion ? DecodeVarints(_buffer[_start.._end], destination) : CopyRegionsTo(destination);
    }

    /// <summary>Copies the values of a float list to the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to copy; it must hold at least <see cref="Count"/> values.</param>
    /// <returns>The number of values copied, <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Count"/>.</exception>
    public int CopyTo(Span<float> destination)
    {
        CheckKind(FeatureKind.FloatList);
        EnsureRoom(destination.Length);
        return _singleRegion ? CopyFloats(_buffer[_start.._end], destination) : CopyRegionsTo(destination);
    }

    /// <summary>
    /// Copies the values of a bytes list, one after another, to the start of <paramref name="destination"/>: for the
    /// usual single value (an encoded image, a raw tensor), that value.
    /// </summary>
    /// <param name="destination">Where to copy; it must hold the values' total length.</param>
    /// <returns>The number of bytes copied.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than the values.</exception>
    /// <example>
    /// <code>
    /// if (example.TryGetFeature("image"u8, out FeatureReader image) &amp;&amp; image.Count == 1)
    /// {
    ///     image.CopyTo(batchImages.Slice(row * 3072, 3072));
    /// }
    /// </code>
    /// </example>
    public int CopyTo(Span<byte> destination)
    {
        CheckKind(FeatureKind.BytesList);
        if (!_singleRegion)
        {
            return CopyRegionsTo(destination);
        }

        ReadOnlySpan<byte> value = _buffer[_start.._end];
        if (destination.Length < value.Length)
        {
            ExampleThrowHelper.ThrowDestinationTooShortForBytes(Key, value.Length, destination.Length);
        }

        ByteCopy.Copy(value, destination);
        return value.Length;
    }

    /// <summary>Copies the values of an int64 list to a new array.</summary>
    /// <returns>The values; empty for a feature with no kind.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public long[] ToInt64Array()
    {
        var values = new long[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Copies the values of a float list to a new array.</summary>
    /// <returns>The values; empty for a feature with no kind.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public float[] ToFloatArray()
    {
        var values = new float[Count];
        CopyTo(values);
        return values;
    }

    /// <summary>Copies the values of a bytes list to new arrays.</summary>
    /// <returns>The values; empty for a feature with no kind.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    public byte[][] ToBytesArray()
    {
        var values = new byte[Count][];
        int count = 0;
        foreach (ReadOnlySpan<byte> value in EnumerateBytes())
        {
            values[count++] = value.ToArray();
        }

        return values;
    }

    /// <summary>The value of a bytes list holding exactly one value, which always lies in a single region.</summary>
    internal ReadOnlySpan<byte> OnlyBytes
    {
        get
        {
            Debug.Assert(Kind == FeatureKind.BytesList && Count == 1 && _singleRegion, "Callers check the kind and the count.");
            return _buffer[_start.._end];
        }
    }

    /// <summary>Copies the values held in several regions (lists not encoded as writers encode them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CopyRegionsTo(Span<long> destination)
    {
        ValueRegions regions = Regions();
        int count = 0;
        while (regions.MoveNext(out int start, out int end))
        {
            count += DecodeVarints(_buffer[start..end], destination.Slice(count));
        }

        return count;
    }

    /// <summary>Copies the values held in several regions (lists not encoded as writers encode them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CopyRegionsTo(Span<float> destination)
    {
        ValueRegions regions = Regions();
        int count = 0;
        while (regions.MoveNext(out int start, out int end))
        {
            count += CopyFloats(_buffer[start..end], destination.Slice(count));
        }

        return count;
    }

    /// <summary>Copies the values held in several regions (several values, or lists not encoded as writers encode them).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private int CopyRegionsTo(Span<byte> destination)
    {
        int length = 0;
        ValueRegions regions = Regions();
        while (regions.MoveNext(out int start, out int end))
        {
            length += end - start;
        }

        if (destination.Length < length)
        {
            ExampleThrowHelper.ThrowDestinationTooShortForBytes(Key, length, destination.Length);
        }

        regions = Regions();
        int copied = 0;
        while (regions.MoveNext(out int start, out int end))
        {
            ByteCopy.Copy(_buffer[start..end], destination.Slice(copied));
            copied += end - start;
        }

        return copied;
    }

    /// <summary>Decodes packed varints, checked when the feature was read.</summary>
    private static int DecodeVarints(ReadOnlySpan<byte> packed, Span<long> destination)
    {
        var values = new WireCursor(packed);
        int count = 0;
        while (values.HasMore)
        {
            destination[count++] = (long)values.ReadVarint();
        }

        return count;
    }

    /// <summary>Copies packed little-endian floats, checked to be whole when the feature was read.</summary>
    private static int CopyFloats(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination);
        }
        else
        {
            for (int i = 0; i < bytes.Length; i += sizeof(float))
            {
                destination[i / sizeof(float)] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i));
            }
        }

        return bytes.Length / sizeof(float);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueRegions Regions() => new(_buffer, _key, _start, _end, Kind, _singleRegion);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueRegions RegionsOf(FeatureKind requested)
    {
        CheckKind(requested);
        return Regions();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckKind(FeatureKind requested)
    {
        if (Kind != requested && Kind != FeatureKind.None)
        {
            ExampleThrowHelper.ThrowKindMismatch(Key, Kind, requested);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureRoom(int destinationLength)
    {
        if (destinationLength < Count)
        {
            ExampleThrowHelper.ThrowDestinationTooShort(Key, Count, destinationLength);
        }
    }
}
