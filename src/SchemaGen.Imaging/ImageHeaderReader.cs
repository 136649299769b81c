using System.Buffers.Binary;

namespace SchemaGen.Imaging;

/// <summary>
/// Reads width, height and colour model from the first bytes of an image, in managed code and without the codec, so
/// the pixel limit is checked before native code sees the data.
/// </summary>
internal static class ImageHeaderReader
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Reads the header; for a JPEG also where its first scan starts.</summary>
    /// <param name="encoded">The encoded image.</param>
    /// <param name="scanOffset">For a JPEG, the offset of its first SOS marker; otherwise -1.</param>
    /// <returns>What the header declares.</returns>
    public static ImageHeader Read(ReadOnlySpan<byte> encoded, out int scanOffset)
    {
        scanOffset = -1;
        if (encoded.Length >= 3 && encoded[0] == 0xFF && encoded[1] == 0xD8 && encoded[2] == 0xFF)
        {
            return ReadJpeg(encoded, out scanOffset);
        }

        if (encoded.StartsWith(PngSignature))
        {
            return ReadPng(encoded);
        }

        if (encoded.StartsWith("GIF87a"u8) || encoded.StartsWith("GIF89a"u8))
        {
            Need(encoded, 10, EncodedImageFormat.Gif, "logical screen descriptor");
            return Checked(new ImageHeader(EncodedImageFormat.Gif, BinaryPrimitives.ReadUInt16LittleEndian(encoded[6..]),
                BinaryPrimitives.ReadUInt16LittleEndian(encoded[8..]), ImageColorType.Palette));
        }

        if (encoded.StartsWith("BM"u8))
        {
            return ReadBmp(encoded);
        }

        if (encoded.Length >= 12 && encoded.StartsWith("RIFF"u8) && encoded[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebp(encoded);
        }

        throw new ImageDecodeException(ImageDecodeError.UnknownFormat, null, encoded.IsEmpty
            ? "the encoded image is empty (0 bytes)"
            : $"the {encoded.Length} bytes are no JPEG, PNG, GIF, BMP or WebP image (they start with {Convert.ToHexString(encoded[..Math.Min(8, encoded.Length)])})");
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data, out int scanOffset)
    {
        ImageHeader? header = null;
        int position = 2;
        while (true)
        {
            // Markers are 0xFF then a code; any number of 0xFF fill bytes may precede the code.
            if (position >= data.Length)
            {
                throw Truncated(EncodedImageFormat.Jpeg, header is null ? "the data ends before the frame header (SOF)" : "the data ends before the first scan (SOS)");
            }

            if (data[position] != 0xFF)
            {
                throw Corrupt(EncodedImageFormat.Jpeg, $"expected a marker at offset {position}, found 0x{data[position]:X2}");
            }

            while (position < data.Length && data[position] == 0xFF)
            {
                position++;
            }

            if (position >= data.Length)
            {
                throw Truncated(EncodedImageFormat.Jpeg, "the data ends inside a marker");
            }

            byte marker = data[position++];
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker is 0xD8 or 0xD9)
            {
                throw Corrupt(EncodedImageFormat.Jpeg, $"unexpected marker 0xFF{marker:X2} at offset {position - 2} before the first scan");
            }

            if (position + 2 > data.Length)
            {
                throw Truncated(EncodedImageFormat.Jpeg, $"the data ends inside the length of marker 0xFF{marker:X2} at offset {position - 2}");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[position..]);
            if (length < 2)
            {
                throw Corrupt(EncodedImageFormat.Jpeg, $"marker 0xFF{marker:X2} at offset {position - 2} declares a length of {length}");
            }

            if (marker == 0xDA)
            {
                if (header is null)
                {
                    throw Corrupt(EncodedImageFormat.Jpeg, $"a scan (SOS) at offset {position - 2} comes before the frame header (SOF)");
                }

                scanOffset = position - 2;
                return header.Value;
            }

            if (position + length > data.Length)
            {
                throw Truncated(EncodedImageFormat.Jpeg, $"the data ends inside the {length}-byte segment of marker 0xFF{marker:X2} at offset {position - 2}");
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (header is not null)
                {
                    throw Corrupt(EncodedImageFormat.Jpeg, $"a second frame header (SOF) at offset {position - 2}");
                }

                header = ReadJpegFrame(data.Slice(position + 2, length - 2), marker);
            }

            position += length;
        }
    }

    private static ImageHeader ReadJpegFrame(ReadOnlySpan<byte> frame, byte marker)
    {
        if (frame.Length < 6)
        {
            throw Corrupt(EncodedImageFormat.Jpeg, $"the frame header is {frame.Length + 2} bytes long, shorter than 8");
        }

        int precision = frame[0];
        int height = BinaryPrimitives.ReadUInt16BigEndian(frame[1..]);
        int width = BinaryPrimitives.ReadUInt16BigEndian(frame[3..]);
        int components = frame[5];
        if (marker is 0xC3 or 0xC7 or 0xCB or 0xCF)
        {
            throw new ImageDecodeException(ImageDecodeError.Unsupported, EncodedImageFormat.Jpeg, "lossless JPEG is not supported");
        }

        if (precision != 8)
        {
            throw new ImageDecodeException(ImageDecodeError.Unsupported, EncodedImageFormat.Jpeg, $"{precision}-bit samples are not supported (only 8-bit)");
        }

        if (height == 0)
        {
            throw new ImageDecodeException(ImageDecodeError.Unsupported, EncodedImageFormat.Jpeg, "the frame header declares 0 rows (a height given later by a DNL marker is not supported)");
        }

        var colorType = components switch
        {
            1 => ImageColorType.Grey,
            3 => ImageColorType.Rgb,
            4 => ImageColorType.Cmyk,
            _ => throw new ImageDecodeException(ImageDecodeError.Unsupported, EncodedImageFormat.Jpeg, $"{components} colour components are not supported (1, 3 or 4)"),
        };

        return Checked(new ImageHeader(EncodedImageFormat.Jpeg, width, height, colorType));
    }

    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        // The signature, then IHDR: length (13), "IHDR", width, height, bit depth, colour type.
        Need(data, 8 + 8 + 13, EncodedImageFormat.Png, "IHDR chunk");
        if (!data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            throw Corrupt(EncodedImageFormat.Png, "the first chunk is not IHDR");
        }

        uint width = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
        if (width > int.MaxValue || height > int.MaxValue)
        {
            throw Corrupt(EncodedImageFormat.Png, $"IHDR declares {width} x {height} pixels, over PNG's limit of 2^31 - 1");
        }

        var colorType = data[25] switch
        {
            0 => ImageColorType.Grey,
            2 => ImageColorType.Rgb,
            3 => ImageColorType.Palette,
            4 => ImageColorType.GreyAlpha,
            6 => ImageColorType.Rgba,
            var other => throw Corrupt(EncodedImageFormat.Png, $"IHDR declares colour type {other} (0, 2, 3, 4 or 6)"),
        };

        return Checked(new ImageHeader(EncodedImageFormat.Png, (int)width, (int)height, colorType));
    }

    private static ImageHeader ReadBmp(ReadOnlySpan<byte> data)
    {
        Need(data, 18, EncodedImageFormat.Bmp, "file header");
        uint headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        int width;
        int height;
        int bits;
        if (headerSize == 12)
        {
            Need(data, 26, EncodedImageFormat.Bmp, "core header");
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            bits = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
        }
        else
        {
            Need(data, 30, EncodedImageFormat.Bmp, "info header");
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            // A negative height means rows stored top-down.
            long rows = Math.Abs((long)BinaryPrimitives.ReadInt32LittleEndian(data[22..]));
            if (width < 0 || rows > int.MaxValue)
            {
                throw Corrupt(EncodedImageFormat.Bmp, $"the info header declares {width} x {rows} pixels");
            }

            height = (int)rows;
            bits = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        }

        var colorType = bits switch
        {
            32 => ImageColorType.Rgba,
            <= 8 => ImageColorType.Palette,
            _ => ImageColorType.Rgb,
        };
        return Checked(new ImageHeader(EncodedImageFormat.Bmp, width, height, colorType));
    }

    private static ImageHeader ReadWebp(ReadOnlySpan<byte> data)
    {
        Need(data, 30, EncodedImageFormat.Webp, "first chunk");
        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            // Extended: flags (alpha = 0x10), 3 reserved bytes, then width - 1 and height - 1 in 24 bits each.
            bool alpha = (data[20] & 0x10) != 0;
            int width = 1 + (data[24] | (data[25] << 8) | (data[26] << 16));
            int height = 1 + (data[27] | (data[28] << 8) | (data[29] << 16));
            return Checked(new ImageHeader(EncodedImageFormat.Webp, width, height, alpha ? ImageColorType.Rgba : ImageColorType.Rgb));
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            // Lossless: signature 0x2F, then 14 bits width - 1, 14 bits height - 1, 1 bit alpha.
            if (data[20] != 0x2F)
            {
                throw Corrupt(EncodedImageFormat.Webp, "the lossless bitstream lacks its 0x2F signature");
            }

            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            int width = 1 + (int)(bits & 0x3FFF);
            int height = 1 + (int)((bits >> 14) & 0x3FFF);
            bool alpha = ((bits >> 28) & 1) != 0;
            return Checked(new ImageHeader(EncodedImageFormat.Webp, width, height, alpha ? ImageColorType.Rgba : ImageColorType.Rgb));
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height (2 bits of scale each).
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                throw Corrupt(EncodedImageFormat.Webp, "the lossy bitstream lacks its start code");
            }

            int width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            int height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
            return Checked(new ImageHeader(EncodedImageFormat.Webp, width, height, ImageColorType.Rgb));
        }

        throw Corrupt(EncodedImageFormat.Webp, $"unknown first chunk '{System.Text.Encoding.ASCII.GetString(chunk)}'");
    }

    private static ImageHeader Checked(ImageHeader header) =>
        header.Width > 0 && header.Height > 0
            ? header
            : throw Corrupt(header.Format, $"the header declares {header.Width} x {header.Height} pixels");

    private static void Need(ReadOnlySpan<byte> data, int length, EncodedImageFormat format, string what)
    {
        if (data.Length < length)
        {
            throw Truncated(format, $"the data ends after {data.Length} bytes, inside the {what}");
        }
    }

    internal static ImageDecodeException Corrupt(EncodedImageFormat format, string detail) =>
        new(ImageDecodeError.Corrupt, format, $"corrupt: {detail}");

    internal static ImageDecodeException Truncated(EncodedImageFormat format, string detail) =>
        new(ImageDecodeError.Truncated, format, $"truncated: {detail}");
}
