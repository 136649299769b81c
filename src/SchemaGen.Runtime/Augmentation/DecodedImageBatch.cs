namespace SchemaGen.Augmentation;

/// <summary>
/// A batch's decoded images, each of its own size, as uint8 HWC rows one after another in one buffer (so a device
/// augmenter uploads a batch in one copy). Pooled with its batch: the buffer grows to the largest batch seen and is
/// then reused, so a steady state allocates nothing.
/// </summary>
public sealed class DecodedImageBatch
{
    private readonly DecodedImage[] _images;
    private byte[] _pixels;
    private int _length;

    /// <summary>Creates an empty batch.</summary>
    /// <param name="capacity">The most images it holds.</param>
    /// <param name="channels">Values per pixel of every image: 1 (grey) or 3 (RGB).</param>
    /// <param name="byteCapacity">The pixel buffer's first size in bytes; it grows as images need.</param>
    public DecodedImageBatch(int capacity, int channels, int byteCapacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        if (channels is not (1 or 3))
        {
            throw new ArgumentOutOfRangeException(nameof(channels), channels, "Decoded images have 1 or 3 channels.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(byteCapacity);
        Channels = channels;
        _images = new DecodedImage[capacity];
        _pixels = byteCapacity == 0 ? [] : new byte[byteCapacity];
    }

    /// <summary>The most images the batch holds.</summary>
    public int Capacity => _images.Length;

    /// <summary>Values per pixel of every image.</summary>
    public int Channels { get; }

    /// <summary>The images added since the last <see cref="Clear"/>.</summary>
    public int Count { get; private set; }

    /// <summary>Every image's pixels, one after another.</summary>
    public ReadOnlySpan<byte> Pixels => _pixels.AsSpan(0, _length);

    /// <summary>Where each image lies in <see cref="Pixels"/>, in the order added.</summary>
    public ReadOnlySpan<DecodedImage> Images => _images.AsSpan(0, Count);

    /// <summary>One image's pixels (HWC rows).</summary>
    /// <param name="index">The image's index in the batch.</param>
    /// <returns>Its <c>Height * Width * Channels</c> values.</returns>
    public ReadOnlySpan<byte> GetPixels(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        var image = _images[index];
        return _pixels.AsSpan(image.Offset, image.Height * image.Width * Channels);
    }

    /// <summary>Adds an image and returns where its pixels go, to be written by the decoder.</summary>
    /// <param name="height">Decoded rows.</param>
    /// <param name="width">Decoded pixels per row.</param>
    /// <param name="region">The part to resize to the output, in these pixels' coordinates.</param>
    /// <returns>The image's <c>height * width * Channels</c> values, uninitialized.</returns>
    public Span<byte> Add(int height, int width, SourceRegion region)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (Count == Capacity)
        {
            throw new InvalidOperationException($"The batch already holds its {Capacity} images.");
        }

        var length = checked(height * width * Channels);
        var end = checked(_length + length);
        if (end > _pixels.Length)
        {
            // Doubling keeps growth amortized; once the largest batch has been seen the buffer is only reused.
            Array.Resize(ref _pixels, Math.Max(end, (int)Math.Min(Array.MaxLength, 2L * _pixels.Length)));
        }

        _images[Count++] = new DecodedImage(_length, height, width, region);
        var pixels = _pixels.AsSpan(_length, length);
        _length = end;
        return pixels;
    }

    /// <summary>
    /// Replaces an image's region: for a decoder that reports the window it decoded as the region when the sizing op
    /// resizes a fractional part of it (<see cref="ImageSizing.MapRegion(SourceRegion, CropWindow, SourceRegion)"/>).
    /// </summary>
    /// <param name="index">The image's index in the batch.</param>
    /// <param name="region">The part to resize to the output, in its decoded pixels' coordinates.</param>
    public void SetRegion(int index, SourceRegion region)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        _images[index] = _images[index] with { Region = region };
    }

    /// <summary>Takes back the last image added (a decode that failed after <see cref="Add"/>).</summary>
    public void RemoveLast()
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The batch holds no image.");
        }

        _length = _images[--Count].Offset;
    }

    /// <summary>Empties the batch, keeping its buffer.</summary>
    public void Clear()
    {
        Count = 0;
        _length = 0;
    }
}
