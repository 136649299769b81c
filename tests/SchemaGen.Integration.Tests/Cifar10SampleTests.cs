using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;

namespace SchemaGen.Integration.Tests;

/// <summary>
/// The README's main command, <c>dotnet run --project samples/Cifar10</c>, as its parts: the build (which this
/// project's reference triggers) converted the embedded archive, and the program trains on the shards.
/// </summary>
public class Cifar10SampleTests
{
    private static readonly string Output = Repository.Path($"samples/Cifar10/bin/{Repository.Configuration}/net10.0");

    [Fact]
    public void The_build_converted_the_embedded_archive_into_shards()
    {
        string data = Path.Combine(Output, "data", "cifar10");
        for (int shard = 0; shard < 4; shard++)
        {
            Assert.True(File.Exists(Path.Combine(data, $"train.tfrecord-{shard:00000}-of-00004")), $"No train shard {shard} in {data}.");
            Assert.True(File.Exists(Path.Combine(data, $"test.tfrecord-{shard:00000}-of-00004")), $"No test shard {shard} in {data}.");
        }

        // The mini archive: 5 x 200 training images and 200 test images, each record an image and a label.
        Assert.Equal(1000, Directory.GetFiles(data, "train.tfrecord-*").Sum(file => TfRecordCount(file)));
        Assert.Equal(200, Directory.GetFiles(data, "test.tfrecord-*").Sum(file => TfRecordCount(file)));
    }

    [Fact]
    public void The_program_trains_on_typed_batches_and_beats_chance_on_the_test_split()
    {
        string preview = Path.Combine(Output, "cifar10-preview.png");
        File.Delete(preview);

        DotNetResult run = DotNet.Run(Output, environment: null, Path.Combine(Output, "Cifar10.dll"), "2").EnsureSuccess();

        Assert.Contains("epoch 1/2:", run.Output);
        Assert.Contains("epoch 2/2:", run.Output);
        var accuracy = Regex.Match(run.Output, @"test accuracy: (?<percent>[0-9.]+)% of 200 images");
        Assert.True(accuracy.Success, run.Output);
        Assert.True(double.Parse(accuracy.Groups["percent"].Value, CultureInfo.InvariantCulture) > 60, run.Output);

        byte[] png = File.ReadAllBytes(preview);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.True(BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)) >= 32 && BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)) >= 32);
    }

    // Frames walked by hand (length, then skip): the integration tests reference no SchemaGen assembly.
    private static int TfRecordCount(string file)
    {
        byte[] bytes = File.ReadAllBytes(file);
        int count = 0;
        for (long offset = 0; offset < bytes.Length; count++)
        {
            offset += (long)BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan((int)offset)) + 16;
        }

        return count;
    }
}
