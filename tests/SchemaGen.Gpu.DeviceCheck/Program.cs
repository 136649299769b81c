// The checks the GPU augmentation needs a real device for, as one short program (build/device-check.sh runs it
// before the benchmarks):
// 1. the kernels give the CPU path's images within 1e-5 on the device, also through a dataset whose workers
//    leave the device work running (the reader waits for it before it hands a batch out);
// 2. the ceiling the benchmark's images/s are measured against: the host-to-device copy of a CIFAR batch from
//    page-locked memory alone, in GB/s and the images/s it allows; the staging copy with and without non-temporal
//    stores while uploads run; and where one worker's batch time goes.
// Exit code: 0 when parity holds on a CUDA device, 1 on a parity failure, 2 when no CUDA device was found.
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using SchemaGen;
using SchemaGen.Augmentation;
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
        // ILGPU leaves out a CUDA driver it cannot load without a word: say what a context asked for CUDA sees.
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
    double plain = StagedUploadsPerSecond(gpu.Accelerator, batch * cifar.Length, nonTemporal: false);
    double nonTemporal = StagedUploadsPerSecond(gpu.Accelerator, batch * cifar.Length, nonTemporal: true);
    Console.WriteLine($"staging copy + upload, 2 workers, batch {batch,4}: Span.CopyTo {plain * batch:N0} images/s, non-temporal {nonTemporal * batch:N0} images/s");
}

foreach (int batch in new[] { 128, 1024 })
{
    var breakdown = Breakdown(gpu, cifar, batch);
    Console.WriteLine($"one worker's batch of {batch,4}, in µs: draw parameters {breakdown.Draw:F1}, copy to staging {breakdown.Copy:F1}, " +
        $"kernel alone {breakdown.Kernel:F1}, Augment + Complete {breakdown.Whole:F1}");
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

// Two workers, each copying batches into two staging buffers in turn and uploading each from there (the pipeline
// without the kernel), waiting for a buffer's last upload before copying into it again: uploads per second.
static double StagedUploadsPerSecond(Accelerator accelerator, int bytes, bool nonTemporal)
{
    var source = new byte[bytes];
    new Random(7).NextBytes(source);
    const int Uploads = 4000;
    var workers = new Thread[2];
    var clock = Stopwatch.StartNew();
    for (int w = 0; w < workers.Length; w++)
    {
        workers[w] = new Thread(() =>
        {
            accelerator.Bind();
            var staging = new[] { accelerator.AllocatePageLocked1D<byte>(bytes), accelerator.AllocatePageLocked1D<byte>(bytes) };
            var targets = new[] { accelerator.Allocate1D<byte>(bytes), accelerator.Allocate1D<byte>(bytes) };
            var streams = new[] { accelerator.CreateStream(), accelerator.CreateStream() };
            for (int i = 0; i < Uploads / workers.Length; i++)
            {
                int k = i & 1;
                streams[k].Synchronize();
                if (nonTemporal)
                {
                    StagingCopy.Copy(source, staging[k].Span);
                }
                else
                {
                    source.AsSpan().CopyTo(staging[k].Span);
                }

                targets[k].View.BaseView.CopyFrom(streams[k], staging[k].ArrayView);
            }

            foreach (var stream in streams)
            {
                stream.Synchronize();
                stream.Dispose();
            }

            foreach (var buffer in staging)
            {
                buffer.Dispose();
            }

            foreach (var buffer in targets)
            {
                buffer.Dispose();
            }
        });
        workers[w].Start();
    }

    foreach (var worker in workers)
    {
        worker.Join();
    }

    return Uploads / clock.Elapsed.TotalSeconds;
}

// Where one batch's time goes on one worker, each part timed alone over many batches: the host's random choices,
// its copy into page-locked memory, the kernels queued back to back on one stream, and the whole round trip.
static (double Draw, double Copy, double Kernel, double Whole) Breakdown(GpuAugmentation gpu, ImageShape shape, int batch)
{
    var images = new byte[batch * shape.Length];
    new Random(6).NextBytes(images);
    using var output = gpu.CreateOutput(shape, batch);
    using var staging = gpu.Accelerator.AllocatePageLocked1D<byte>(images.Length);
    var parameters = new AugmentationParameters[batch];
    var launch = typeof(GpuAugmentation).GetMethod("Launch", BindingFlags.NonPublic | BindingFlags.Instance)!
        .CreateDelegate<Action<DeviceImageBatch>>(gpu);
    gpu.Augment(images, shape, batch, 0, 0, output);
    gpu.Complete(output);
    const int Rounds = 2000;
    double Time(Action<int> step, Action? after = null)
    {
        for (int i = 0; i < 20; i++)
        {
            step(i);
        }

        after?.Invoke();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < Rounds; i++)
        {
            step(i);
        }

        after?.Invoke();
        return clock.Elapsed.TotalMicroseconds / Rounds;
    }

    return (
        Time(i => gpu.Augmentation.DrawParameters(shape, 0, (long)i * batch, parameters)),
        Time(_ => images.AsSpan().CopyTo(staging.Span)),
        Time(_ => launch(output), () => gpu.Complete(output)),
        Time(i =>
        {
            gpu.Augment(images, shape, batch, 0, (long)i * batch, output);
            gpu.Complete(output);
        }));
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
