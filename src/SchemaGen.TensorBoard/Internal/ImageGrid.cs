namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// Tiles images into one, as torchvision's <c>make_grid</c> does: <c>columns</c> per row,
/// <c>padding</c> pixels of black around and between them; a cell is as large as the largest image, each placed at its top left.
/// </summary>
internal static class ImageGrid
{
    public static HwcImage Tile(IReadOnlyList<HwcImage> images, int columns, int padding)
    {
        int channels = images[0].Channels;
        int cellHeight = 0;
        int cellWidth = 0;
        foreach (var image in images)
        {
            if (image.Channels != channels)
            {
                throw new ArgumentException($"The images of a grid have one channel count; image 0 has {channels}, another {image.Channels}.");
            }

            cellHeight = Math.Max(cellHeight, image.Height);
            cellWidth = Math.Max(cellWidth, image.Width);
        }

        columns = Math.Min(columns, images.Count);
        int rows = (images.Count + columns - 1) / columns;
        int height = (rows * (cellHeight + padding)) + padding;
        int width = (columns * (cellWidth + padding)) + padding;
        var pixels = new byte[(long)height * width * channels];
        for (int i = 0; i < images.Count; i++)
        {
            var image = images[i];
            int top = ((i / columns) * (cellHeight + padding)) + padding;
            int left = ((i % columns) * (cellWidth + padding)) + padding;
            int rowBytes = image.Width * channels;
            for (int y = 0; y < image.Height; y++)
            {
                image.Pixels.Span.Slice(y * rowBytes, rowBytes)
                    .CopyTo(pixels.AsSpan((((top + y) * width) + left) * channels, rowBytes));
            }
        }

        return new HwcImage(pixels, height, width, channels);
    }
}
