using SchemaGen.Augmentation;

namespace SchemaGen.Imaging;

/// <summary>
/// What one pooled batch's decoding keeps between batches: a decoder (not thread-safe: a batch is decoded by one worker
/// at a time), the decoded images' buffer and room for a row's boxes. Grown to the largest batch seen, then reused.
/// </summary>
internal sealed class DecodeWorkspace(int capacity, ImageDecoderOptions options)
{
    private BoundingBox[] _boxes = [];

    public ImageDecoder Decoder { get; } = new(options);

    public DecodedImageBatch Images { get; } = new(capacity, options.Channels);

    /// <summary>Row <paramref name="row"/>'s boxes from the columns, in a buffer kept for the next row.</summary>
    public ReadOnlySpan<BoundingBox> Boxes(in BoundingBoxColumns columns, int row)
    {
        var ymin = columns.YMin[row];
        var xmin = columns.XMin[row];
        var ymax = columns.YMax[row];
        var xmax = columns.XMax[row];
        int count = Math.Min(Math.Min(ymin.Length, xmin.Length), Math.Min(ymax.Length, xmax.Length));
        if (count != ymin.Length || count != xmin.Length || count != ymax.Length || count != xmax.Length)
        {
            throw new InvalidDataException(
                $"the boxes' columns hold different numbers of values (ymin {ymin.Length}, xmin {xmin.Length}, ymax {ymax.Length}, xmax {xmax.Length})");
        }

        if (_boxes.Length < count)
        {
            _boxes = new BoundingBox[Math.Max(count, 2 * _boxes.Length)];
        }

        for (int i = 0; i < count; i++)
        {
            _boxes[i] = new BoundingBox(ymin[i], xmin[i], ymax[i], xmax[i]);
        }

        return _boxes.AsSpan(0, count);
    }
}
