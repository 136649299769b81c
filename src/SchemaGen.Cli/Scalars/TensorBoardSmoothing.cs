namespace SchemaGen.Cli.Scalars;

/// <summary>
/// The smoothing of TensorBoard's scalar charts (vz_line_chart2's resmoothDataset): an exponential moving average
/// started at 0 and debiased by <c>1 - weight^n</c> over the n finite points so far; non-finite points, and every
/// point of a constant curve, are kept as they are.
/// </summary>
internal static class TensorBoardSmoothing
{
    public static double[] Smooth(IReadOnlyList<double> values, double weight)
    {
        weight = double.IsFinite(weight) ? Math.Clamp(weight, 0, 1) : 0;
        var smoothed = new double[values.Count];
        double last = 0;
        int count = 0;
        bool constant = values.All(v => v == values[0]);
        for (int i = 0; i < values.Count; i++)
        {
            double next = values[i];
            if (constant || !double.IsFinite(next))
            {
                smoothed[i] = next;
                continue;
            }

            last = (last * weight) + ((1 - weight) * next);
            count++;
            double debias = weight == 1 ? 1 : 1 - Math.Pow(weight, count);
            smoothed[i] = last / debias;
        }

        return smoothed;
    }
}
