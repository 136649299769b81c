using SchemaGen.Conversion.Images;
using SchemaGen.Examples;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// Encodes one record at a time as a tf.train.Example (keys in byte order: <c>coarse_label</c>, <c>filename</c>,
/// <c>id</c>, <c>image</c>, <c>label</c>) straight into the TFRecord writer's buffer, sized exactly first. The
/// sources fill the fields; the buffers are reused from record to record.
/// </summary>
internal sealed class RecordEncoder(ImageEncoding encoding, Lazy<ImageCodec> codec, bool hasCoarseLabel, bool includeFileName, bool includeId) : IDisposable
{
    private readonly MemoryStream _encoded = new();
    private byte[] _raw = new byte[ImageRowsSize];
    private ReadOnlyMemory<byte> _image;
    private int _featuresLength;

    private const int ImageRowsSize = 3072;

    public ImageEncoding Encoding { get; } = encoding;

    public ImageCodec Codec => codec.Value;

    public bool IncludeFileName { get; } = includeFileName;

    public bool IncludeId { get; } = includeId;

    public long Label { get; set; }

    public long CoarseLabel { get; set; }

    public string? FileName { get; set; }

    public string? Id { get; set; }

    /// <summary>A buffer for a raw image of <paramref name="length"/> bytes, which becomes the record's image.</summary>
    public Span<byte> RawImage(int length)
    {
        if (_raw.Length < length)
        {
            _raw = new byte[length];
        }

        _image = _raw.AsMemory(0, length);
        return _raw.AsSpan(0, length);
    }

    /// <summary>Encodes HWC RGB pixels as PNG or JPEG; the result becomes the record's image.</summary>
    public void SetImage(ReadOnlySpan<byte> rgb, int width, int height)
    {
        _encoded.SetLength(0);
        Codec.Encode(rgb, width, height, Encoding, _encoded);
        _image = _encoded.GetBuffer().AsMemory(0, (int)_encoded.Length);
    }

    /// <summary>Takes HWC RGB pixels already in the raw buffer and encodes them when the encoding is not raw.</summary>
    public void EncodeRawIfNeeded(int width, int height)
    {
        if (Encoding != ImageEncoding.Raw)
        {
            SetImage(_raw.AsSpan(0, width * height * 3), width, height);
        }
    }

    public void WriteTo(TfRecordWriter writer)
    {
        int features = 0;
        if (hasCoarseLabel)
        {
            features += ExampleSize.FeatureEntry("coarse_label"u8, ExampleSize.Int64Feature(CoarseLabel));
        }

        if (IncludeFileName)
        {
            features += ExampleSize.FeatureEntry("filename"u8, ExampleSize.StringFeature(FileName));
        }

        if (IncludeId)
        {
            features += ExampleSize.FeatureEntry("id"u8, ExampleSize.StringFeature(Id));
        }

        features += ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(_image.Length));
        features += ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(Label));
        _featuresLength = features;
        writer.Write(ExampleSize.Example(features), this, static (span, encoder) => encoder.WriteExample(span));
    }

    public void Dispose() => _encoded.Dispose();

    private void WriteExample(Span<byte> destination)
    {
        var example = new ExampleWriter(destination, _featuresLength);
        if (hasCoarseLabel)
        {
            example.WriteInt64("coarse_label"u8, CoarseLabel);
        }

        if (IncludeFileName)
        {
            example.WriteString("filename"u8, FileName);
        }

        if (IncludeId)
        {
            example.WriteString("id"u8, Id);
        }

        example.WriteBytes("image"u8, _image.Span);
        example.WriteInt64("label"u8, Label);
        example.Complete();
    }
}
