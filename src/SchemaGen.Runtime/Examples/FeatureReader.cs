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
    private readonly int _keyStart;
    private readonly int _keyLength;
    private readonly int _runStart;
    private readonly int _end;

    /// <summary>Reads the Feature at <c>buffer[start..end]</c>, whose key (or feature list key) is at <paramref name="keyStart"/>.</summary>
    internal FeatureReader(ReadOnlySpan<byte> buffer, int keyStart, int keyLength, int start, int end)
    {
        _buffer = buffer;
        _keyStart = keyStart;
        _keyLength = keyLength;
        _end = end;

        var cursor = new WireCursor(buffer, start, end, keyStart, keyLength);
        FeatureKind kind = FeatureKind.None;
        int runStart = start;
        while (cursor.HasMore)
        {
            int fieldStart = cursor.Position;
            uint tag = cursor.ReadTag();
            FeatureKind fieldKind = tag switch
            {
                WireFormat.Field1Delimited => FeatureKind.BytesList,
                WireFormat.Field2Delimited => FeatureKind.FloatList,
                WireFormat.Field3Delimited => FeatureKind.Int64List,
                _ => FeatureKind.None,
            };
            if (fieldKind == FeatureKind.None)
            {
                cursor.SkipField(tag);
                continue;
            }

            cursor.ReadLengthDelimited();
            if (fieldKind != kind)
            {
                kind = fieldKind;
                runStart = fieldStart;
            }
        }

        _runStart = runStart;
        Kind = kind;
        Count = CountValues(Regions(), kind);
    }

    /// <summary>The feature's key in UTF-8 (for a step of a feature list, the list's key).</summary>
    public ReadOnlySpan<byte> Key => _buffer.Slice(_keyStart, _keyLength);

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
        while (regions.MoveNext(out WireCursor region))
        {
            while (region.HasMore)
            {
                destination[count++] = (long)region.ReadVarint();
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
        while (regions.MoveNext(out WireCursor region))
        {
            ReadOnlySpan<byte> bytes = region.Remaining;
            if (BitConverter.IsLittleEndian)
            {
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(destination.Slice(count));
                count += bytes.Length / sizeof(float);
            }
            else
            {
                while (region.HasMore)
                {
                    destination[count++] = BitConverter.Int32BitsToSingle((int)region.ReadFixed32());
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

    private static int CountValues(ValueRegions regions, FeatureKind kind)
    {
        int count = 0;
        while (regions.MoveNext(out WireCursor region))
        {
            count += kind switch
            {
                FeatureKind.BytesList => 1,
                FeatureKind.FloatList => CountFloats(region),
                _ => CountVarints(region),
            };
        }

        return count;
    }

    private static int CountFloats(WireCursor region)
    {
        int length = region.End - region.Position;
        if (length % sizeof(float) != 0)
        {
            region.ThrowPackedFloatLength();
        }

        return length / sizeof(float);
    }

    /// <summary>Counts the varints in a region by their last bytes; a malformed one is decoded to report it.</summary>
    private static int CountVarints(WireCursor region)
    {
        ReadOnlySpan<byte> bytes = region.Remaining;
        if (Ascii.IsValid(bytes))
        {
            return bytes.Length; // all one-byte varints
        }

        int count = 0;
        int continuations = 0;
        foreach (byte b in bytes)
        {
            if (b < 0x80)
            {
                count++;
                continuations = 0;
            }
            else if (++continuations == 10)
            {
                break;
            }
        }

        if (continuations != 0)
        {
            while (region.HasMore)
            {
                region.ReadVarint(); // throws at the truncated or over-long varint
            }
        }

        return count;
    }

    private ValueRegions Regions() => new(new WireCursor(_buffer, _runStart, _end, _keyStart, _keyLength), Kind);

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
