using SchemaGen.Imaging;

namespace Cifar10;

/// <summary>A contact sheet of a batch's first images, each scaled up with nearest-neighbour pixels.</summary>
public static class BatchPreview
{
    public static void Save(Cifar.Batch batch, string path, int columns = 8, int rows = 4, int scale = 3)
    {
        int count = Math.Min(batch.Count, columns * rows);
        int cell = 32 * scale + 2;
        int width = columns * cell, height = (count + columns - 1) / columns * cell;
        var sheet = new byte[width * height * 3]; // HWC RGB
        sheet.AsSpan().Fill(255);
        ReadOnlySpan<byte> images = batch.Image;
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<byte> image = images.Slice(n * 3072, 3072);
            int left = n % columns * cell + 1, top = n / columns * cell + 1;
            for (int y = 0; y < 32 * scale; y++)
            {
                for (int x = 0; x < 32 * scale; x++)
                {
                    int i = (y / scale * 32 + x / scale) * 3; // HWC, RGB
                    image.Slice(i, 3).CopyTo(sheet.AsSpan(((top + y) * width + left + x) * 3, 3));
                }
            }
        }

        using var file = File.Create(path);
        ImageEncoder.EncodePng(sheet, height, width, channels: 3, file);
    }
}
