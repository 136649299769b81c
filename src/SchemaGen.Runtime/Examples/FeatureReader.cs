using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace SchemaGen;

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
        ValueRegions regions = RegionsOf(FeatureKind.Int64List);
        EnsureRoom(destination.Length);
        int count = 0;
        while (regions.MoveNext(out int start, out int end))
        {
            var values = new WireCursor(_buffer, start, end, _key);
            while (values.HasMore)
            {
                destination[count++] = (long)values.ReadVarint();
            }
        }

        return count;
    }

    /// <summary>Copies the values of a float list to the start of <paramref name="destination"/>.</summary>
    /// <param name="destination">Where to copy; it must hold at least <see cref="Count"/> values.</param>
    /// <returns>The number of values copied, <see cref="Count"/>.</returns>
    /// <exception cref="InvalidOperationException">The feature holds another kind of list.</exception>
    /// <exception cref="ArgumentException">The destination is shorter than <see cref="Count"/>.</exception>
    public int CopyTo(Span<float> destination)
    {
        ValueRegions regions = RegionsOf(FeatureKind.FloatList);
        EnsureRoom(destination.Length);
        int count = 0;
        while (regions.MoveNext(out int start, out int end))
        {
            // Regions were checked to hold whole floats when the feature was read.
            ReadOnlySpan<byte> bytes = _buffer[start..end];
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination.Slice(count));
                count += bytes.Length / sizeof(float);
            }
            else
            {
                for (int i = 0; i < bytes.Length; i += sizeof(float))
                {
                    destination[count++] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i));
                }
            }
        }

        return count;
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ValueRegions Regions() => new(_buffer, _key, _start, _end, Kind, _singleRegion);

    private ValueRegions RegionsOf(FeatureKind requested)
    {
        if (Kind != requested && Kind != FeatureKind.None)
        {
            ExampleThrowHelper.ThrowKindMismatch(Key, Kind, requested);
        }

        return Regions();
    }

    private void EnsureRoom(int destinationLength)
    {
        if (destinationLength < Count)
        {
            ExampleThrowHelper.ThrowDestinationTooShort(Key, Count, destinationLength);
        }
    }
}
