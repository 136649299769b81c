using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NetVips;
using OpenCvSharp;
using SchemaGen.Imaging;
using SixLabors.ImageSharp.PixelFormats;
using SkiaSharp;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Decode-only images/s on one core of the libraries served here, whole image to 8-bit RGB (or each library's
/// native 3/4-channel layout), beside PIL's (libjpeg-turbo) on the same files: an ImageNet-like 500x375 quality-90
/// 4:2:0 JPEG, a 1024x768 one and a 256x256 PNG (tests/data/images/bench, synthetic photo-like pictures made by
/// build/make-image-fixtures.py). The numbers chose the decoder (docs/benchmarks.md, "Image decoding"): SchemaGen's
/// libjpeg-turbo shim (SIMD) for JPEGs on Linux x64, SkiaSharp for the rest (both rows here).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[BenchmarkCategory("ImageDecode")]
public class ImageDecodeBenchmarks
{
    private byte[] _encoded = [];
    private byte[] _rgb = [];
    private byte[] _rgba = [];
    private ImageDecoder _decoder = new();
    private ImageDecoder _skiaDecoder = new();
    private SKImageInfo _info;

    [Params("photo-500x375-q90-420.jpg", "photo-1024x768-q90-420.jpg", "photo-256x256.png")]
    public string Image { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _encoded = File.ReadAllBytes(Path.Combine(PilDecodePeer.BenchFolder, Image));
        var header = ImageDecoder.ReadHeader(_encoded);
        _rgb = new byte[header.PixelCount * 3];
        _rgba = new byte[header.PixelCount * 4];
        _info = new SKImageInfo(header.Width, header.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        _decoder = new ImageDecoder();
        _skiaDecoder = new ImageDecoder(new ImageDecoderOptions { Jpeg = JpegBackend.Skia });
        DecoderSettings.OneThread();
    }

    [Benchmark(Baseline = true, Description = "SchemaGen.Imaging (JPEG: libjpeg-turbo SIMD shim; PNG: SkiaSharp) -> RGB")]
    public int SchemaGenImaging() => _decoder.Decode(_encoded, _rgb).Width;

    [Benchmark(Description = "SchemaGen.Imaging (SkiaSharp for every format: the fallback) -> RGB")]
    public int SchemaGenImagingSkia() => _skiaDecoder.Decode(_encoded, _rgb).Width;

    [Benchmark(Description = "SkiaSharp SKCodec -> RGBA")]
    public unsafe SKCodecResult SkiaSharpCodec()
    {
        fixed (byte* data = _encoded)
        fixed (byte* pixels = _rgba)
        {
            using var skData = SKData.Create((IntPtr)data, _encoded.Length);
            using var codec = SKCodec.Create(skData);
            return codec.GetPixels(_info, (IntPtr)pixels);
        }
    }

    [Benchmark(Description = "ImageSharp 2.1.13 -> Rgb24")]
    public int ImageSharp()
    {
        using var image = SixLabors.ImageSharp.Image.Load<Rgb24>(_encoded);
        return image.Width;
    }

    [Benchmark(Description = "NetVips 3.2.0 (libvips 8.18) -> RGB")]
    public int NetVipsDecode()
    {
        using var image = NetVips.Image.NewFromBuffer(_encoded, access: Enums.Access.Sequential);
        return image.WriteToMemory<byte>().Length;
    }

    [Benchmark(Description = "OpenCvSharp4 4.13 imdecode -> BGR")]
    public int OpenCv()
    {
        using var mat = Cv2.ImDecode(_encoded, ImreadModes.Color);
        return mat.Width;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(RateColumn.ImagesPerSecond(1));
            AddColumn(PilDecodePeer.Columns(c => ((string)c.Parameters["Image"], "full")));
        }
    }
}
