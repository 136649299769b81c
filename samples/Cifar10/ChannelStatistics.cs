using System.Globalization;

namespace Cifar10;

/// <summary>Per-channel mean and standard deviation of pixels (0-255) and a label histogram, over the batches seen.</summary>
public sealed class ChannelStatistics(int classCount)
{
    private readonly double[] _sum = new double[3];
    private readonly double[] _sumOfSquares = new double[3];
    private readonly long[] _labels = new long[classCount];
    private long _pixels;

    public long Images { get; private set; }

    public void Add(Cifar.Batch batch)
    {
        ReadOnlySpan<byte> image = batch.Image[..(batch.Count * 3072)];
        // Sums per channel in longs: exact, and a third of the work of accumulating doubles per pixel.
        Span<long> sum = stackalloc long[3];
        Span<long> squares = stackalloc long[3];
        for (int i = 0; i < image.Length; i += 3)
        {
            for (int c = 0; c < 3; c++)
            {
                int v = image[i + c];
                sum[c] += v;
                squares[c] += v * v;
            }
        }

        for (int c = 0; c < 3; c++)
        {
            _sum[c] += sum[c];
            _sumOfSquares[c] += squares[c];
        }

        foreach (long label in batch.Label[..batch.Count])
        {
            _labels[label]++;
        }

        _pixels += image.Length / 3;
        Images += batch.Count;
    }

    public float Mean(int channel) => (float)(_sum[channel] / _pixels);

    public float StandardDeviation(int channel)
    {
        double mean = _sum[channel] / _pixels;
        return (float)Math.Sqrt(Math.Max(0, _sumOfSquares[channel] / _pixels - mean * mean));
    }

    public string Describe(IReadOnlyList<string> classNames) => string.Create(CultureInfo.InvariantCulture,
        $"mean R {Mean(0):F1} G {Mean(1):F1} B {Mean(2):F1}, std R {StandardDeviation(0):F1} G {StandardDeviation(1):F1} B {StandardDeviation(2):F1}\n"
        + $"    labels: {string.Join("  ", classNames.Select((name, i) => $"{name} {_labels[i]}"))}");
}
