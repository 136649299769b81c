using System.Globalization;
using System.Runtime.CompilerServices;
using SchemaGen.Augmentation;
using SchemaGen.Batches;
using SchemaGen.Datasets;
using SchemaGen.Schema;

namespace SchemaGen.Imaging;

/// <summary>
/// The dataset stage of <see cref="BatchDatasetImageDecoding.DecodeImages"/>: per row, the header, the sizing op's
/// window, a decode of no more than that window into the batch's pooled <see cref="DecodedImageBatch"/>; then the fused
/// CPU path (resize, flips, value ops, normalization) into the batch's <see cref="ImageTensor"/>.
/// </summary>
internal sealed class ImageDecodeStage<TBatch>(
    Func<TBatch, BytesListColumn> encodedImages,
    Func<TBatch, BoundingBoxColumns>? boxes,
    ImageAugmentation augmentation,
    ImageDecoderOptions options,
    string featureKey)
    : IBatchStage<TBatch, ImageTensor>
    where TBatch : ITfExampleBatch<TBatch>
{
    // Each pooled tensor's workspace; looked up without allocating, dropped with the tensor.
    private readonly ConditionalWeakTable<ImageTensor, DecodeWorkspace> _workspaces = new();
    private readonly ImageSizing _sizing = augmentation.Sizing
        ?? throw new ArgumentException("Decoded images vary in size: give the augmentation a sizing op (Resize, ResizeShorterSide + CenterCrop or RandomResizedCrop).", nameof(augmentation));

    public ImageTensor CreateOutput(int capacity)
    {
        var tensor = augmentation.CreateTensor(options.Channels, capacity);
        _workspaces.Add(tensor, new DecodeWorkspace(capacity, options));
        return tensor;
    }

    public void Run(TBatch batch, ImageTensor output, BatchStageContext context)
    {
        _workspaces.TryGetValue(output, out var workspace);
        var images = workspace!.Images;
        images.Clear();
        var column = encodedImages(batch);
        BoundingBoxColumns? boxColumns = boxes?.Invoke(batch);
        for (int row = 0; row < batch.Count; row++)
        {
            if (!column.IsPresent(row) || column.GetValueCount(row) != 1)
            {
                context.RejectRow(row, featureKey, string.Create(CultureInfo.InvariantCulture,
                    $"expected one encoded image, found {(column.IsPresent(row) ? column.GetValueCount(row) : 0)} values"));
                continue;
            }

            var encoded = column.GetValue(row, 0);
            try
            {
                var header = ImageDecoder.ReadHeader(encoded);
                var rowBoxes = boxColumns is { } columns ? workspace.Boxes(columns, row) : default;
                long index = context.FirstRow + row;
                var window = augmentation.ChooseWindow(header.Height, header.Width, rowBoxes, context.Epoch, index);
                var image = workspace.Decoder.DecodeInto(encoded, window, _sizing.Height, _sizing.Width, images);
                if (!_sizing.ClampsToRegion)
                {
                    // A central crop's window carries a margin: its region is the fractional one inside it.
                    var region = augmentation.ChooseRegion(header.Height, header.Width, rowBoxes, context.Epoch, index);
                    images.SetRegion(images.Count - 1, ImageSizing.MapRegion(region, window, image.Region));
                }
            }
            catch (Exception exception) when (exception is ImageDecodeException or InvalidDataException)
            {
                context.RejectRow(row, featureKey, exception.Message, exception);
            }
        }

        // A rejected row leaves the batch and the stage runs again on what is left: resizing now would be wasted.
        if (context.RejectedRows == 0)
        {
            augmentation.Apply(images, context.Epoch, context.FirstRow, output);
        }
    }
}
