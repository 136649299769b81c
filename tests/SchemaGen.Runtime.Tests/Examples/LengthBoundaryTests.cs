using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>
/// The readers take a fast path for records laid out as writers lay them out, with lengths of one to three bytes (up
/// to 2 MiB), and the general walk otherwise. These records sit on both sides of each length boundary; each is read
/// by lookup, by enumeration and by the one-pass entry walk, and checked against Google.Protobuf.
/// </summary>
public class LengthBoundaryTests
{
    private const int ThreeByteLimit = 1 << 21;

    public static TheoryData<int> KeyLengths => [0, 1, 127, 128, 16383, 16384];

    // 127/128 and 16383/16384 move a length from one byte to two and from two to three; values near 2 MiB push the
    // features and the entry past three-byte lengths; 2048/2049 are where value copies switch to vector loads.
    public static TheoryData<int> ValueLengths => [0, 1, 127, 128, 2048, 2049, 3072, 16383, 16384, ThreeByteLimit - 64, ThreeByteLimit + 1];

    [Theory]
    [MemberData(nameof(KeyLengths))]
    public void Keys_of_every_length_class_are_found(int keyLength)
    {
        Example example = Record(new string('k', keyLength), BytesValue(3072));

        Assert.Equal(example, ExampleCodec.Read(example.ToByteArray()));
    }

    [Theory]
    [MemberData(nameof(ValueLengths))]
    public void Bytes_values_of_every_length_class_read_as_written(int valueLength)
    {
        Example example = Record("image", BytesValue(valueLength));

        Assert.Equal(example, ExampleCodec.Read(example.ToByteArray()));
        Assert.Equal(example, ExampleCodec.Read(ExampleCodec.Write(example)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)] // 16 KiB of packed floats: a three-byte length
    public void Float_lists_of_every_length_class_read_as_written(int count)
    {
        var floats = new FloatList();
        floats.Value.Add(Enumerable.Range(0, count).Select(i => i * 0.25f));
        Example example = Record("floats", new Feature { FloatList = floats });

        Assert.Equal(example, ExampleCodec.Read(example.ToByteArray()));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(127L)] // the largest one-byte varint, counted without decoding
    [InlineData(128L)]
    [InlineData(-1L)] // ten bytes
    public void Single_int64_values_read_as_written(long value)
    {
        Example example = Record("id", new Feature { Int64List = new Int64List { Value = { value } } });

        Assert.Equal(example, ExampleCodec.Read(example.ToByteArray()));
        Assert.True(new ExampleReader(example.ToByteArray()).TryGetFeature("id"u8, out FeatureReader id));
        Assert.Equal([value], id.ToInt64Array());
    }

    /// <summary>A record with the feature under test between two small ones, so entries precede and follow it.</summary>
    private static Example Record(string key, Feature feature)
    {
        var example = new Example { Features = new Features() };
        example.Features.Feature.Add("a_label", new Feature { Int64List = new Int64List { Value = { 7 } } });
        example.Features.Feature.Add(key, feature);
        example.Features.Feature.Add("z_name", new Feature { BytesList = new BytesList { Value = { ByteString.CopyFromUtf8("cat") } } });
        return example;
    }

    private static Feature BytesValue(int length)
    {
        var value = new byte[length];
        new Random(length).NextBytes(value);
        return new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(value) } } };
    }
}
