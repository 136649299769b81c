using System.Diagnostics;
using System.Text.Json;
using ImageNetStyle;
using SchemaGen;
using SchemaGen.Augmentation;
using SchemaGen.Imaging;

// JPEG records in the ImageNet style, converted from data/images by the build step (see ImageNetStyle.csproj), read
// as a training pipeline reads ImageNet: decode on the dataset's workers, a random resized crop to 224 x 224, a random
// flip, normalization with ImageNet's statistics, NCHW floats.
int epochs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20;
string data = Path.Combine(AppContext.BaseDirectory, "data", "imagenet-style");
string[] files = [.. Directory.GetFiles(data, "train.tfrecord-*").Where(f => !f.EndsWith(".idx", StringComparison.Ordinal)).Order()];
string[] classNames = ClassNames(Path.Combine(data, "dataset_info.json"));

var augmentation = new ImageAugmentation(seed: 7)
    .RandomResizedCrop(224)
    .RandomFlipLeftRight()
    .Normalize([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f])
    .WithLayout(TensorLayout.Nchw);

// No Prefetch or WithMaxDegreeOfParallelism: the dataset decodes on the machine's cores with a tuned prefetch depth.
var dataset = TfRecordDataset.FromFiles(files)
    .ShuffleFiles(seed: 1)
    .Shuffle(bufferSize: 64, seed: 2)
    .Repeat(epochs)
    .Batch<Photo.Batch>(16)
    .DecodeImages(b => b.Image, augmentation);

long images = 0;
var perClass = new long[classNames.Length];
var watch = Stopwatch.StartNew();
bool previewed = false;
foreach (var (batch, tensor) in dataset)
{
    for (int row = 0; row < batch.Count; row++)
    {
        perClass[batch.Label[row]]++;
    }

    if (!previewed)
    {
        // The first batch's crops, as the model sees them before normalization.
        string preview = Path.Combine(AppContext.BaseDirectory, "imagenet-style-crops.png");
        CropPreview.Write(tensor, preview);
        Console.WriteLine($"wrote {preview}");
        previewed = true;
    }

    images += batch.Count;
}

watch.Stop();
Console.WriteLine($"{epochs} epochs, {images} images decoded, cropped to 224 x 224, flipped and normalized on {Environment.ProcessorCount} cores:");
Console.WriteLine($"  {images / watch.Elapsed.TotalSeconds:N0} images/s ({watch.Elapsed.TotalSeconds:N2} s)");
Console.WriteLine($"  per class: {string.Join(", ", classNames.Select((name, i) => $"{name} {perClass[i]}"))}");

static string[] ClassNames(string datasetInfo)
{
    using var json = JsonDocument.Parse(File.ReadAllBytes(datasetInfo));
    return [.. json.RootElement.GetProperty("class_names").GetProperty("label").EnumerateArray().Select(name => name.GetString() ?? "")];
}
