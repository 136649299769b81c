using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Generator.Tests.Infrastructure;
using SchemaGen.Generator.Tests.Types;
using SchemaGen.Schema;
using static SchemaGen.Generator.Tests.Infrastructure.Oracle;

namespace SchemaGen.Generator.Tests;

/// <summary>TensorFlow's semantics and wording (example_proto_fast_parsing.cc) for records that do not fit the schema.</summary>
public class ParseErrorTests
{
    private static readonly byte[] Image = new byte[3072];

    [Fact]
    public void Missing_required_feature_uses_TensorFlow_wording()
    {
        byte[] record = Example(("image", Bytes(Image))).ToByteArray();
        Assert.False(Cifar.TryParse(record, out _, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.MissingFeature, error.Kind);
        Assert.Equal("Name: <unknown>, Feature: label (data type: int64) is required but could not be found.", error.Message);
        var exception = Assert.Throws<ExampleParseException>(() => Cifar.Parse(record));
        Assert.Equal(error.Message, exception.Message);
        Assert.Equal("label", exception.FeatureKey);
    }

    [Fact]
    public void A_feature_with_no_kind_counts_as_missing()
    {
        byte[] record = Example(("image", Bytes(Image)), ("label", new SchemaGen.Protos.Feature())).ToByteArray();
        Assert.False(Cifar.TryParse(record, out _, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.MissingFeature, error.Kind);
    }

    [Fact]
    public void Wrong_data_type_uses_TensorFlow_wording()
    {
        byte[] record = Example(("image", Bytes(Image)), ("label", Floats(1f))).ToByteArray();
        Assert.False(Cifar.TryParse(record, out _, out ExampleParseError error));
        Assert.Equal("Name: <unknown>, Key: label, Index: 0.  Data types don't match. Data type: float but expected type: int64", error.Message);
    }

    [Fact]
    public void Wrong_value_count_uses_TensorFlow_wording()
    {
        var lists = new Lists { Matrix = new float[4], Triple = new long[3], Pair = ["a", "b"] };
        var example = SchemaGen.Protos.Example.Parser.ParseFrom(lists.ToByteArray());
        example.Features.Feature["matrix"] = Floats(1, 2, 3);
        Assert.False(Lists.TryParse(example.ToByteArray(), out _, out ExampleParseError error));
        Assert.Equal("Name: <unknown>, Key: matrix, Index: 0.  Number of float values != expected.  Values size: 3 but output shape: [2,2]", error.Message);
    }

    [Fact]
    public void Raw_image_of_another_size_fails_as_TensorFlow_reshape_does()
    {
        byte[] record = Example(("image", Bytes(new byte[100])), ("label", Int64s(1))).ToByteArray();
        Assert.False(Cifar.TryParse(record, out _, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.WrongByteCount, error.Kind);
        Assert.Equal("Name: <unknown>, Key: image, Index: 0.  Input to reshape is a tensor with 100 values, but the requested shape has 3072", error.Message);
    }

    [Fact]
    public void Out_of_range_integer_is_an_error_not_a_silent_truncation()
    {
        var scalars = new Scalars();
        var example = SchemaGen.Protos.Example.Parser.ParseFrom(scalars.ToByteArray());
        example.Features.Feature["octet"] = Int64s(256);
        Assert.False(Scalars.TryParse(example.ToByteArray(), out _, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.ValueOutOfRange, error.Kind);
        Assert.Equal("octet", error.Key);
    }

    [Fact]
    public void Last_duplicate_key_wins_and_unknown_keys_are_ignored()
    {
        byte[] first = Example(("image", Bytes(Image)), ("label", Int64s(1)), ("zzz", Strings("unknown"))).ToByteArray();
        byte[] second = Example(("label", Int64s(2))).ToByteArray();
        byte[] concatenated = [.. first, .. second]; // protobuf merges concatenated messages: the later label wins
        Assert.Equal(2, Cifar.Parse(concatenated).Label);
    }

    [Fact]
    public void Malformed_bytes_are_reported_by_TryParse_and_thrown_by_Parse()
    {
        byte[] truncated = Example(("image", Bytes(Image)), ("label", Int64s(1))).ToByteArray()[..^3];
        Assert.False(Cifar.TryParse(truncated, out _, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.Malformed, error.Kind);
        Assert.ThrowsAny<ExampleFormatException>(() => Cifar.Parse(truncated));
    }

    [Fact]
    public void A_failed_batch_row_leaves_the_batch_unchanged()
    {
        Lists.Batch batch = Lists.Batch.Create(2);
        var good = new Lists { Matrix = new float[4], Triple = new long[3], Pair = ["a", "b"], Counts = [1, 2, 3] };
        var bad = SchemaGen.Protos.Example.Parser.ParseFrom(good.ToByteArray());
        bad.Features.Feature["triple"] = Floats(1);
        Assert.False(batch.TryParseInto(bad.ToByteArray(), 0, out ExampleParseError error));
        Assert.Equal(0, error.Index);
        Assert.Equal(0, batch.Count);
        Assert.Equal(0, batch.Counts.Count);
        batch.ParseInto(good.ToByteArray(), 0);
        Assert.Equal([1, 2, 3], batch.Counts[0].ToArray());
    }

    [Fact]
    public void A_failed_overwrite_leaves_the_row_as_it_was()
    {
        // The image sorts before the label, so a parser that wrote in place would have replaced the image already.
        Cifar.Batch batch = Cifar.Batch.Create(2);
        var first = new Cifar(Filled(1), 10);
        var second = new Cifar(Filled(2), 20);
        batch.ParseInto(first.ToByteArray(), 0);
        batch.ParseInto(second.ToByteArray(), 1);

        byte[] wrongLabel = Example(("image", Bytes(Filled(3))), ("label", Floats(1))).ToByteArray();
        Assert.False(batch.TryParseInto(wrongLabel, 0, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.WrongDataType, error.Kind);
        Assert.Equal(0, error.Index);

        byte[] truncated = new Cifar(Filled(4), 40).ToByteArray()[..^1];
        Assert.Throws<ExampleParseException>(() => batch.ParseInto(truncated, 0));

        Assert.Equal(2, batch.Count);
        Assert.Equal(first.Image, batch.Image[..3072].ToArray());
        Assert.Equal(10, batch.Label[0]);
        Assert.Equal(second.Image, batch.Image.Slice(3072, 3072).ToArray());
        Assert.Equal(20, batch.Label[1]);
    }

    [Fact]
    public void An_overwrite_replaces_the_row_without_allocating()
    {
        Cifar.Batch batch = Cifar.Batch.Create(2);
        batch.ParseInto(new Cifar(Filled(1), 10).ToByteArray(), 0);
        batch.ParseInto(new Cifar(Filled(2), 20).ToByteArray(), 1);
        byte[] replacement = new Cifar(Filled(5), 50).ToByteArray();

        Assert.Equal(0, Allocations.Of(() => batch.ParseInto(replacement, 0)));
        Assert.Equal(2, batch.Count);
        Assert.Equal(2 * 3072, batch.Image.Length);
        Assert.Equal(Filled(5), batch.Image[..3072].ToArray());
        Assert.Equal(50, batch.Label[0]);
        Assert.Equal(Filled(2), batch.Image.Slice(3072, 3072).ToArray());
        Assert.Equal(20, batch.Label[1]);
    }

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, 3072).ToArray();
}
