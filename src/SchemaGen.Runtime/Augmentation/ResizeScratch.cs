namespace SchemaGen.Augmentation;

/// <summary>
/// One thread's resize scratch: each axis's first source pixel and weights per output pixel, a row of vertically
/// resampled floats, and the resized image when HSV or statistics ops need it whole. Grows to the largest image
/// seen, then is only reused.
/// </summary>
internal sealed class ResizeScratch
{
    public int[] ColumnFirst = [];
    public float[] ColumnWeights = [];
    public int[] RowFirst = [];
    public float[] RowWeights = [];
    public float[] Row = [];
    public float[] Image = [];

    public static T[] Ensure<T>(ref T[] array, int length)
    {
        if (array.Length < length)
        {
            array = new T[Math.Max(length, array.Length * 2)];
        }

        return array;
    }
}
