// The checks the GPU augmentation needs a real device for, as one short program (build/device-check.sh):
// 1. the kernels give the CPU path's images within 1e-5 on the device;
// 2. crop + flip + normalize to float32 NCHW of CIFAR batches, host-to-device copy included, in images/s, for several
//    batch sizes and with one or two host threads (each with its own stream, as dataset workers run it).
// Exit code: 0 when parity holds on a CUDA device, 1 on a parity failure, 2 when no CUDA device was found.
using System.Diagnostics;
using System.Globalization;
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
if (!(worst <= 1e-5f))
{
    return 1;
}

if (!cuda)
{
    Console.WriteLine("no CUDA device: throughput not measured (ILGPU's CPU accelerator says nothing about it)");
    return 2;
}

foreach (int threads in new[] { 1, 2 })
{
    foreach (int batch in new[] { 128, 1024, 4096 })
    {
        Console.WriteLine($"throughput: batch {batch,5}, {threads} host thread(s): {ImagesPerSecond(gpu, cifar, batch, threads):N0} images/s (upload included)");
    }
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
    float largest = 0;
    for (int i = 0; i < expected.Length; i++)
    {
        largest = Math.Max(largest, Math.Abs(expected[i] - actual[i]));
    }

    return largest;
}

static double ImagesPerSecond(GpuAugmentation gpu, ImageShape shape, int batch, int threads)
{
    var images = new byte[batch * shape.Length];
    new Random(2).NextBytes(images);
    var outputs = Enumerable.Range(0, threads).Select(_ => gpu.CreateOutput(shape, batch)).ToArray();
    try
    {
        void Run(int thread, int batches)
        {
            for (int i = 0; i < batches; i++)
            {
                gpu.Augment(images, shape, batch, 0, (long)i * batch, outputs[thread]);
            }
        }

        Parallel.For(0, threads, thread => Run(thread, 5)); // warm-up: kernel compilation, page-locked staging
        int perThread = Math.Max(20, 2_000_000 / batch / threads);
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, thread => Run(thread, perThread));
        return (double)perThread * threads * batch / clock.Elapsed.TotalSeconds;
    }
    finally
    {
        foreach (var output in outputs)
        {
            output.Dispose();
        }
    }
}
