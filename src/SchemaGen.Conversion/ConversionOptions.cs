using SchemaGen.Conversion.Images;

namespace SchemaGen.Conversion;

/// <summary>How <see cref="Converter"/> writes a dataset. Every option affects the bytes written except
/// <see cref="ShardIndex"/> and <see cref="ShardCount"/>, which only choose which shards this run writes.</summary>
public sealed record ConversionOptions
{
    /// <summary>Output shards per split (default 1).</summary>
    public int Shards { get; init; } = 1;

    /// <summary>How the <c>image</c> feature is stored (default raw HWC uint8).</summary>
    public ImageEncoding Encoding { get; init; } = ImageEncoding.Raw;

    /// <summary>Channel order of raw images (default RGB). Encoded images are always RGB.</summary>
    public PixelOrder PixelOrder { get; init; } = PixelOrder.Rgb;

    /// <summary>JPEG quality, 1 to 100 (default 95).</summary>
    public int JpegQuality { get; init; } = 95;

    /// <summary>When set, records are written in a permutation of each split that depends only on this seed.</summary>
    public long? Seed { get; init; }

    /// <summary>Whether to write a <c>.idx</c> sidecar beside each shard (uncompressed shards only).</summary>
    public bool WriteIndex { get; init; }

    /// <summary>Compression of the shards (default none).</summary>
    public TfRecordCompression Compression { get; init; }

    /// <summary>This job's index among <see cref="ShardCount"/> jobs: it writes shards i, i + n, i + 2n, ….</summary>
    public int ShardIndex { get; init; }

    /// <summary>
    /// How many jobs share the conversion (default 1: this run writes every shard and dataset_info.json). Above 1, each
    /// job writes its shards and a manifest, and <see cref="Converter.Finalize"/> writes dataset_info.json at the end.
    /// </summary>
    public int ShardCount { get; init; } = 1;

    /// <summary>
    /// Image folders: resize every image to this size, as <c>tf.image.resize(image, [h, w], method='bilinear',
    /// antialias=True)</c> rounded half to even to uint8 (half-pixel centres; the triangle kernel widened by the scale
    /// when shrinking, so it low-pass filters). The aspect ratio is not kept.
    /// </summary>
    public ImageSize? Resize { get; init; }

    /// <summary>Image folders: skip (and count) files that are not valid images instead of failing.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Adds an <c>id</c> bytes feature: <c>&lt;split&gt;_&lt;source index&gt;</c>, as TFDS names records.</summary>
    public bool IncludeId { get; init; }

    /// <summary>Adds a <c>filename</c> bytes feature (CIFAR python batches and image folders have file names).</summary>
    public bool IncludeFileName { get; init; }

    /// <summary>Largest image (width x height) an image header may declare; larger ones are refused before decoding.</summary>
    public long MaxImagePixels { get; init; } = ImageCodec.DefaultMaxPixels;

    /// <summary>
    /// Largest CIFAR source file (archive member or extracted file) read into memory, in bytes (default 1 GiB; the
    /// CIFAR-100 train pickle is about 155 MB). A tar member is allocated at its declared size only when the archive
    /// could hold it, so a forged size fails before anything is allocated.
    /// </summary>
    public long MaxSourceFileLength { get; init; } = Sources.SourceContainer.DefaultMaxMemberLength;

    internal void Validate(DatasetFormat format)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSourceFileLength, 1, nameof(MaxSourceFileLength));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxSourceFileLength, Array.MaxLength, nameof(MaxSourceFileLength));
        ArgumentOutOfRangeException.ThrowIfLessThan(Shards, 1, nameof(Shards));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Shards, 99999, nameof(Shards));
        ArgumentOutOfRangeException.ThrowIfLessThan(ShardCount, 1, nameof(ShardCount));
        ArgumentOutOfRangeException.ThrowIfNegative(ShardIndex, nameof(ShardIndex));
        if (ShardIndex >= ShardCount)
        {
            throw new ArgumentException($"The shard index {ShardIndex} must be below the shard count {ShardCount}.");
        }

        if (WriteIndex && Compression != TfRecordCompression.None)
        {
            throw new ArgumentException("Only uncompressed shards can be indexed: compressed data has no byte offsets.");
        }

        if (PixelOrder == PixelOrder.Bgr && Encoding != ImageEncoding.Raw)
        {
            throw new ArgumentException("The BGR pixel order applies to raw images only; PNG and JPEG files are RGB.");
        }

        if (format != DatasetFormat.ImageFolder && (Resize is not null || SkipInvalid))
        {
            throw new ArgumentException("Resize and skip-invalid apply to image folders only.");
        }
    }
}
