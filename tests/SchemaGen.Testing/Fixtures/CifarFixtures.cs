using System.Formats.Tar;
using System.IO.Compression;

namespace SchemaGen.Testing.Fixtures;

/// <summary>A synthetic CIFAR batch: CHW rows and labels, from a seed.</summary>
public sealed record Batch(byte[] Data, int[] Labels, int[]? Coarse, string[] FileNames)
{
    public int Count => Labels.Length;

    // levels < 256 draws pixels from 0..levels-1, which deflate compresses to about 90% as it does real photos, so
    // inflating a benchmark archive is real work (random bytes would be stored and inflate as a copy).
    public static Batch Random(int count, int seed, int classes, int coarseClasses = 0, int levels = 256)
    {
        var random = new Random(seed);
        var data = new byte[count * 3072];
        random.NextBytes(data);
        if (levels < 256)
        {
            for (int i = 0; i < data.Length; i++)
            {
                data[i] = (byte)(data[i] * levels >> 8);
            }
        }
        var labels = Enumerable.Range(0, count).Select(_ => random.Next(classes)).ToArray();
        int[]? coarse = coarseClasses > 0 ? Enumerable.Range(0, count).Select(_ => random.Next(coarseClasses)).ToArray() : null;
        var names = Enumerable.Range(0, count).Select(i => $"image_{seed}_{i:D4}.png").ToArray();
        return new Batch(data, labels, coarse, names);
    }

    public ReadOnlySpan<byte> Row(int i) => Data.AsSpan(i * 3072, 3072);

    /// <summary>The HWC image of row <paramref name="i"/>, transposed here by the plain definition.</summary>
    public byte[] Hwc(int i, bool bgr = false)
    {
        var chw = Row(i);
        var hwc = new byte[3072];
        for (int p = 0; p < 1024; p++)
        {
            for (int c = 0; c < 3; c++)
            {
                hwc[p * 3 + c] = chw[(bgr ? 2 - c : c) * 1024 + p];
            }
        }

        return hwc;
    }
}

/// <summary>The CIFAR distributions' file layouts, written the way the originals were.</summary>
public static class CifarFixtures
{
    public static readonly string[] Cifar10Classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static string[] Cifar100Fine { get; } = Enumerable.Range(0, 100).Select(i => $"fine_{i}").ToArray();

    public static string[] Cifar100Coarse { get; } = Enumerable.Range(0, 20).Select(i => $"coarse_{i}").ToArray();

    /// <summary>A batch as Python 2's cPickle wrote cifar-10-batches-py/data_batch_N (protocol 2).</summary>
    public static byte[] Python2Batch(Batch batch, string batchLabel, bool cifar100 = false)
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        p.String("data");
        NumpyUInt8Matrix(p, batch.Data, batch.Count, 3072);
        if (cifar100)
        {
            p.String("fine_labels");
            IntList(p, batch.Labels);
            p.String("coarse_labels");
            IntList(p, batch.Coarse!);
        }
        else
        {
            p.String("labels");
            IntList(p, batch.Labels);
        }

        p.String("batch_label").String(batchLabel);
        p.String("filenames").EmptyList();
        foreach (var chunk in batch.FileNames.Chunk(1000))
        {
            p.Mark();
            foreach (string name in chunk)
            {
                p.String(name);
            }

            p.Appends();
        }

        return p.SetItems().Stop().ToArray();
    }

    public static byte[] Python2Meta(params (string Key, string[] Names)[] lists)
    {
        var p = new PickleBuilder().Proto(2).EmptyDict().Mark();
        p.String("num_cases_per_batch").Int(10000);
        foreach (var (key, names) in lists)
        {
            p.String(key).EmptyList().Mark();
            foreach (string name in names)
            {
                p.String(name);
            }

            p.Appends();
        }

        p.String("num_vis").Int(3072);
        return p.SetItems().Stop().ToArray();
    }

    /// <summary>numpy 1.x under Python 2: _reconstruct(ndarray, (0,), 'b') then BUILD (1, shape, dtype('u1'), False, str).</summary>
    public static void NumpyUInt8Matrix(PickleBuilder p, byte[] data, int rows, int columns)
    {
        p.Global("numpy.core.multiarray", "_reconstruct").Global("numpy", "ndarray").Int(0).Tuple1().String("b").Tuple3().Reduce();
        p.Mark().Int(1).Int(rows).Int(columns).Tuple2();
        p.Global("numpy", "dtype").String("u1").Int(0).Int(1).Tuple3().Reduce();
        p.Mark().Int(3).String("|").None().None().None().Raw([(byte)'J', 0xFF, 0xFF, 0xFF, 0xFF, (byte)'J', 0xFF, 0xFF, 0xFF, 0xFF]).Int(0).Tuple().Build();
        p.False().String(data).Tuple().Build();
    }

    private static void IntList(PickleBuilder p, int[] values)
    {
        p.EmptyList();
        foreach (var chunk in values.Chunk(1000))
        {
            p.Mark();
            foreach (int value in chunk)
            {
                p.Int(value);
            }

            p.Appends();
        }
    }

    public static byte[] BinaryBatch(Batch batch, bool cifar100 = false)
    {
        int stride = cifar100 ? 3074 : 3073;
        var bytes = new byte[batch.Count * stride];
        for (int i = 0; i < batch.Count; i++)
        {
            int at = i * stride;
            if (cifar100)
            {
                bytes[at++] = (byte)batch.Coarse![i];
            }

            bytes[at++] = (byte)batch.Labels[i];
            batch.Row(i).CopyTo(bytes.AsSpan(at));
        }

        return bytes;
    }

    /// <summary>CIFAR-10 python: members in the order the real cifar-10-python.tar.gz stores them.</summary>
    public static (string Name, byte[] Content)[] Cifar10Python(Batch[] train, Batch test) =>
    [
        ("cifar-10-batches-py/data_batch_4", Python2Batch(train[3], "training batch 4 of 5")),
        ("cifar-10-batches-py/readme.html", "<meta HTTP-EQUIV=\"REFRESH\" content=\"0; url=http://www.cs.toronto.edu/~kriz/cifar.html\">\n"u8.ToArray()),
        ("cifar-10-batches-py/test_batch", Python2Batch(test, "testing batch 1 of 1")),
        ("cifar-10-batches-py/data_batch_3", Python2Batch(train[2], "training batch 3 of 5")),
        ("cifar-10-batches-py/batches.meta", Python2Meta(("label_names", Cifar10Classes))),
        ("cifar-10-batches-py/data_batch_2", Python2Batch(train[1], "training batch 2 of 5")),
        ("cifar-10-batches-py/data_batch_5", Python2Batch(train[4], "training batch 5 of 5")),
        ("cifar-10-batches-py/data_batch_1", Python2Batch(train[0], "training batch 1 of 5")),
    ];

    public static (string Name, byte[] Content)[] Cifar10Binary(Batch[] train, Batch test) =>
    [
        ("cifar-10-batches-bin/data_batch_1.bin", BinaryBatch(train[0])),
        ("cifar-10-batches-bin/batches.meta.txt", System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Cifar10Classes) + "\n\n")),
        ("cifar-10-batches-bin/data_batch_3.bin", BinaryBatch(train[2])),
        ("cifar-10-batches-bin/data_batch_4.bin", BinaryBatch(train[3])),
        ("cifar-10-batches-bin/readme.html", "<html/>"u8.ToArray()),
        ("cifar-10-batches-bin/test_batch.bin", BinaryBatch(test)),
        ("cifar-10-batches-bin/data_batch_2.bin", BinaryBatch(train[1])),
        ("cifar-10-batches-bin/data_batch_5.bin", BinaryBatch(train[4])),
    ];

    public static (string Name, byte[] Content)[] Cifar100Python(Batch train, Batch test) =>
    [
        ("cifar-100-python/file.txt~", "x"u8.ToArray()),
        ("cifar-100-python/train", Python2Batch(train, "training batch 1 of 1", cifar100: true)),
        ("cifar-100-python/test", Python2Batch(test, "testing batch 1 of 1", cifar100: true)),
        ("cifar-100-python/meta", Python2Meta(("fine_label_names", Cifar100Fine), ("coarse_label_names", Cifar100Coarse))),
    ];

    public static (string Name, byte[] Content)[] Cifar100Binary(Batch train, Batch test) =>
    [
        ("cifar-100-binary/coarse_label_names.txt", System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Cifar100Coarse) + "\n")),
        ("cifar-100-binary/fine_label_names.txt", System.Text.Encoding.ASCII.GetBytes(string.Join("\n", Cifar100Fine) + "\n")),
        ("cifar-100-binary/test.bin", BinaryBatch(test, cifar100: true)),
        ("cifar-100-binary/train.bin", BinaryBatch(train, cifar100: true)),
    ];

    public static Batch[] TrainBatches(int perBatch = 6) => Enumerable.Range(1, 5).Select(i => Batch.Random(perBatch, i, 10)).ToArray();

    public static void WriteTarGz(string path, IEnumerable<(string Name, byte[] Content)> members, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, level);
        WriteTar(gzip, members);
    }

    public static void WriteTar(Stream output, IEnumerable<(string Name, byte[] Content)> members)
    {
        using var tar = new TarWriter(output, TarEntryFormat.Ustar, leaveOpen: true);
        var directories = new HashSet<string>();
        foreach (var (name, content) in members)
        {
            string directory = name[..(name.IndexOf('/') + 1)];
            if (directory.Length > 0 && directories.Add(directory))
            {
                tar.WriteEntry(new UstarTarEntry(TarEntryType.Directory, directory) { ModificationTime = DateTimeOffset.UnixEpoch });
            }

            tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content), ModificationTime = DateTimeOffset.UnixEpoch });
        }
    }

    public static void WriteDirectory(string root, IEnumerable<(string Name, byte[] Content)> members)
    {
        foreach (var (name, content) in members)
        {
            string path = Path.Combine(root, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, content);
        }
    }
}
