using System.Buffers.Binary;

namespace SchemaGen.Conversion.Tests.Infrastructure;

/// <summary>BMP files written by the tests from the format's definition (BITMAPINFOHEADER), not by an image library.</summary>
internal static class BmpFile
{
    /// <summary>A 24-bit bottom-up BMP of HWC RGB pixels (stored BGR, rows padded to 4 bytes).</summary>
    public static byte[] Rgb(byte[] rgb, int width, int height)
    {
        int stride = (width * 3 + 3) & ~3;
        var pixels = new byte[stride * height];
        for (int y = 0; y < height; y++)
        {
            int row = (height - 1 - y) * stride;
            for (int x = 0; x < width; x++)
            {
                int source = ((y * width) + x) * 3;
                pixels[row + (x * 3)] = rgb[source + 2];
                pixels[row + (x * 3) + 1] = rgb[source + 1];
                pixels[row + (x * 3) + 2] = rgb[source];
            }
        }

        return File(width, height, bitsPerPixel: 24, compression: 0, colorsUsed: 0, palette: [], pixels);
    }

    /// <summary>A file header and BITMAPINFOHEADER, then the palette and the pixel data, the offset pointing after the palette.</summary>
    public static byte[] File(int width, int height, int bitsPerPixel, int compression, int colorsUsed, byte[] palette, byte[] pixels)
    {
        int offset = 14 + 40 + palette.Length;
        var file = new byte[offset + pixels.Length];
        "BM"u8.CopyTo(file);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), offset);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(file.AsSpan(28), (short)bitsPerPixel);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(30), compression);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(34), pixels.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(46), colorsUsed);
        palette.CopyTo(file, 54);
        pixels.CopyTo(file, offset);
        return file;
    }
}
