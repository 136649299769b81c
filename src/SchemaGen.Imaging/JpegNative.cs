using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using SchemaGen.Augmentation;

namespace SchemaGen.Imaging;

/// <summary>
/// libschemagen_jpeg (native/schemagen_jpeg.c: libjpeg-turbo 2.1.5 with SIMD, linked in statically), loaded once per
/// process where it exists (runtimes/linux-x64/native); elsewhere <see cref="IsAvailable"/> is false and JPEGs go to
/// SkiaSharp. Called through a function pointer: no marshalling, no managed allocation per call.
/// </summary>
internal static unsafe class JpegNative
{
    /// <summary>The libjpeg-turbo the library must carry (LIBJPEG_TURBO_VERSION_NUMBER): a stale build is not used.</summary>
    internal const int ExpectedVersion = 2001005;

    private const string FileName = "libschemagen_jpeg.so";

    private const int MessageCapacity = 256;

    private static readonly delegate* unmanaged<byte*, nuint, int, int, int, int, int, int, int, int, byte*, nint, byte*, int, int> DecodeFunction;

    private static readonly delegate* unmanaged<int> SimdFunction;

    static JpegNative()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64 || !TryLoad(out var library))
        {
            return;
        }

        if (NativeLibrary.TryGetExport(library, "sg_jpeg_decode", out var decode)
            && NativeLibrary.TryGetExport(library, "sg_jpeg_simd", out var simd)
            && NativeLibrary.TryGetExport(library, "sg_jpeg_version", out var version)
            && ((delegate* unmanaged<int>)version)() == ExpectedVersion)
        {
            DecodeFunction = (delegate* unmanaged<byte*, nuint, int, int, int, int, int, int, int, int, byte*, nint, byte*, int, int>)decode;
            SimdFunction = (delegate* unmanaged<int>)simd;
        }
    }

    /// <summary>Whether the library loaded: JPEGs are decoded by it unless the options ask for SkiaSharp.</summary>
    public static bool IsAvailable => DecodeFunction != null;

    /// <summary>Whether libjpeg-turbo uses its SIMD code on this CPU (false where the library is not available).</summary>
    public static bool UsesSimd => SimdFunction != null && SimdFunction() != 0;

    /// <summary>
    /// Decodes the rectangle <paramref name="rect"/> of the JPEG reduced by 1/<paramref name="scale"/> into
    /// <paramref name="destination"/> (HWC rows of <c>rect.Width * channels</c> bytes).
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> encoded, ImageHeader header, int scale, CropWindow rect, int channels, Span<byte> destination)
    {
        byte* message = stackalloc byte[MessageCapacity];
        int result;
        fixed (byte* data = encoded)
        fixed (byte* target = destination)
        {
            result = DecodeFunction(data, (nuint)encoded.Length, header.Width, header.Height, scale,
                rect.X, rect.Y, rect.Width, rect.Height, channels, target, destination.Length, message, MessageCapacity);
        }

        if (result != 0)
        {
            throw Failure(result, new ReadOnlySpan<byte>(message, MessageCapacity));
        }
    }

    private static ImageDecodeException Failure(int result, ReadOnlySpan<byte> message)
    {
        int end = message.IndexOf((byte)0);
        string text = Encoding.UTF8.GetString(end < 0 ? message : message[..end]);
        return result switch
        {
            2 => ImageHeaderReader.Truncated(EncodedImageFormat.Jpeg, text),
            3 => new ImageDecodeException(ImageDecodeError.Unsupported, EncodedImageFormat.Jpeg, $"libjpeg-turbo cannot decode this image ({text})"),
            4 => throw new InvalidOperationException($"The JPEG decoder refused its arguments: {text}"),
            _ => ImageHeaderReader.Corrupt(EncodedImageFormat.Jpeg, string.Create(CultureInfo.InvariantCulture, $"libjpeg-turbo reports \"{text}\"")),
        };
    }

    private static bool TryLoad(out IntPtr library)
    {
        // A NuGet package's runtimes/linux-x64/native asset (the host's probing paths), then the same folder next to
        // the assembly or the application (a project reference copies it there).
        var assembly = typeof(JpegNative).Assembly;
        if (NativeLibrary.TryLoad(FileName, assembly, DllImportSearchPath.AssemblyDirectory, out library))
        {
            return true;
        }

        foreach (var folder in new[] { Path.GetDirectoryName(assembly.Location), AppContext.BaseDirectory })
        {
            if (!string.IsNullOrEmpty(folder)
                && (NativeLibrary.TryLoad(Path.Combine(folder, "runtimes", "linux-x64", "native", FileName), out library)
                    || NativeLibrary.TryLoad(Path.Combine(folder, FileName), out library)))
            {
                return true;
            }
        }

        library = IntPtr.Zero;
        return false;
    }
}
