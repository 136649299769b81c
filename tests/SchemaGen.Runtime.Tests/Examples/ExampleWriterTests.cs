using System.Buffers;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>The writer's contract: key order, the two length modes, room, completion, and string values.</summary>
public class ExampleWriterTests
{
    [Fact]
    public void Key_that_does_not_ascend_is_rejected_naming_both_keys()
    {
        var buffer = new byte[64];
        var writer = new ExampleWriter(buffer);
        writer.WriteInt64("label", 1);
        var error = Record.Exception(() =>
        {
            var w = new ExampleWriter(buffer);
            w.WriteInt64("label", 1);
            w.WriteInt64("image"u8, 2);
        });
        var invalid = Assert.IsType<InvalidOperationException>(error);
        Assert.Contains("'image' came after 'label'", invalid.Message);
    }

    [Fact]
    public void Repeated_key_is_rejected()
    {
        var error = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64]);
            w.WriteInt64("a", 1);
            w.WriteFloat("a", 2);
        });
        Assert.Contains("'a' came after 'a'", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Keys_are_ordered_by_utf8_bytes_not_utf16()
    {
        // U+E000 is one UTF-16 unit above the surrogates of U+1F600, but its UTF-8 bytes (EE ..) come before F0 ...
        var w = new ExampleWriter(new byte[64]);
        w.WriteInt64("\uE000", 1);
        w.WriteInt64("😀", 2);
        Assert.True(w.Complete() > 0);

        var error = Record.Exception(() =>
        {
            var writer = new ExampleWriter(new byte[64]);
            writer.WriteInt64("😀", 2);
            writer.WriteInt64("\uE000", 1);
        });
        Assert.IsType<InvalidOperationException>(error);
    }

    [Fact]
    public void Empty_key_comes_first()
    {
        var error = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64]);
            w.WriteInt64("a", 1);
            w.WriteInt64("", 2);
        });
        Assert.Contains("'' came after 'a'", Assert.IsType<InvalidOperationException>(error).Message);
    }

    [Fact]
    public void Rejected_key_leaves_the_writer_usable()
    {
        var buffer = new byte[64];
        var writer = new ExampleWriter(buffer);
        writer.WriteInt64("b", 1);
        try
        {
            writer.WriteInt64("a", 2);
        }
        catch (InvalidOperationException)
        {
        }

        writer.WriteInt64("c", 3);
        var expected = new Example { Features = new Features() };
        expected.Features.Feature["b"] = new Feature { Int64List = new Int64List { Value = { 1 } } };
        expected.Features.Feature["c"] = new Feature { Int64List = new Int64List { Value = { 3 } } };
        Assert.Equal(expected.ToByteArray(), buffer[..writer.Complete()]);
    }

    [Fact]
    public void Destination_too_small_is_an_argument_error()
    {
        var error = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[16]);
            w.WriteBytes("image", new byte[100]);
        });
        Assert.Contains("destination is too small", Assert.IsType<ArgumentException>(error).Message);
        Assert.IsType<ArgumentException>(Record.Exception(() => new ExampleWriter(new byte[1]).Complete()));
        Assert.IsType<ArgumentException>(Record.Exception(() => new ExampleWriter(new byte[10], 20).Complete()));
    }

    [Fact]
    public void Exact_length_that_does_not_match_is_reported_on_complete_or_on_overflow()
    {
        int length = ExampleSize.FeatureEntry("a", ExampleSize.Int64Feature(1));
        var tooLong = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64], length + 1);
            w.WriteInt64("a", 1);
            w.Complete();
        });
        Assert.Equal(
            $"The features length given to the writer was {length + 1} bytes, but {length} bytes were written.",
            Assert.IsType<InvalidOperationException>(tooLong).Message);

        var tooShort = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64], length - 1);
            w.WriteInt64("a", 1);
        });
        Assert.Contains("remain of the features length given to the writer", Assert.IsType<InvalidOperationException>(tooShort).Message);
        Assert.IsType<ArgumentOutOfRangeException>(Record.Exception(() => new ExampleWriter(new byte[64], -1).Complete()));
    }

    [Fact]
    public void Nothing_can_be_written_after_complete()
    {
        var error = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64]);
            w.Complete();
            w.WriteInt64("a", 1);
        });
        Assert.Contains("complete", Assert.IsType<InvalidOperationException>(error).Message);
        var twice = Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64]);
            w.Complete();
            w.Complete();
        });
        Assert.IsType<InvalidOperationException>(twice);
    }

    [Fact]
    public void Unknown_length_mode_moves_the_content_behind_a_minimal_length_prefix()
    {
        // A 70 000-byte destination reserves a three-byte prefix; 200 bytes of features need two.
        var buffer = new byte[70_000];
        var writer = new ExampleWriter(buffer);
        writer.WriteBytes("v", new byte[200]);
        int length = writer.Complete();

        var expected = new Example { Features = new Features { Feature = { ["v"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(new byte[200]) } } } } } };
        Assert.Equal(expected.ToByteArray(), buffer[..length]);
    }

    [Fact]
    public void Buffer_writer_is_advanced_by_the_example()
    {
        var output = new ArrayBufferWriter<byte>();
        output.Write(new byte[] { 9, 9 });
        int featuresLength = ExampleSize.FeatureEntry("label"u8, ExampleSize.Int64Feature(5));
        var writer = new ExampleWriter(output, featuresLength);
        writer.WriteInt64("label"u8, 5);
        int length = writer.Complete();

        var expected = new Example { Features = new Features { Feature = { ["label"] = new Feature { Int64List = new Int64List { Value = { 5 } } } } } };
        Assert.Equal([9, 9, .. expected.ToByteArray()], output.WrittenSpan.ToArray());
        Assert.Equal(expected.CalculateSize(), length);
    }

    [Fact]
    public void Strings_are_written_as_utf8_bytes_values()
    {
        string[] texts = ["cat", "", "猫", "😀", null!];
        int featuresLength = ExampleSize.FeatureEntry("many", ExampleSize.StringListFeature(texts)) + ExampleSize.FeatureEntry("one"u8, ExampleSize.StringFeature("héllo"));
        var buffer = new byte[ExampleSize.Example(featuresLength)];
        var writer = new ExampleWriter(buffer, featuresLength);
        writer.WriteStringList("many", texts);
        writer.WriteString("one"u8, "héllo");
        Assert.Equal(buffer.Length, writer.Complete());

        var expected = new Example { Features = new Features() };
        expected.Features.Feature["many"] = new Feature { BytesList = new BytesList { Value = { texts.Select(t => ByteString.CopyFromUtf8(t ?? "")) } } };
        expected.Features.Feature["one"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFromUtf8("héllo") } } };
        Assert.Equal(expected.ToByteArray(), buffer);
    }

    [Fact]
    public void Null_bytes_value_is_written_as_empty()
    {
        var buffer = new byte[64];
        var writer = new ExampleWriter(buffer);
        writer.WriteBytesList("b", [null!, [1]]);
        Assert.Equal(
            new Example { Features = new Features { Feature = { ["b"] = new Feature { BytesList = new BytesList { Value = { ByteString.Empty, ByteString.CopyFrom(1) } } } } } }.ToByteArray(),
            buffer[..writer.Complete()]);
        Assert.IsType<ArgumentNullException>(Record.Exception(() =>
        {
            var w = new ExampleWriter(new byte[64]);
            w.WriteInt64((string)null!, 1);
        }));
    }
}
