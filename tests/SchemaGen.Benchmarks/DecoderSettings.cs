using NetVips;
using OpenCvSharp;

namespace SchemaGen.Benchmarks;

/// <summary>One core for every decoder: libvips and OpenCV start thread pools of their own by default.</summary>
internal static class DecoderSettings
{
    public static void OneThread()
    {
        NetVips.NetVips.Concurrency = 1;
        Cache.Max = 0;
        Cv2.SetNumThreads(1);
    }
}
