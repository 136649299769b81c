using System.Collections;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Pickle;

namespace SchemaGen.Conversion.Sources;

/// <summary>
/// The images of one CIFAR batch, each a CHW row of 3072 bytes (1024 R, 1024 G, 1024 B, each plane row-major), kept
/// where the source held them: rows of the file's bytes with a stride (binary batches, the pixel string of a pickle),
/// or the elements of a numpy object array.
/// </summary>
internal abstract class ImageRows
{
    public const int Side = 32;
    public const int PlaneSize = Side * Side;
    public const int RowSize = 3 * PlaneSize;

    public abstract int Count { get; }

    /// <summary>Writes image <paramref name="row"/> as HWC pixels in <paramref name="order"/>.</summary>
    public abstract void CopyHwc(int row, Span<byte> destination, PixelOrder order);

    public static ImageRows FromArray(NumpyArray array, string source)
    {
        var dtype = array.Dtype
            ?? throw new DatasetFormatException(source, DatasetProblem.RefusedPickle, $"'data': {NumpyArray.WithoutState}; expected uint8 of shape (N, 3072)");
        if (dtype.IsUInt8 && array.Shape.Length == 2 && array.Shape[1] == RowSize)
        {
            return new ByteImageRows(array.Bytes, RowSize, array.Shape[0]);
        }

        if (dtype.IsObject && array.Shape.Length == 2 && array.Shape[1] == RowSize)
        {
            // An object array of Python ints (Datumaro writes these): copied out once, each checked to be a byte.
            var values = array.Elements!;
            var pixels = new byte[values.Count];
            for (int i = 0; i < pixels.Length; i++)
            {
                long value = NumpyValues.ToInt64(values[i]);
                pixels[i] = value is >= 0 and <= 255 ? (byte)value
                    : throw new DatasetFormatException(source, $"'data' holds {value} at image {i / RowSize}, which is not a uint8 value");
            }

            return new ByteImageRows(pixels, RowSize, array.Shape[0]);
        }

        if (dtype.IsObject && array.Shape.Length == 1)
        {
            var elements = array.Elements!;
            for (int i = 0; i < elements.Count; i++)
            {
                if (elements[i] is not NumpyArray { Dtype.IsUInt8: true } image || image.ElementCount != RowSize)
                {
                    throw new DatasetFormatException(source, DatasetProblem.WrongRecordSize,
                        $"'data' is an object array whose image {i} is {NumpyValues.Describe(elements[i])}; only 32x32x3 uint8 images (3072 values) can be converted");
                }
            }

            return new ObjectImageRows(elements);
        }

        throw new DatasetFormatException(source, DatasetProblem.WrongRecordSize, $"'data' is {NumpyValues.Describe(array)}; expected uint8 of shape (N, 3072)");
    }

    protected static void Interleave(ReadOnlySpan<byte> chw, Span<byte> destination, PixelOrder order)
    {
        var r = chw[..PlaneSize];
        var g = chw.Slice(PlaneSize, PlaneSize);
        var b = chw.Slice(2 * PlaneSize, PlaneSize);
        if (order == PixelOrder.Rgb)
        {
            PlanarInterleave.Interleave(r, g, b, destination);
        }
        else
        {
            PlanarInterleave.Interleave(b, g, r, destination);
        }
    }

    private sealed class ByteImageRows(ReadOnlyMemory<byte> data, int stride, int count) : ImageRows
    {
        public override int Count => count;

        public override void CopyHwc(int row, Span<byte> destination, PixelOrder order) =>
            Interleave(data.Span.Slice(row * stride, RowSize), destination, order);
    }

    private sealed class ObjectImageRows(IList elements) : ImageRows
    {
        public override int Count => elements.Count;

        public override void CopyHwc(int row, Span<byte> destination, PixelOrder order) =>
            Interleave(((NumpyArray)elements[row]!).Bytes.Span, destination, order);
    }

    /// <summary>Binary batches: <paramref name="count"/> rows of <paramref name="stride"/> bytes, each starting with its pixels.</summary>
    public static ImageRows FromBinary(ReadOnlyMemory<byte> data, int stride, int count) => new ByteImageRows(data, stride, count);
}
