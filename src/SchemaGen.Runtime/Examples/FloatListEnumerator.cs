using System.Buffers.Binary;

namespace SchemaGen.Examples;

/// <summary>Enumerates the values of a float list feature (<see cref="FeatureReader.EnumerateFloats"/>).</summary>
public ref struct FloatListEnumerator
{
    private ValueRegions _regions;
    private int _position;
    private int _end;

    internal FloatListEnumerator(ValueRegions regions)
    {
        _regions = regions;
    }

    /// <summary>The current value, bit for bit as stored (NaN payloads included).</summary>
    public float Current { get; private set; }

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    /// <returns>This enumerator.</returns>
    public readonly FloatListEnumerator GetEnumerator() => this;

    /// <summary>Moves to the next value.</summary>
    /// <returns>False after the last value.</returns>
    public bool MoveNext()
    {
        while (_position == _end)
        {
            if (!_regions.MoveNext(out _position, out _end))
            {
                return false;
            }
        }

        // Regions were checked to hold whole floats when the feature was read.
        Current = BinaryPrimitives.ReadSingleLittleEndian(_regions.Buffer.Slice(_position, sizeof(float)));
        _position += sizeof(float);
        return true;
    }
}
