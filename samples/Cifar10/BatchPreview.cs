using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Cifar10;

/// <summary>A contact sheet of a batch's first images, each scaled up with nearest-neighbour pixels.</summary>
public static class BatchPreview
{
    public static void Save(Cifar.Batch batch, string path, int columns = 8, int rows = 4, int scale = 3)
    {
        int count = Math.Min(batch.Count, columns * rows);
        int cell = 32 * scale + 2;
        using var sheet = new Image<Rgb24>(columns * cell, (count + columns - 1) / columns * cell, new Rgb24(255, 255, 255));
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
                    sheet[left + x, top + y] = new Rgb24(image[i], image[i + 1], image[i + 2]);
                }
            }
        }

        sheet.SaveAsPng(path);
    }
}
