// CIFAR-10 end to end: the build converted the archive named in Cifar10.csproj to TFRecord shards beside this
// program (bin/.../data/cifar10/); here they are read as shuffled typed batches, described, and learned from.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Cifar10;
using SchemaGen;
using SchemaGen.Augmentation;
using SchemaGen.TensorBoard;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int epochs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
// The training log: a TensorBoard run folder (`tensorboard --logdir runs`, or `schemagen plot runs/* --out curves.png`).
string runDir = args.Length > 1 ? args[1] : Path.Combine("runs", $"cifar10-{DateTime.Now:yyyyMMdd-HHmmss}");
const int BatchSize = 64;
const float LearningRate = 0.01f;

string data = Path.Combine(AppContext.BaseDirectory, "data", "cifar10");
using var info = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(data, "dataset_info.json")));
string[] classNames = [.. info.RootElement.GetProperty("class_names").GetProperty("label").EnumerateArray().Select(e => e.GetString()!)];
string trainFiles = Path.Combine(data, "train.tfrecord-*");
string testFiles = Path.Combine(data, "test.tfrecord-*");
Console.WriteLine($"{data}: {string.Join(", ", info.RootElement.GetProperty("splits").EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("num_records").GetInt32()} records"))}");

// The pixel statistics standardize the classifier's inputs.
var trainStatistics = new ChannelStatistics(classNames.Length);
foreach (Cifar.Batch batch in TfRecordDataset.FromFiles(trainFiles).Batch<Cifar.Batch>(256))
{
    trainStatistics.Add(batch);
}

Console.WriteLine($"train split: {trainStatistics.Images} images, {trainStatistics.Describe(classNames)}");

// The classic CIFAR augmentation, on the dataset's workers: pad 4 and crop 32, mirror, then standardize per channel
// with the training split's statistics (on the [0, 1] scale). Test images are only standardized.
var shape = new ImageShape(32, 32, 3);
float[] mean = [.. Enumerable.Range(0, 3).Select(c => trainStatistics.Mean(c) / 255f)];
float[] std = [.. Enumerable.Range(0, 3).Select(c => Math.Max(trainStatistics.StandardDeviation(c), 1f) / 255f)];
var standardize = new ImageAugmentation().Normalize(mean, std);
var augment = new ImageAugmentation(seed: 7).RandomCrop(padding: 4).RandomFlipLeftRight().Normalize(mean, std);

var model = new SoftmaxRegression(classNames.Length);
using var log = new SummaryWriter(runDir);
Console.WriteLine($"training log: {Path.GetFullPath(log.FilePath)}");
long step = 0;
for (int epoch = 1; epoch <= epochs; epoch++)
{
    var batches = TfRecordDataset.FromFiles(trainFiles)
        .ShuffleFiles(seed: epoch)
        .Shuffle(bufferSize: 4096, seed: epoch)
        .Batch<Cifar.Batch>(BatchSize)
        .Prefetch(4)
        .Augment(b => b.Image, shape, augment.WithSeed(epoch));

    var clock = Stopwatch.StartNew();
    var seen = new ChannelStatistics(classNames.Length);
    double loss = 0;
    int correct = 0, batchCount = 0;
    foreach (var (batch, images) in batches)
    {
        if (epoch == 1 && batchCount == 0)
        {
            string preview = Path.Combine(AppContext.BaseDirectory, "cifar10-preview.png");
            BatchPreview.Save(batch, preview);
            Console.WriteLine($"preview of the first batch: {preview} (labels {string.Join(' ', batch.Label[..Math.Min(batch.Count, 32)].ToArray().Select(l => classNames[l]))})");
            // What the model sees: the first augmented batch, its standardization undone, as one grid image.
            log.AddImageGrid("train/augmented_batch", AugmentedPreview.ToPixels(images, mean, std), images.Shape, images.Count, step);
        }

        seen.Add(batch);
        (double batchLoss, int batchCorrect) = model.Train(images.Span, batch.Label[..batch.Count], LearningRate);
        loss += batchLoss;
        correct += batchCorrect;
        batchCount++;
        log.AddScalar("train/batch_loss", batchLoss / batch.Count, step);
        log.AddScalar("train/batch_accuracy", (double)batchCorrect / batch.Count, step);
        step++;
    }

    log.AddScalar("train/epoch_loss", loss / seen.Images, epoch);
    log.AddScalar("train/epoch_accuracy", (double)correct / seen.Images, epoch);
    log.AddHistogram("model/weights", model.Weights, epoch);

    Console.WriteLine($"epoch {epoch}/{epochs}: {seen.Images} images in {batchCount} batches, {clock.Elapsed.TotalSeconds:F2} s, "
        + $"loss {loss / seen.Images:F3}, train accuracy {100.0 * correct / seen.Images:F1}%");
    Console.WriteLine($"    {seen.Describe(classNames)}");
}

int testCorrect = 0, testImages = 0;
foreach (var (batch, images) in TfRecordDataset.FromFiles(testFiles).Batch<Cifar.Batch>(256).Augment(b => b.Image, shape, standardize))
{
    for (int row = 0; row < batch.Count; row++)
    {
        int predicted = model.Predict(images.Span.Slice(row * shape.Length, shape.Length));
        testCorrect += predicted == batch.Label[row] ? 1 : 0;
        testImages++;
    }
}

Console.WriteLine($"test accuracy: {100.0 * testCorrect / testImages:F1}% of {testImages} images (chance: {100.0 / classNames.Length:F0}%)");
log.AddHyperparameters(
    new Dictionary<string, object> { ["learning_rate"] = LearningRate, ["batch_size"] = BatchSize, ["epochs"] = epochs },
    new Dictionary<string, double> { ["test/accuracy"] = (double)testCorrect / testImages },
    step: epochs);
