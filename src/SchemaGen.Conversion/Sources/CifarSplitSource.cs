using System.Globalization;
using SchemaGen.Conversion.Images;
using SchemaGen.Conversion.Output;

namespace SchemaGen.Conversion.Sources;

/// <summary>A CIFAR split: its batches in order, each image transposed CHW to HWC as it is written.</summary>
internal sealed class CifarSplitSource : SplitSource
{
    private readonly IReadOnlyList<CifarBatch> _batches;
    private readonly int[] _starts;
    private readonly PixelOrder _order;

    public CifarSplitSource(string name, IReadOnlyList<CifarBatch> batches, PixelOrder order)
        : base(name)
    {
        _batches = batches;
        _order = order;
        _starts = new int[batches.Count + 1];
        for (int i = 0; i < batches.Count; i++)
        {
            _starts[i + 1] = _starts[i] + batches[i].Count;
        }
    }

    public override int Count => _starts[^1];

    public override void Load(int index, RecordEncoder encoder)
    {
        int batchIndex = Array.BinarySearch(_starts, index);
        batchIndex = batchIndex >= 0 ? batchIndex : ~batchIndex - 1;
        while (_batches[batchIndex].Count == 0 || index - _starts[batchIndex] >= _batches[batchIndex].Count)
        {
            batchIndex++;
        }

        var batch = _batches[batchIndex];
        int row = index - _starts[batchIndex];
        batch.Images.CopyHwc(row, encoder.RawImage(ImageRows.RowSize), _order);
        encoder.EncodeRawIfNeeded(ImageRows.Side, ImageRows.Side);
        encoder.Label = batch.Labels[row];
        if (batch.CoarseLabels is { } coarse)
        {
            encoder.CoarseLabel = coarse[row];
        }

        if (encoder.IncludeFileName)
        {
            encoder.FileName = batch.FileNames?[row]
                ?? throw new DatasetFormatException(batch.Source, "the batch has no file names (binary batches carry none); leave out the filename feature");
        }

        if (encoder.IncludeId)
        {
            encoder.Id = string.Create(CultureInfo.InvariantCulture, $"{Name}_{index:D5}");
        }
    }
}
