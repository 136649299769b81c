using CsCheck;
using Google.Protobuf;
using SchemaGen.Examples;
using SchemaGen.Protos;
using static SchemaGen.Runtime.Tests.Examples.Wire;

namespace SchemaGen.Runtime.Tests.Examples;

/// <summary>Malformed bytes give an <see cref="ExampleFormatException"/> that says where and what, and nothing else.</summary>
public class MalformedExampleTests
{
    [Fact]
    public void Truncated_varint_names_its_offset()
    {
        ExampleFormatException error = ReadFails([0x0A]);
        Assert.Equal(1, error.Offset);
        Assert.Null(error.FeatureKey);
        Assert.Equal("Malformed tf.train.Example data at byte 1: truncated varint: its message ends at byte 1 before the varint's last byte.", error.Message);
    }

    [Fact]
    public void Length_beyond_the_buffer_names_the_length_and_what_remains()
    {
        ExampleFormatException error = ReadFails([0x0A, 0x05, 0x00]);
        Assert.Equal(1, error.Offset);
        Assert.Contains("length 5 runs past the end of its enclosing message, which has 1 bytes left after the length", error.Message);
    }

    [Fact]
    public void Length_beyond_the_int_range_is_a_format_error()
    {
        ExampleFormatException error = ReadFails([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        Assert.Contains("length 4294967295 runs past", error.Message);
    }

    [Fact]
    public void Truncated_varint_inside_a_feature_names_the_feature()
    {
        byte[] bytes = ExampleBytes(Entry("label", Delimited(3, Delimited(1, [0x05, 0x80]))));
        ExampleFormatException error = ReadFails(bytes);
        Assert.Equal("label", error.FeatureKey);
        Assert.Equal(bytes.Length - 1, error.Offset);
        Assert.Equal($"Malformed tf.train.Example data in feature 'label' at byte {bytes.Length - 1}: truncated varint: its message ends at byte {bytes.Length} before the varint's last byte.", error.Message);
    }

    [Fact]
    public void Varint_longer_than_ten_bytes_is_rejected()
    {
        byte[] bytes = [0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01];
        ExampleFormatException error = ReadFails(bytes);
        Assert.Equal(1, error.Offset);
        Assert.Contains("longer than 10 bytes", error.Message);

        byte[] inFeature = ExampleBytes(Entry("big", Delimited(3, Delimited(1, [0x01, .. Enumerable.Repeat((byte)0xFF, 10), 0x01]))));
        ExampleFormatException featureError = ReadFails(inFeature);
        Assert.Equal("big", featureError.FeatureKey);
        Assert.Equal(inFeature.Length - 11, featureError.Offset);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    public void Invalid_wire_type_is_rejected(int wireType)
    {
        ExampleFormatException error = ReadFails([(byte)((4 << 3) | wireType), 0x00]);
        Assert.Equal(0, error.Offset);
        Assert.Contains($"invalid wire type {wireType} for field 4: expected 0 (varint), 1 (64-bit), 2 (length-delimited) or 5 (32-bit)", error.Message);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Group_wire_types_are_rejected_inside_a_feature(int wireType)
    {
        byte[] bytes = ExampleBytes(Entry("g", [(byte)((9 << 3) | wireType)]));
        ExampleFormatException error = ReadFails(bytes);
        Assert.Equal("g", error.FeatureKey);
        Assert.Equal(bytes.Length - 1, error.Offset);
        Assert.Contains($"unsupported wire type {wireType} (group) for field 9", error.Message);
    }

    [Fact]
    public void Field_number_zero_is_rejected()
    {
        ExampleFormatException error = ReadFails([0x00, 0x00]);
        Assert.Equal(0, error.Offset);
        Assert.Contains("field number 0 is not allowed", error.Message);
    }

    [Fact]
    public void Tag_whose_low_32_bits_are_zero_is_field_number_zero_as_Google_Protobuf_reads_it()
    {
        // 2^32: only the low 32 bits of a tag count (Google.Protobuf, TensorFlow's ReadVarint32), and they are 0.
        byte[] bytes = [0x80, 0x80, 0x80, 0x80, 0x10, 0x00];
        Assert.Null(TryParse(Example.Parser, bytes));
        ExampleFormatException error = ReadFails(bytes);
        Assert.Contains("field number 0 is not allowed", error.Message);
    }

    [Fact]
    public void Packed_floats_must_fill_whole_values()
    {
        byte[] bytes = ExampleBytes(Entry("f", Delimited(2, Delimited(1, [1, 2, 3]))));
        ExampleFormatException error = ReadFails(bytes);
        Assert.Equal("f", error.FeatureKey);
        Assert.Equal(bytes.Length - 3, error.Offset);
        Assert.Contains("packed float_list of 3 bytes: expected a multiple of 4", error.Message);
    }

    [Fact]
    public void Truncated_unpacked_float_is_rejected()
    {
        byte[] bytes = ExampleBytes(Entry("f", Delimited(2, [0x0D, 1, 2])));
        ExampleFormatException error = ReadFails(bytes);
        Assert.Equal("f", error.FeatureKey);
        Assert.Contains("truncated 4-byte value: its message has only 2 bytes left", error.Message);
    }

    [Fact]
    public void Malformed_step_names_its_feature_list()
    {
        byte[] bytes = Delimited(2, Entry("steps", Delimited(1, Delimited(2, Delimited(1, [1])))));
        var error = Assert.Throws<ExampleFormatException>(() =>
        {
            var reader = new SequenceExampleReader(bytes);
            Assert.True(reader.FeatureLists.TryGetFeatureList("steps", out FeatureListReader list));
            foreach (FeatureReader unused in list)
            {
            }
        });
        Assert.Equal("steps", error.FeatureKey);
    }

    [Fact]
    public void Every_truncation_parses_to_a_consistent_prefix_or_throws_ExampleFormatException() =>
        ExampleGenerators.Example.Sample(example =>
        {
            byte[] bytes = ExampleCodec.Write(example);
            for (int length = 0; length < bytes.Length; length++)
            {
                AssertPrefixConsistent(bytes[..length], example);
            }

            // Cut inside the Features message and frame what is left, so entries before the cut can survive.
            byte[] content = ExampleCodec.SortedCopy(example).Features.ToByteArray();
            for (int length = 0; length <= content.Length; length++)
            {
                AssertPrefixConsistent(Delimited(1, content[..length]), example);
            }
        }, iter: 40);

    [Fact]
    public void Random_mutations_give_ExampleFormatException_or_what_Google_Protobuf_reads() =>
        Gen.Select(ExampleGenerators.Example, Gen.Int.Array[1, 4], Gen.Byte.Array[4]).Sample((example, positions, values) =>
        {
            byte[] mutated = Mutate(ExampleCodec.Write(example), positions, values);
            bool ours = TryReadEverything(mutated);
            Example? theirs = TryParse(Example.Parser, mutated);
            if (ours && theirs is not null)
            {
                Assert.Equal(ExampleCodec.WithoutUnknownFields(theirs), ExampleCodec.Read(mutated));
            }
        }, iter: 3000);

    [Fact]
    public void Random_mutations_of_sequence_examples_give_ExampleFormatException_or_what_Google_Protobuf_reads() =>
        Gen.Select(ExampleGenerators.SequenceExample, Gen.Int.Array[1, 4], Gen.Byte.Array[4]).Sample((sequence, positions, values) =>
        {
            byte[] mutated = Mutate(ExampleCodec.Write(sequence), positions, values);
            bool ours = TryReadEverything(new SequenceExampleReader(mutated));
            SequenceExample? theirs = TryParse(SequenceExample.Parser, mutated);
            if (ours && theirs is not null)
            {
                Assert.Equal(ExampleCodec.WithoutUnknownFields(theirs), ExampleCodec.ReadSequence(mutated));
            }
        }, iter: 1500);

    /// <summary>Overwrites, deletes or inserts a byte at each position (the value's low bits pick which).</summary>
    private static byte[] Mutate(byte[] bytes, int[] positions, byte[] values)
    {
        var result = new List<byte>(bytes);
        for (int i = 0; i < positions.Length; i++)
        {
            int at = (int)((uint)positions[i] % (uint)(result.Count + 1));
            byte value = values[i % values.Length];
            switch (value % 3)
            {
                case 0 when at < result.Count: result[at] = value; break;
                case 1 when at < result.Count: result.RemoveAt(at); break;
                default: result.Insert(at, value); break;
            }
        }

        return [.. result];
    }

    private static void AssertPrefixConsistent(byte[] prefix, Example original)
    {
        Example? theirs = TryParse(Example.Parser, prefix);
        bool ours = TryReadEverything(prefix);
        Assert.Equal(theirs is not null, ours);
        if (ours)
        {
            Example read = ExampleCodec.Read(prefix);
            Assert.Equal(ExampleCodec.WithoutUnknownFields(theirs!), read);
            foreach (var (key, feature) in read.Features.Feature)
            {
                Assert.Equal(original.Features.Feature[key], feature);
            }
        }
    }

    /// <summary>Reads every part through every accessor; false when that gave an ExampleFormatException.</summary>
    private static bool TryReadEverything(byte[] bytes)
    {
        try
        {
            var reader = new ExampleReader(bytes);
            foreach (FeatureReader feature in reader)
            {
                Touch(feature);
                reader.TryGetFeature(feature.Key, out _);
            }

            return true;
        }
        catch (ExampleFormatException)
        {
            return false;
        }
    }

    private static bool TryReadEverything(SequenceExampleReader reader)
    {
        try
        {
            foreach (FeatureReader feature in reader.Context)
            {
                Touch(feature);
            }

            foreach (FeatureListReader list in reader.FeatureLists)
            {
                foreach (FeatureReader step in list)
                {
                    Touch(step);
                }

                reader.FeatureLists.TryGetFeatureList(list.Key, out _);
            }

            return true;
        }
        catch (ExampleFormatException)
        {
            return false;
        }
    }

    private static void Touch(FeatureReader feature)
    {
        switch (feature.Kind)
        {
            case FeatureKind.BytesList: feature.ToBytesArray(); break;
            case FeatureKind.FloatList: feature.ToFloatArray(); break;
            case FeatureKind.Int64List: feature.ToInt64Array(); break;
        }
    }

    private static T? TryParse<T>(MessageParser<T> parser, byte[] bytes)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    private static ExampleFormatException ReadFails(byte[] bytes) =>
        Assert.Throws<ExampleFormatException>(() => TryReadEverythingOrThrow(bytes));

    private static void TryReadEverythingOrThrow(byte[] bytes)
    {
        var reader = new ExampleReader(bytes);
        foreach (FeatureReader feature in reader)
        {
            Touch(feature);
        }
    }
}
