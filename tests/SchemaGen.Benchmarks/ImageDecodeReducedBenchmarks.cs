using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NetVips;
using OpenCvSharp;
using SchemaGen.Augmentation;
using SchemaGen.Imaging;

namespace SchemaGen.Benchmarks;

/// <summary>
/// Decoding less than the whole JPEG, one core: at 1/2 and 1/4 scale (libjpeg-turbo's DCT scaling) where each
/// library offers it, and a RandomResizedCrop-like window (the centre 60% of the area) for a 224x224 output, beside
/// PIL's <c>Image.draft</c> at the same scale (and PIL's full decode for the window: PIL cannot decode a part).
/// SchemaGen's rows: the default decoder (JPEGs through its libjpeg-turbo shim on Linux x64) and SkiaSharp's.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Columns))]
[BenchmarkCategory("ImageDecode")]
public class ImageDecodeReducedBenchmarks
{
    private byte[] _encoded = [];
    private ImageDecoder _decoder = new();
    private ImageDecoder _skiaDecoder = new();
    private DecodedImageBatch _batch = new(1, 3);
    private ImageHeader _header;
    private CropWindow _window;

    [Params("photo-500x375-q90-420.jpg", "photo-1024x768-q90-420.jpg")]
    public string Image { get; set; } = "";

    [Params(2, 4)]
    public int Scale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _encoded = File.ReadAllBytes(Path.Combine(PilDecodePeer.BenchFolder, Image));
        _header = ImageDecoder.ReadHeader(_encoded);
        int width = (int)(_header.Width * Math.Sqrt(0.6));
        int height = (int)(_header.Height * Math.Sqrt(0.6));
        _window = new CropWindow((_header.Width - width) / 2, (_header.Height - height) / 2, width, height);
        _decoder = new ImageDecoder();
        _skiaDecoder = new ImageDecoder(new ImageDecoderOptions { Jpeg = JpegBackend.Skia });
        _batch = new DecodedImageBatch(1, 3);
        DecoderSettings.OneThread();
    }

    [Benchmark(Baseline = true, Description = "SchemaGen.Imaging 1/Scale -> RGB")]
    public int SchemaGenReduced()
    {
        _batch.Clear();
        return _decoder.DecodeInto(_encoded, CropWindow.Whole(_header.Width, _header.Height), _header.Height / Scale, _header.Width / Scale, _batch).Width;
    }

    [Benchmark(Description = "SchemaGen.Imaging window (60% area) for 224x224 (Scale unused)")]
    public int SchemaGenWindow()
    {
        _batch.Clear();
        return _decoder.DecodeInto(_encoded, _window, 224, 224, _batch).Width;
    }

    [Benchmark(Description = "SchemaGen.Imaging through SkiaSharp (the fallback), 1/Scale -> RGB")]
    public int SchemaGenReducedSkia()
    {
        _batch.Clear();
        return _skiaDecoder.DecodeInto(_encoded, CropWindow.Whole(_header.Width, _header.Height), _header.Height / Scale, _header.Width / Scale, _batch).Width;
    }

    [Benchmark(Description = "SchemaGen.Imaging through SkiaSharp, window (60% area) for 224x224 (Scale unused)")]
    public int SchemaGenWindowSkia()
    {
        _batch.Clear();
        return _skiaDecoder.DecodeInto(_encoded, _window, 224, 224, _batch).Width;
    }

    [Benchmark(Description = "NetVips jpegload shrink=Scale -> RGB")]
    public int NetVipsShrink()
    {
        using var image = NetVips.Image.JpegloadBuffer(_encoded, shrink: Scale, access: Enums.Access.Sequential);
        return image.WriteToMemory<byte>().Length;
    }

    [Benchmark(Description = "NetVips window (sequential, crop) (Scale unused)")]
    public int NetVipsWindow()
    {
        using var image = NetVips.Image.NewFromBuffer(_encoded, access: Enums.Access.Sequential);
        using var crop = image.Crop(_window.X, _window.Y, _window.Width, _window.Height);
        return crop.WriteToMemory<byte>().Length;
    }

    [Benchmark(Description = "OpenCvSharp4 IMREAD_REDUCED_COLOR_Scale -> BGR")]
    public int OpenCvReduced()
    {
        using var mat = Cv2.ImDecode(_encoded, Scale == 2 ? ImreadModes.ReducedColor2 : ImreadModes.ReducedColor4);
        return mat.Width;
    }

    private sealed class Columns : ManualConfig
    {
        public Columns()
        {
            AddColumn(RateColumn.ImagesPerSecond(1));
            AddColumn(PilDecodePeer.Columns(c => ((string)c.Parameters["Image"],
                c.Descriptor.WorkloadMethod.Name.Contains("Window", StringComparison.Ordinal) ? "full" : $"draft{c.Parameters["Scale"]}")));
        }
    }
}
