using SchemaGen.Augmentation;
using SchemaGen.Imaging;

namespace ImageNetStyle;

/// <summary>Writes a batch of normalized NCHW crops as a PNG grid, undoing the normalization so they look like photos.</summary>
internal static class CropPreview
{
    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    public static void Write(ImageTensor tensor, string path)
    {
        const int Columns = 8;
        const int Gap = 4;
        var shape = tensor.Shape;
        int count = tensor.Count;
        int rows = (count + Columns - 1) / Columns;
        int width = (Columns * (shape.Width + Gap)) + Gap;
        int height = (rows * (shape.Height + Gap)) + Gap;
        var sheet = new byte[width * height * 3];
        sheet.AsSpan().Fill(24);
        var values = tensor.Span;
        int plane = shape.Height * shape.Width;
        for (int i = 0; i < count; i++)
        {
            int left = Gap + (i % Columns * (shape.Width + Gap));
            int top = Gap + (i / Columns * (shape.Height + Gap));
            var image = values.Slice(i * shape.Length, shape.Length);
            for (int y = 0; y < shape.Height; y++)
            {
                for (int x = 0; x < shape.Width; x++)
                {
                    for (int c = 0; c < 3; c++)
                    {
                        float value = (image[(c * plane) + (y * shape.Width) + x] * Std[c]) + Mean[c];
                        sheet[((((top + y) * width) + left + x) * 3) + c] = (byte)Math.Clamp(MathF.Round(value * 255), 0, 255);
                    }
                }
            }
        }

        using var file = File.Create(path);
        ImageEncoder.EncodePng(sheet, height, width, 3, file);
    }
}
