// The checks the GPU augmentation needs a real device for, as one short program (build/device-check.sh runs it
// before the benchmarks):
// 1. the kernels give the CPU path's images within 1e-5 on the device, also through a dataset whose workers
//    leave the device work running (the reader waits for it before it hands a batch out);
// 2. the ceiling the benchmark's images/s are measured against: the host-to-device copy of a CIFAR batch from
//    page-locked memory alone, in GB/s and the images/s it allows.
// Exit code: 0 when parity holds on a CUDA device, 1 on a parity failure, 2 when no CUDA device was found.
using System.Diagnostics;
using System.Globalization;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using SchemaGen;
using SchemaGen.Gpu;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
var cifar = new ImageShape(32, 32, 3);
var pipeline = new ImageAugmentation(seed: 42).RandomCrop(padding: 4).RandomFlipLeftRight()
    .Normalize([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]).WithLayout(TensorLayout.Nchw);

using var gpu = GpuAugmentation.Create(pipeline);
Console.WriteLine($"accelerator: {gpu.AcceleratorName}");
bool cuda = gpu.Accelerator.AcceleratorType == ILGPU.Runtime.AcceleratorType.Cuda;

var random = new Random(1);
var everyOp = new ImageAugmentation(seed: 5).RandomCrop(27, 30, padding: 3).RandomFlipLeftRight().RandomFlipUpDown()
    .RandomBrightness(0.2f).RandomSaturation(0.5f, 1.5f).RandomContrast(0.7f, 1.3f).RandomHue(0.2f)
    .PerImageStandardization().Normalize([0.1f, 0.2f, 0.3f], [1.1f, 0.9f, 1.2f]);
float worst = 0;
foreach (var (augmentation, shape, count) in new[] { (pipeline, cifar, 256), (everyOp, new ImageShape(29, 31, 3), 64), (everyOp.WithLayout(TensorLayout.Nchw), new ImageShape(40, 40, 3), 33) })
{
    worst = Math.Max(worst, LargestDifference(gpu.Accelerator, augmentation, shape, count, random));
}

Console.WriteLine($"parity: largest |device - cpu| = {worst:E2} (tolerance 1e-5)");
float dataset = DatasetDifference(gpu.Accelerator, pipeline.RandomBrightness(0.1f), cifar);
Console.WriteLine($"parity through a dataset (2 workers, device work left running): largest |device - cpu| = {dataset:E2}");
worst = Math.Max(worst, dataset);
if (!(worst <= 1e-5f))
{
    return 1;
}

if (!cuda)
{
    Console.WriteLine("no CUDA device: throughput not measured (ILGPU's CPU accelerator says nothing about it)");
    try
    {
        // Why not: ILGPU skips CUDA quietly in a default context, but says why when CUDA alone is asked for.
        using var context = ILGPU.Context.Create(builder => builder.Cuda());
        Console.WriteLine($"CUDA devices ILGPU sees: {string.Join(", ", context.Devices.Select(device => device.Name))}");
    }
    catch (Exception exception)
    {
        Console.WriteLine($"CUDA in ILGPU: {exception}");
    }

    return 2;
}

foreach (int batch in new[] { 128, 1024, 4096 })
{
    double bytesPerSecond = CopyBytesPerSecond(gpu.Accelerator, batch * cifar.Length);
    Console.WriteLine($"copy ceiling: batch {batch,5}: {bytesPerSecond / 1e9:F1} GB/s host to device, {bytesPerSecond / cifar.Length:N0} images/s");
}

foreach (int batch in new[] { 128, 1024 })
{
    var (plain, nonTemporal) = StagingBytesPerSecond(gpu.Accelerator, batch * cifar.Length);
    Console.WriteLine($"staging copy, one thread: batch {batch,5}: Span.CopyTo {plain / 1e9:F1} GB/s, non-temporal {nonTemporal / 1e9:F1} GB/s");
}

return 0;

static float LargestDifference(ILGPU.Runtime.Accelerator accelerator, ImageAugmentation augmentation, ImageShape shape, int count, Random random)
{
    var images = new byte[count * shape.Length];
    random.NextBytes(images);
    var parameters = new AugmentationParameters[count];
    augmentation.DrawParameters(shape, 2, 1000, parameters);
    var expected = new float[count * augmentation.OutputShape(shape).Length];
    augmentation.Apply(images, shape, parameters, expected);

    using var device = new GpuAugmentation(accelerator, augmentation);
    using var output = device.CreateOutput(shape, count);
    device.Augment(images, shape, count, 2, 1000, output);
    var actual = new float[expected.Length];
    output.CopyTo(actual);
    return LargestGap(expected, actual);
}

// Two passes over a shuffled, repeated dataset, augmented on the CPU and on the device by two workers each.
static float DatasetDifference(ILGPU.Runtime.Accelerator accelerator, ImageAugmentation augmentation, ImageShape shape)
{
    string path = Path.Combine(Path.GetTempPath(), $"device-check-{Environment.ProcessId}.tfrecord");
    try
    {
        var random = new Random(4);
        using (var writer = new TfRecordWriter(path))
        {
            var image = new byte[shape.Length];
            for (int i = 0; i < 1000; i++)
            {
                random.NextBytes(image);
                writer.Write(new Cifar(image, i).ToByteArray());
            }
        }

        var batches = TfRecordDataset.FromFiles(path).Repeat(2).Shuffle(300, seed: 3).Batch<Cifar.Batch>(128).Prefetch(4).WithMaxDegreeOfParallelism(2);
        var onCpu = new List<float[]>();
        foreach (var (_, images) in batches.Augment(b => b.Image, shape, augmentation))
        {
            onCpu.Add(images.Span.ToArray());
        }

        using var gpu = new GpuAugmentation(accelerator, augmentation);
        float largest = 0;
        int index = 0;
        foreach (var (_, images) in batches.Augment(b => b.Image, shape, gpu))
        {
            var host = new float[images.Images.Length];
            images.CopyTo(host);
            largest = Math.Max(largest, host.Length == onCpu[index].Length ? LargestGap(onCpu[index], host) : float.PositiveInfinity);
            index++;
        }

        return index == onCpu.Count ? largest : float.PositiveInfinity;
    }
    finally
    {
        File.Delete(path);
    }
}

static float LargestGap(float[] expected, float[] actual)
{
    float largest = 0;
    for (int i = 0; i < expected.Length; i++)
    {
        largest = Math.Max(largest, Math.Abs(expected[i] - actual[i]));
    }

    return largest;
}

// The host's copy of a batch into page-locked memory, alternating two staging buffers as two batches in flight do.
static (double Plain, double NonTemporal) StagingBytesPerSecond(Accelerator accelerator, int bytes)
{
    var source = new byte[bytes];
    new Random(5).NextBytes(source);
    using var first = accelerator.AllocatePageLocked1D<byte>(bytes);
    using var second = accelerator.AllocatePageLocked1D<byte>(bytes);
    double Rate(bool nonTemporal)
    {
        int copies = Math.Max(50, (int)(2_000_000_000L / bytes));
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < copies; i++)
        {
            var target = (i & 1) == 0 ? first.Span : second.Span;
            if (nonTemporal)
            {
                StagingCopy.Copy(source, target);
            }
            else
            {
                source.AsSpan().CopyTo(target);
            }
        }

        return (double)copies * bytes / clock.Elapsed.TotalSeconds;
    }

    Rate(false);
    Rate(true);
    return (Rate(false), Rate(true));
}

// One stream copying the same page-locked batch over and over: what the upload alone allows.
static double CopyBytesPerSecond(ILGPU.Runtime.Accelerator accelerator, int bytes)
{
    using var staging = accelerator.AllocatePageLocked1D<byte>(bytes);
    using var target = accelerator.Allocate1D<byte>(bytes);
    using var stream = accelerator.CreateStream();
    new Random(3).NextBytes(staging.Span);
    for (int i = 0; i < 10; i++)
    {
        target.View.BaseView.CopyFrom(stream, staging.ArrayView);
    }

    stream.Synchronize();
    int copies = Math.Max(50, (int)(4_000_000_000L / bytes));
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < copies; i++)
    {
        target.View.BaseView.CopyFrom(stream, staging.ArrayView);
    }

    stream.Synchronize();
    return (double)copies * bytes / clock.Elapsed.TotalSeconds;
}

[TfExample]
internal sealed partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
