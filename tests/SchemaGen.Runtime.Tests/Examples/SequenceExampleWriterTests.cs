using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The sequence writer's contract beyond the round trips: stages, key order and exact lengths.</summary>
public class SequenceExampleWriterTests
{
    [Fact]
    public void Context_after_a_feature_list_is_rejected()
    {
        var error = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.BeginFeatureList("s");
            w.WriteInt64("late", 1);
        });
        Assert.Contains("before the first feature list", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Step_without_an_open_list_is_rejected()
    {
        var error = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.WriteInt64Step(1);
        });
        Assert.Contains("call BeginFeatureList", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Feature_list_keys_must_ascend_separately_from_context_keys()
    {
        var buffer = new byte[128];
        var writer = new SequenceExampleWriter(buffer);
        writer.WriteInt64("z", 1);
        writer.BeginFeatureList("a");
        writer.BeginFeatureList("b");
        int length = writer.Complete();
        var expected = new SequenceExample
        {
            Context = new Features { Feature = { ["z"] = new Feature { Int64List = new Int64List { Value = { 1 } } } } },
            FeatureLists = new FeatureLists { FeatureList = { ["a"] = new FeatureList(), ["b"] = new FeatureList() } },
        };
        Assert.Equal(expected.ToByteArray(), buffer[..length]);

        var error = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.BeginFeatureList("b");
            w.BeginFeatureList("a");
        });
        Assert.Contains("'a' came after 'b'", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Exact_mode_needs_each_feature_list_length()
    {
        var error = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64], 0, ExampleSize.FeatureListEntry("s", 0));
            w.BeginFeatureList("s");
        });
        Assert.Contains("each feature list needs its length", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Declared_feature_list_length_is_checked()
    {
        int step = ExampleSize.FeatureListStep(ExampleSize.Int64Feature(1));
        var tooShort = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.BeginFeatureList("s", step - 1);
            w.WriteInt64Step(1);
        });
        Assert.Contains("feature list length given to the writer", Assert.IsType<InvalidOperationException>(tooShort).Message);

        var tooLong = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.BeginFeatureList("s", step + 1);
            w.WriteInt64Step(1);
            w.Complete();
        });
        Assert.Equal(
            $"The feature list length given to the writer was {step + 1} bytes, but {step} bytes were written.",
            Assert.IsType<InvalidOperationException>(tooLong).Message);
    }

    [Fact]
    public void Declared_list_lengths_mix_with_found_ones()
    {
        var sequence = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        sequence.FeatureLists.FeatureList["a"] = new FeatureList { Feature = { new Feature { BytesList = new BytesList { Value = { ByteString.CopyFromUtf8("x") } } } } };
        sequence.FeatureLists.FeatureList["b"] = new FeatureList { Feature = { new Feature { FloatList = new FloatList { Value = { 1f, 2f } } }, new Feature() } };

        var buffer = new byte[4096];
        var writer = new SequenceExampleWriter(buffer);
        writer.BeginFeatureList("a"u8, ExampleSize.FeatureListStep(ExampleSize.BytesFeature(1)));
        writer.WriteBytesStep("x"u8);
        writer.BeginFeatureList("b"u8);
        writer.WriteFloatListStep([1f, 2f]);
        writer.WriteEmptyStep();
        Assert.Equal(sequence.ToByteArray(), buffer[..writer.Complete()]);
    }

    [Fact]
    public void Nothing_can_be_written_after_complete()
    {
        var error = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.Complete();
            w.BeginFeatureList("s");
        });
        Assert.Contains("complete", Assert.IsType<InvalidOperationException>(error).Message);
        var twice = Record.Exception(() =>
        {
            var w = new SequenceExampleWriter(new byte[64]);
            w.Complete();
            w.Complete();
        });
        Assert.IsType<InvalidOperationException>(twice);
    }
}
