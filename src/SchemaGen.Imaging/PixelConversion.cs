using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SchemaGen.Imaging;

/// <summary>The decoder's pixel conversions: the codec writes RGBA or grey, the batch holds RGB or grey.</summary>
internal static class PixelConversion
{
    /// <summary>Drops alpha: RGBA to RGB (TensorFlow's channels=3 keeps colour and discards alpha, never composites).</summary>
    public static void RgbaToRgb(ReadOnlySpan<byte> rgba, Span<byte> rgb, int pixels)
    {
        ref byte source = ref MemoryMarshal.GetReference(rgba[..(pixels * 4)]);
        ref byte target = ref MemoryMarshal.GetReference(rgb[..(pixels * 3)]);
        int i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // 4 pixels in, 12 bytes out; the 16-byte store overlaps the next one, so stop 2 pixels short of the end.
            var shuffle = Vector128.Create((byte)0, 1, 2, 4, 5, 6, 8, 9, 10, 12, 13, 14, 0x80, 0x80, 0x80, 0x80);
            for (; i + 6 <= pixels; i += 4)
            {
                var block = Vector128.LoadUnsafe(ref source, (nuint)(i * 4));
                Vector128.Shuffle(block, shuffle).StoreUnsafe(ref target, (nuint)(i * 3));
            }
        }

        for (; i < pixels; i++)
        {
            Unsafe.Add(ref target, i * 3) = Unsafe.Add(ref source, i * 4);
            Unsafe.Add(ref target, (i * 3) + 1) = Unsafe.Add(ref source, (i * 4) + 1);
            Unsafe.Add(ref target, (i * 3) + 2) = Unsafe.Add(ref source, (i * 4) + 2);
        }
    }

    /// <summary>ITU-R BT.601 luma in libjpeg's and PIL's fixed point: <c>(19595 R + 38470 G + 7471 B + 32768) &gt;&gt; 16</c>.</summary>
    public static void RgbaToGrey(ReadOnlySpan<byte> rgba, Span<byte> grey, int pixels)
    {
        rgba = rgba[..(pixels * 4)];
        grey = grey[..pixels];
        for (int i = 0; i < pixels; i++)
        {
            grey[i] = Luma(rgba[i * 4], rgba[(i * 4) + 1], rgba[(i * 4) + 2]);
        }
    }

    /// <summary>Repeats grey into R, G and B (TensorFlow's channels=3 on a greyscale image).</summary>
    public static void GreyToRgb(ReadOnlySpan<byte> grey, Span<byte> rgb, int pixels)
    {
        grey = grey[..pixels];
        rgb = rgb[..(pixels * 3)];
        for (int i = 0; i < pixels; i++)
        {
            byte value = grey[i];
            rgb[i * 3] = value;
            rgb[(i * 3) + 1] = value;
            rgb[(i * 3) + 2] = value;
        }
    }

    /// <summary>RGB to RGBA with opaque alpha, for the encoder (Skia has no 3-byte pixel format).</summary>
    public static void RgbToRgba(ReadOnlySpan<byte> rgb, Span<byte> rgba, int pixels)
    {
        rgb = rgb[..(pixels * 3)];
        rgba = rgba[..(pixels * 4)];
        for (int i = 0; i < pixels; i++)
        {
            rgba[i * 4] = rgb[i * 3];
            rgba[(i * 4) + 1] = rgb[(i * 3) + 1];
            rgba[(i * 4) + 2] = rgb[(i * 3) + 2];
            rgba[(i * 4) + 3] = 255;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte Luma(int r, int g, int b) => (byte)(((19595 * r) + (38470 * g) + (7471 * b) + 32768) >> 16);
}
