using System.Buffers;
using SchemaGen.Examples;
using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The codec's hot paths allocate nothing, measured on this thread after a warm-up.</summary>
public class ZeroAllocationTests
{
    private const int Iterations = 500;

    private static readonly byte[] Image = Enumerable.Range(0, 3072).Select(i => (byte)i).ToArray();
    private static readonly byte[][] Values = [[1, 2, 3], [], [4]];
    private static readonly string[] Texts = ["cat", "chat", "猫"];
    private static readonly long[] Int64s = [1, -1, long.MaxValue, 300];
    private static readonly float[] Floats = [0.5f, float.NaN, -0f];

    [Fact]
    public void Writing_an_Example_allocates_nothing()
    {
        var buffer = new byte[8192];
        int featuresLength = FeaturesLength();
        AssertNoAllocation(() =>
        {
            var writer = new ExampleWriter(buffer);
            WriteAll(ref writer);
            writer.Complete();

            var exact = new ExampleWriter(buffer, featuresLength);
            WriteAll(ref exact);
            exact.Complete();
        });
    }

    [Fact]
    public void Writing_an_Example_into_a_buffer_writer_allocates_nothing()
    {
        var output = new ArrayBufferWriter<byte>(8192);
        int featuresLength = FeaturesLength();
        AssertNoAllocation(() =>
        {
            output.ResetWrittenCount();
            var writer = new ExampleWriter(output, featuresLength);
            WriteAll(ref writer);
            writer.Complete();
        });
    }

    [Fact]
    public void Writing_a_SequenceExample_allocates_nothing()
    {
        var buffer = new byte[8192];
        int listLength = ExampleSize.FeatureListStep(ExampleSize.Int64ListFeature(Int64s)) + ExampleSize.FeatureListStep(0);
        int contextLength = ExampleSize.FeatureEntry("length"u8, ExampleSize.Int64Feature(2));
        int listsLength = ExampleSize.FeatureListEntry("tokens"u8, listLength);
        AssertNoAllocation(() =>
        {
            var writer = new SequenceExampleWriter(buffer);
            writer.WriteInt64("length", 2);
            writer.BeginFeatureList("tokens");
            writer.WriteInt64ListStep(Int64s);
            writer.WriteEmptyStep();
            writer.BeginFeatureList("words"u8);
            writer.WriteStringListStep(Texts);
            writer.WriteFloatStep(1f);
            writer.Complete();

            var exact = new SequenceExampleWriter(buffer, contextLength, listsLength);
            exact.WriteInt64("length"u8, 2);
            exact.BeginFeatureList("tokens"u8, listLength);
            exact.WriteInt64ListStep(Int64s);
            exact.WriteEmptyStep();
            exact.Complete();
        });
    }

    [Fact]
    public void Reading_an_Example_allocates_nothing()
    {
        byte[] record = Written();
        byte[] unsorted = ExampleBytes(Entry("b", Int64Feature(1)), Entry("a", FloatFeature(2)), Entry("b", BytesFeature("x")));
        var image = new byte[Image.Length];
        var int64s = new long[16];
        var floats = new float[16];
        AssertNoAllocation(() =>
        {
            var reader = new ExampleReader(record);
            Assert.True(reader.TryGetFeature("image"u8, out FeatureReader feature));
            foreach (ReadOnlySpan<byte> value in feature.EnumerateBytes())
            {
                value.CopyTo(image);
            }

            Assert.True(reader.TryGetFeature("label", out FeatureReader label));
            label.CopyTo(int64s);
            foreach (long value in label.EnumerateInt64s())
            {
                int64s[0] = value;
            }

            Assert.True(reader.TryGetFeature("floats"u8, out FeatureReader f));
            f.CopyTo(floats);
            foreach (float value in f.EnumerateFloats())
            {
                floats[0] = value;
            }

            int count = 0;
            foreach (FeatureReader any in reader)
            {
                count += any.Count + any.Key.Length;
            }

            foreach (FeatureReader any in new ExampleReader(unsorted))
            {
                count += any.Count;
            }

            var entries = reader.EnumerateEntries();
            while (entries.MoveNext())
            {
                if (entries.CurrentKey.SequenceEqual("image"u8) && reader.Features.TryGetFeature(entries.Current, out FeatureReader image))
                {
                    count += image.Count;
                }
            }

            Assert.True(count > 0);
        });
    }

    [Fact]
    public void Reading_a_SequenceExample_allocates_nothing()
    {
        byte[] record = ExampleCodec.Write(new SchemaGen.Protos.SequenceExample
        {
            Context = new SchemaGen.Protos.Features { Feature = { ["n"] = new SchemaGen.Protos.Feature { Int64List = new SchemaGen.Protos.Int64List { Value = { 3 } } } } },
            FeatureLists = new SchemaGen.Protos.FeatureLists
            {
                FeatureList =
                {
                    ["s"] = new SchemaGen.Protos.FeatureList
                    {
                        Feature = { new SchemaGen.Protos.Feature { Int64List = new SchemaGen.Protos.Int64List { Value = { 1, 2 } } }, new SchemaGen.Protos.Feature() },
                    },
                },
            },
        });
        AssertNoAllocation(() =>
        {
            var reader = new SequenceExampleReader(record);
            long sum = 0;
            Assert.True(reader.Context.TryGetFeature("n"u8, out FeatureReader n));
            foreach (long value in n.EnumerateInt64s())
            {
                sum += value;
            }

            Assert.True(reader.FeatureLists.TryGetFeatureList("s", out FeatureListReader steps));
            foreach (FeatureReader step in steps)
            {
                foreach (long value in step.EnumerateInt64s())
                {
                    sum += value;
                }
            }

            foreach (FeatureListReader list in reader.FeatureLists)
            {
                sum += list.Count;
            }

            return sum;
        }, expected: 3 + 1 + 2 + 2);
    }

    /// <summary>Runs an action that returns a checksum, checked outside the measured loop (xunit's asserts may allocate).</summary>
    private static void AssertNoAllocation(Func<long> action, long expected)
    {
        long checksum = 0;
        AssertNoAllocation(() => checksum = action());
        Assert.Equal(expected, checksum);
    }

    private static void AssertNoAllocation(Action action)
    {
        for (int i = 0; i < 50; i++)
        {
            action();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            action();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static byte[] Written()
    {
        var buffer = new byte[8192];
        var writer = new ExampleWriter(buffer);
        WriteAll(ref writer);
        return buffer[..writer.Complete()];
    }

    // Keys ascend: one call of each writing method, half with UTF-8 keys and half with string keys.
    private static void WriteAll(ref ExampleWriter writer)
    {
        writer.WriteBytesList("bytes", Values);
        writer.WriteEmptyFeature("empty"u8);
        writer.WriteFloat("float", 1.5f);
        writer.WriteFloatList("floats"u8, Floats);
        writer.WriteBytes("image"u8, Image);
        writer.WriteInt64List("int64s", Int64s);
        writer.WriteInt64("label"u8, 7);
        writer.WriteString("text", "héllo");
        writer.WriteStringList("texts"u8, Texts);
    }

    private static int FeaturesLength() =>
        ExampleSize.FeatureEntry("bytes", ExampleSize.BytesListFeature(Values))
        + ExampleSize.FeatureEntry("empty"u8, 0)
        + ExampleSize.FeatureEntry("float", ExampleSize.FloatListFeature(1))
        + ExampleSize.FeatureEntry("floats"u8, ExampleSize.FloatListFeature(Floats.Length))
        + ExampleSize.FeatureEntry("image"u8, ExampleSize.BytesFeature(Image.Length))
        + ExampleSize.FeatureEntry("int64s", ExampleSize.Int64ListFeature(Int64s))
        + ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(7))
        + ExampleSize.FeatureEntry("text", ExampleSize.StringFeature("héllo"))
        + ExampleSize.FeatureEntry("texts"u8, ExampleSize.StringListFeature(Texts));
}
