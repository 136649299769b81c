using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using Xunit;

namespace SchemaGen.Testing;

/// <summary>
/// A PNG written and read by the tests themselves (zlib from the framework, the PNG specification's filters), so that
/// what a test feeds the product and what it reads back do not go through the image library under test. Reads 8-bit
/// grey, RGB, grey+alpha and RGBA (alpha dropped), not interlaced; writes 8-bit RGB.
/// </summary>
public sealed class PngPicture
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private PngPicture(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The HWC RGB bytes.</summary>
    public byte[] Rgb { get; }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public RgbPixel this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            {
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width} x {Height} picture.");
            }

            int i = ((y * Width) + x) * 3;
            return new RgbPixel(Rgb[i], Rgb[i + 1], Rgb[i + 2]);
        }
    }

    /// <summary>Reads a PNG file.</summary>
    public static PngPicture Load(string path) => Decode(File.ReadAllBytes(path));

    /// <summary>Width x height pixels of one colour, HWC RGB.</summary>
    public static byte[] Filled(int width, int height, RgbPixel colour)
    {
        var rgb = new byte[width * height * 3];
        for (int i = 0; i < rgb.Length; i += 3)
        {
            (rgb[i], rgb[i + 1], rgb[i + 2]) = (colour.R, colour.G, colour.B);
        }

        return rgb;
    }

    /// <summary>Writes HWC RGB pixels as a PNG file.</summary>
    public static void Save(string path, byte[] rgb, int width, int height) => File.WriteAllBytes(path, Encode(rgb, width, height));

    /// <summary>Encodes HWC RGB pixels as an 8-bit RGB PNG (filter 0 on every row).</summary>
    public static byte[] Encode(byte[] rgb, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(rgb);
        Assert.Equal(width * height * 3, rgb.Length);
        using var output = new MemoryStream();
        output.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        WriteChunk(output, "IHDR"u8, ihdr);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                zlib.WriteByte(0);
                zlib.Write(rgb, y * width * 3, width * 3);
            }
        }

        WriteChunk(output, "IDAT"u8, compressed.ToArray());
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    /// <summary>Decodes a PNG of 8-bit grey, RGB, grey+alpha or RGBA (alpha dropped), not interlaced.</summary>
    public static PngPicture Decode(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        Assert.True(png.AsSpan().StartsWith(Signature), "not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = png.AsSpan(at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            Assert.Equal(BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)), Crc32.HashToUInt32(png.AsSpan(at + 4, length + 4)));
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, var other => throw new NotSupportedException($"PNG colour type {other}") };
                Assert.Equal(0, data[12]);
            }
            else if (type.SequenceEqual("IDAT"u8))
            {
                idat.Write(data);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }

            at += 12 + length;
        }

        int stride = width * channels;
        var raw = new byte[height * (stride + 1)];
        idat.Position = 0;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.ReadExactly(raw);
        }

        var rows = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            Unfilter(raw[y * (stride + 1)], raw.AsSpan((y * (stride + 1)) + 1, stride), rows.AsSpan(y * stride, stride),
                y == 0 ? new byte[stride] : rows.AsSpan((y - 1) * stride, stride), channels);
        }

        var rgb = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                rgb[(p * 3) + c] = channels < 3 ? rows[p * channels] : rows[(p * channels) + c];
            }
        }

        return new PngPicture(width, height, rgb);
    }

    private static void Unfilter(byte filter, ReadOnlySpan<byte> filtered, Span<byte> row, ReadOnlySpan<byte> above, int bytesPerPixel)
    {
        for (int i = 0; i < row.Length; i++)
        {
            int a = i >= bytesPerPixel ? row[i - bytesPerPixel] : 0;
            int b = above[i];
            int c = i >= bytesPerPixel ? above[i - bytesPerPixel] : 0;
            int predictor = filter switch
            {
                0 => 0,
                1 => a,
                2 => b,
                3 => (a + b) / 2,
                4 => Paeth(a, b, c),
                _ => throw new NotSupportedException($"PNG filter {filter}"),
            };
            row[i] = (byte)(filtered[i] + predictor);
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(header, data.Length);
        type.CopyTo(header[4..]);
        output.Write(header);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, crc.GetCurrentHashAsUInt32());
        output.Write(sum);
    }
}
