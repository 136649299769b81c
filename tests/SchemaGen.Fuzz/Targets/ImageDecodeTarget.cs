using SchemaGen.Augmentation;
using SchemaGen.Imaging;

namespace SchemaGen.Fuzz.Targets;

/// <summary>
/// SchemaGen.Imaging's decoder (JPEG: its libjpeg-turbo shim on Linux x64, SkiaSharp elsewhere; PNG, WebP, GIF, BMP:
/// SkiaSharp): the header, a whole decode and a window decode at a reduced scale, under a small pixel limit; an image,
/// or an <see cref="ImageDecodeException"/>. A crash in the native code takes the harness down: that is a finding.
/// </summary>
public sealed class ImageDecodeTarget : IFuzzTarget
{
    // Small enough that a forged header cannot make a run allocate much: the limit is the allocation bound's input.
    private const long MaxPixels = 1 << 22;

    private readonly ImageDecoder _decoder = new(new ImageDecoderOptions { MaxPixels = MaxPixels });
    private readonly DecodedImageBatch _batch = new(capacity: 1, channels: 3);

    public string Name => "image-decode";

    public IReadOnlyList<byte[]> Seeds() =>
        [.. Directory.EnumerateFiles(Repository.Path("tests/data/images")).Where(path => !path.EndsWith(".md", StringComparison.Ordinal)
            && !path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(File.ReadAllBytes)];

    public void Run(byte[] input)
    {
        try
        {
            ImageHeader header = ImageDecoder.ReadHeader(input);
            byte[] pixels = _decoder.Decode(input, out ImageHeader decoded);
            if (decoded.Width != header.Width || decoded.Height != header.Height || pixels.Length != (long)header.Width * header.Height * 3)
            {
                throw new FuzzFindingException($"the header said {header.Width}x{header.Height}, the decode gave {decoded.Width}x{decoded.Height} in {pixels.Length} bytes");
            }

            // The central half, for an output a quarter of the window's size: the window and reduced-scale path.
            var window = new CropWindow(header.Width / 4, header.Height / 4, Math.Max(1, header.Width / 2), Math.Max(1, header.Height / 2));
            _batch.Clear();
            _decoder.DecodeInto(input, window, Math.Max(1, window.Height / 4), Math.Max(1, window.Width / 4), _batch);
        }
        catch (ImageDecodeException)
        {
        }
    }

    // The whole decode (RGB), the decoder's RGBA scratch and the window's pixels, each at most the pixel limit.
    public long AllocationBound(int inputLength) => 64L * inputLength + 12 * MaxPixels + (16 << 20);
}
