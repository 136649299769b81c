using CsCheck;
using Google.Protobuf;
using SchemaGen.Generator.Tests.Infrastructure;
using SchemaGen.Generator.Tests.Types;
using SchemaGen.Protos;
using SchemaGen.Schema;

namespace SchemaGen.Generator.Tests;

/// <summary>The README's Cifar schema against Google.Protobuf: bytes, parsing, batches, allocations.</summary>
public class CifarTests
{
    private static readonly Gen<Cifar> Cifars =
        Gen.Select(Gen.Byte.Array[3072], Gen.Long, (image, label) => new Cifar(image, label));

    private static Example Oracle(Cifar cifar) => new()
    {
        Features = new Features
        {
            Feature =
            {
                ["image"] = new Feature { BytesList = new BytesList { Value = { ByteString.CopyFrom(cifar.Image) } } },
                ["label"] = new Feature { Int64List = new Int64List { Value = { cifar.Label } } },
            },
        },
    };

    [Fact]
    public void Bytes_equal_Google_Protobuf_with_sorted_keys_in_every_write_method() =>
        Cifars.Sample(cifar =>
        {
            byte[] expected = ExampleEncoding.ToSortedByteArray(Oracle(cifar));
            Assert.Equal(expected.Length, cifar.GetSerializedSize());
            Assert.Equal(expected, cifar.ToByteArray());
            var span = new byte[expected.Length];
            Assert.Equal(expected.Length, cifar.WriteTo(span));
            Assert.Equal(expected, span);
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            cifar.WriteTo(output);
            Assert.Equal(expected, output.WrittenSpan.ToArray());
        }, iter: 50);

    [Fact]
    public void Parse_reads_Google_Protobuf_bytes_in_insertion_order() =>
        Cifars.Sample(cifar =>
        {
            Cifar parsed = Cifar.Parse(Oracle(cifar).ToByteArray());
            Assert.Equal(cifar.Image, parsed.Image);
            Assert.Equal(cifar.Label, parsed.Label);
        }, iter: 50);

    [Fact]
    public void Batch_rows_hold_each_record_contiguously()
    {
        Cifar[] records = Cifars.Array[5].Single();
        Cifar.Batch batch = Cifar.Batch.Create(8);
        foreach (Cifar record in records)
        {
            Cifar.ParseInto(record.ToByteArray(), batch, batch.Count);
        }

        Assert.Equal(5, batch.Count);
        Assert.Equal(8 * 3072, batch.Image.Length);
        for (int row = 0; row < records.Length; row++)
        {
            Assert.Equal(records[row].Image, batch.Image.Slice(row * 3072, 3072).ToArray());
            Assert.Equal(records[row].Label, batch.Label[row]);
            Assert.Equal(records[row].Image, batch.Get(row).Image);
        }

        batch.Clear();
        Assert.Equal(0, batch.Count);
    }

    [Fact]
    public void Batch_can_be_created_knowing_only_its_type()
    {
        static TBatch Fill<TBatch>(byte[][] records)
            where TBatch : ITfExampleBatch<TBatch>
        {
            TBatch batch = TBatch.Create(records.Length);
            foreach (byte[] record in records)
            {
                batch.ParseInto(record, batch.Count);
            }

            return batch;
        }

        Cifar record = new(new byte[3072], 9);
        Cifar.Batch batch = Fill<Cifar.Batch>([record.ToByteArray(), record.ToByteArray()]);
        Assert.Equal(2, batch.Count);
        Assert.Equal(9, batch.Label[1]);
        Assert.Same(Cifar.Schema, Cifar.Batch.Schema);
    }

    [Fact]
    public void WriteTo_and_ParseInto_allocate_nothing()
    {
        var cifar = new Cifar(new byte[3072], 3);
        byte[] record = cifar.ToByteArray();
        var destination = new byte[record.Length];
        Cifar.Batch batch = Cifar.Batch.Create(1);

        Assert.Equal(0, Allocations.Of(() => cifar.WriteTo(destination)));
        Assert.Equal(0, Allocations.Of(() =>
        {
            batch.Clear();
            Cifar.ParseInto(record, batch, 0);
        }));
    }

    [Fact]
    public void Schema_describes_a_raw_uint8_image_and_an_int64_label()
    {
        Assert.Equal(
            """
            import tensorflow as tf

            features = {
                "image": tf.io.FixedLenFeature([], tf.string),
                "label": tf.io.FixedLenFeature([], tf.int64),
            }


            def parse(serialized):
                example = tf.io.parse_single_example(serialized, features)
                example["image"] = tf.reshape(tf.io.decode_raw(example["image"], tf.uint8), [32, 32, 3])
                return example

            """.ReplaceLineEndings("\n"),
            Cifar.Schema.ToPython());
        Assert.Equal(Cifar.Schema, ExampleSchema.FromJson(Cifar.Schema.ToJson()));
    }
}
