namespace SchemaGen.TensorBoard.Internal;

/// <summary>One uint8 HWC image: its pixels and its size.</summary>
internal readonly record struct HwcImage(ReadOnlyMemory<byte> Pixels, int Height, int Width, int Channels);
