namespace SchemaGen.Imaging;

/// <summary>Which code decodes JPEGs (internal: the benchmarks and tests compare the two; users get the default).</summary>
internal enum JpegBackend
{
    /// <summary>SchemaGen's libjpeg-turbo shim (SIMD) where it loads (Linux x64), otherwise SkiaSharp.</summary>
    Auto,

    /// <summary>SkiaSharp's libjpeg-turbo (on Linux x64 built without SIMD).</summary>
    Skia,

    /// <summary>SchemaGen's libjpeg-turbo shim; an <see cref="ImageDecoder"/> asking for it where it does not load fails.</summary>
    Native,
}
