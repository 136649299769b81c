namespace SchemaGen.Generator.Tests.Types;

public enum Color : short
{
    Red = 1,
    Green = 2,
    Blue = 3,
}

/// <summary>Every single-value mapping, as a class with settable properties.</summary>
[TfExample]
public partial class Scalars
{
    public long Big { get; set; }

    public int Medium { get; set; }

    public short Small { get; set; }

    public sbyte Tiny { get; set; }

    public byte Octet { get; set; }

    public uint Count32 { get; set; }

    public bool Flag { get; set; }

    public Color Color { get; set; }

    public float Score { get; set; }

    [TfFeature(StoreDoubleAsFloat = true)]
    public double Ratio { get; set; }

    public string Name { get; set; } = "";

    [TfFeature("image/encoded")]
    public byte[] ImageData { get; set; } = [];

    public ReadOnlyMemory<byte> Memory { get; set; }

    [TfIgnore]
    public int NotStored { get; set; }
}
