namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// The buckets of <c>tf.summary.histogram</c> (TensorBoard's histogram summary_v2 <c>_buckets</c>), in float64:
/// <c>k</c> equal buckets over [min, max] as a [k, 3] tensor of (left edge, right edge, count). A value falls in
/// bucket <c>floor((x - min) / ((max - min) / k))</c>, the last bucket also taking max; the edges are
/// <c>linspace(min, max, k + 1)</c> with the last set to max exactly. All values equal: every edge is that value and
/// the last bucket counts them all. No values: k rows of zeros.
/// </summary>
internal static class HistogramBuckets
{
    public static double[] Compute(ReadOnlySpan<double> data, int bucketCount)
    {
        var rows = new double[bucketCount * 3];
        if (data.IsEmpty || bucketCount == 0)
        {
            return rows;
        }

        double min = double.PositiveInfinity;
        double max = double.NegativeInfinity;
        foreach (double x in data)
        {
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }

        double range = max - min;
        if (range == 0)
        {
            for (int i = 0; i < bucketCount; i++)
            {
                rows[i * 3] = max;
                rows[(i * 3) + 1] = max;
            }

            rows[((bucketCount - 1) * 3) + 2] = data.Length;
            return rows;
        }

        double width = range / bucketCount;
        foreach (double x in data)
        {
            int index = (int)Math.Min(Math.Floor((x - min) / width), bucketCount - 1);
            rows[(index * 3) + 2]++;
        }

        for (int i = 0; i < bucketCount; i++)
        {
            rows[i * 3] = min + (i * width);
            rows[(i * 3) + 1] = i == bucketCount - 1 ? max : min + ((i + 1) * width);
        }

        return rows;
    }
}
