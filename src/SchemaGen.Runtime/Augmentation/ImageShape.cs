namespace SchemaGen.Augmentation;

/// <summary>The shape of one image stored as uint8 HWC rows: height, width and channels (1 to 4).</summary>
/// <param name="Height">Rows.</param>
/// <param name="Width">Pixels per row.</param>
/// <param name="Channels">Values per pixel: 1 (grey), 3 (RGB) or 4.</param>
public readonly record struct ImageShape(int Height, int Width, int Channels)
{
    /// <summary>The values of one image: <c>Height * Width * Channels</c>.</summary>
    public int Length => Height * Width * Channels;

    /// <summary>The pixels of one image: <c>Height * Width</c>.</summary>
    public int Pixels => Height * Width;

    /// <summary>The shape, as numpy prints it.</summary>
    /// <returns>For example <c>(32, 32, 3)</c>.</returns>
    public override string ToString() => $"({Height}, {Width}, {Channels})";
}
