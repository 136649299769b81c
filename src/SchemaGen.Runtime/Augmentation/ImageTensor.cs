namespace SchemaGen.Augmentation;

/// <summary>
/// A batch of augmented float32 images on the CPU, in <see cref="Layout"/>: what
/// <see cref="ImageAugmentation"/> writes for each batch of an augmented dataset. Lent with its batch and reused.
/// </summary>
public sealed class ImageTensor
{
    internal ImageTensor(ImageShape shape, TensorLayout layout, int capacity, int scratchLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Shape = shape;
        Layout = layout;
        Capacity = capacity;
        Buffer = new float[(long)capacity * shape.Length];
        ParameterBuffer = new AugmentationParameters[capacity];
        Scratch = new float[scratchLength];
    }

    /// <summary>One image's shape (rows, columns, channels), whatever the layout.</summary>
    public ImageShape Shape { get; }

    /// <summary>The order of the dimensions.</summary>
    public TensorLayout Layout { get; }

    /// <summary>The images the buffer holds at most.</summary>
    public int Capacity { get; }

    /// <summary>The images of the current batch.</summary>
    public int Count { get; internal set; }

    /// <summary>The current batch's values: <c>Count * Shape.Length</c> floats in <see cref="Layout"/>.</summary>
    public Span<float> Span => Buffer.AsSpan(0, Count * Shape.Length);

    /// <summary>The current batch's values as memory (for APIs that take <see cref="Memory{T}"/>).</summary>
    public Memory<float> Memory => Buffer.AsMemory(0, Count * Shape.Length);

    /// <summary>The random choices each image of the current batch was augmented with.</summary>
    public ReadOnlySpan<AugmentationParameters> Parameters => ParameterBuffer.AsSpan(0, Count);

    /// <summary>The dimensions of the current batch in <see cref="Layout"/>: (N, C, H, W) or (N, H, W, C).</summary>
    public (int N, int D1, int D2, int D3) Dimensions => Layout == TensorLayout.Nchw
        ? (Count, Shape.Channels, Shape.Height, Shape.Width)
        : (Count, Shape.Height, Shape.Width, Shape.Channels);

    internal float[] Buffer { get; }

    internal AugmentationParameters[] ParameterBuffer { get; }

    internal float[] Scratch { get; }

    /// <summary>The resize's tables and rows, grown to the largest image seen (sizing ops only).</summary>
    internal ResizeScratch ResizeScratch { get; } = new();
}
