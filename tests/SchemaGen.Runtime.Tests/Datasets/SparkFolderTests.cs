using SchemaGen.Datasets;
using SchemaGen.Records;
using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// Folders that Spark wrote through spark-tfrecord (tests/data/spark, made by build/make-spark-fixtures.py): the part
/// files read, hidden files and failed attempts passed over, compression from the name, partition folders surfaced as
/// features typed as Spark types them; expected values from the script's own record of what it wrote.
/// </summary>
public sealed class SparkFolderTests : IDisposable
{
    private static readonly string[] PersonKeys = ["id", "name", "age", "score", "tags", "year", "lang"];

    private readonly TempDirectory _directory = new();

    [Fact]
    public void A_folder_reads_its_part_files_in_sorted_order_and_nothing_hidden()
    {
        var dataset = TfRecordDataset.FromFiles(SparkFixtures.Folder("people"));

        Assert.Equal(SparkFixtures.Files("people").Select(Local("people")), dataset.Files);
        Assert.Equal(SparkFixtures.Columns("people"), dataset.PartitionColumns);
    }

    [Fact]
    public void Partition_values_become_features_of_every_record_typed_as_spark_types_them()
    {
        var records = Read<SparkPerson, SparkPerson.Batch>(TfRecordDataset.FromFiles(SparkFixtures.Folder("people")).WithPartitionFeatures(), 3);

        Assert.Equal(SparkFixtures.Records("people", PersonKeys), records.Select(PersonLine));
    }

    [Fact]
    public void Without_the_option_the_records_are_what_the_files_hold()
    {
        var records = Read<SparkPerson, SparkPerson.Batch>(TfRecordDataset.FromFiles(SparkFixtures.Folder("people") + "/"), 4);

        Assert.Equal(
            SparkFixtures.Records("people", "id", "name", "age", "score", "tags", "none", "none"),
            records.Select(PersonLine));
    }

    [Fact]
    public void Integers_floats_text_and_nulls_are_typed_across_the_folders_of_a_column()
    {
        var dataset = TfRecordDataset.FromFiles(SparkFixtures.Folder("typed")).WithPartitionFeatures();

        Assert.Equal(["n", "x", "s"], dataset.PartitionColumns);
        Assert.Equal(SparkFixtures.Records("typed", "id", "n", "x", "s"), Read<SparkTyped, SparkTyped.Batch>(dataset, 2).Select(TypedLine));

        // The global shuffle reads records by offset: the partition values come with them all the same.
        var shuffled = Read<SparkTyped, SparkTyped.Batch>(dataset.ShuffleGlobally(seed: 3), 2).Select(TypedLine);
        Assert.Equal(SparkFixtures.Records("typed", "id", "n", "x", "s").Order(), shuffled.Order());
    }

    [Fact]
    public void Sequence_examples_gain_the_values_in_their_context_and_gzip_parts_are_read_by_their_name()
    {
        var records = Read<SparkEvent, SparkEvent.Batch>(TfRecordDataset.FromFiles(SparkFixtures.Folder("events")).WithPartitionFeatures(), 2);

        Assert.Equal(
            SparkFixtures.Records("events", "id", "user", "clicks", "day"),
            records.Select(e => SparkFixtures.Line([e.Id, e.User, e.Clicks, e.Day])));
    }

    [Fact]
    public void Shards_of_a_partitioned_folder_are_disjoint_and_hold_every_record_once()
    {
        var all = SparkFixtures.Records("people", PersonKeys);
        var parts = Enumerable.Range(0, 3).Select(worker => Read<SparkPerson, SparkPerson.Batch>(
            TfRecordDataset.FromFiles(SparkFixtures.Folder("people")).WithPartitionFeatures().Shard(worker, 3).Shuffle(8, seed: worker), 2)
            .Select(PersonLine).ToList()).ToList();

        Assert.Equal(all.Order(), parts.SelectMany(part => part).Order());
    }

    [Fact]
    public void A_record_that_already_has_a_partition_columns_feature_is_an_error_naming_both()
    {
        string part = _directory.File("out/lang=en/part-00000-x-c000.tfrecord");
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        using (var writer = new TfRecordWriter(part))
        {
            writer.Write(new SparkPerson(1, "a", null, 1, [], null, "fr").ToByteArray());
        }

        var dataset = TfRecordDataset.FromFiles(_directory.File("out")).WithPartitionFeatures();
        var e = Assert.Throws<DatasetParseException>(() => Read<SparkPerson, SparkPerson.Batch>(dataset, 1));
        Assert.Contains(part, e.Message);
        Assert.Contains("feature 'lang'", e.Message);
        Assert.Contains("partition column", e.Message);

        // Not surfaced, the record reads as written.
        Assert.Equal("fr", Read<SparkPerson, SparkPerson.Batch>(TfRecordDataset.FromFiles(_directory.File("out")), 1).Single().Lang);
    }

    [Fact]
    public void A_folder_without_part_files_is_an_error_naming_it()
    {
        Directory.CreateDirectory(_directory.File("empty/_temporary"));
        File.WriteAllBytes(_directory.File("empty/_SUCCESS"), []);
        File.WriteAllBytes(_directory.File("empty/_temporary/part-00000.tfrecord"), [1, 2, 3]);

        var e = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(_directory.File("empty")));
        Assert.Contains(_directory.File("empty") + ": no part files", e.Message);
    }

    [Fact]
    public void A_visible_file_that_is_not_a_part_file_is_named_rather_than_read_or_dropped()
    {
        WriteIds(_directory.File("out/part-00000-x-c000.tfrecord"), 1);
        File.WriteAllText(_directory.File("out/notes.txt"), "not data");

        var e = Assert.Throws<InvalidDataException>(() => TfRecordDataset.FromFiles(_directory.File("out")));
        Assert.Contains(_directory.File("out/notes.txt"), e.Message);

        // An index sidecar beside a part file is the part file's, not data.
        File.Delete(_directory.File("out/notes.txt"));
        TfRecordIndex.Write(_directory.File("out/part-00000-x-c000.tfrecord.idx"), TfRecordIndex.Build(_directory.File("out/part-00000-x-c000.tfrecord")));
        Assert.Equal([_directory.File("out/part-00000-x-c000.tfrecord")], TfRecordDataset.FromFiles(_directory.File("out")).Files);
    }

    [Fact]
    public void An_empty_part_file_of_a_task_without_rows_holds_no_records()
    {
        WriteIds(_directory.File("out/part-00000-x-c000.tfrecord"), 1, 2);
        File.WriteAllBytes(_directory.File("out/part-00001-x-c000.tfrecord"), []);

        var dataset = TfRecordDataset.FromFiles(_directory.File("out"));

        Assert.Equal(2, dataset.Files.Count);
        Assert.Equal([1L, 2L], Read<Numbered, Numbered.Batch>(dataset, 4).Select(n => n.Id));
    }

    [Fact]
    public void Partition_folders_that_disagree_are_an_error_as_in_spark()
    {
        WriteIds(_directory.File("out/a=1/part-00000.tfrecord"), 1);
        WriteIds(_directory.File("out/b=2/part-00001.tfrecord"), 2);

        var e = Assert.Throws<InvalidDataException>(() => TfRecordDataset.FromFiles(_directory.File("out")));
        Assert.Contains("conflicting partition folders", e.Message);
    }

    [Fact]
    public void Compression_comes_from_the_name_unless_given_and_codecs_tensorflow_cannot_read_are_named()
    {
        // A plain file misnamed .gz: read as GZIP by its name it fails; an explicit compression wins over the name.
        WriteIds(_directory.File("plain.tfrecord.gz"), 5);
        Assert.ThrowsAny<Exception>(() => Read<Numbered, Numbered.Batch>(TfRecordDataset.FromFiles(_directory.File("plain.tfrecord.gz")), 1));
        var explicitly = TfRecordDataset.FromFiles(_directory.File("plain.tfrecord.gz"))
            .WithReaderOptions(new TfRecordReaderOptions { Compression = TfRecordCompression.None });
        Assert.Equal([5L], Read<Numbered, Numbered.Batch>(explicitly, 1).Select(n => n.Id));

        // Hadoop's DefaultCodec writes a zlib stream named .deflate.
        Directory.CreateDirectory(_directory.File("z"));
        using (var writer = new TfRecordWriter(_directory.File("z/part-00000.tfrecord.deflate"), new TfRecordWriterOptions { Compression = TfRecordCompression.Zlib }))
        {
            writer.Write(new Numbered(7).ToByteArray());
        }

        Assert.Equal([7L], Read<Numbered, Numbered.Batch>(TfRecordDataset.FromFiles(_directory.File("z")), 1).Select(n => n.Id));

        Directory.CreateDirectory(_directory.File("s"));
        File.WriteAllBytes(_directory.File("s/part-00000-x-c000.tfrecord.snappy"), [1, 2, 3]);
        var e = Assert.Throws<InvalidDataException>(() => Read<Numbered, Numbered.Batch>(TfRecordDataset.FromFiles(_directory.File("s")), 1));
        Assert.Contains("part-00000-x-c000.tfrecord.snappy", e.Message);
        Assert.Contains("SnappyCodec", e.Message);
    }

    public void Dispose() => _directory.Dispose();

    private static Func<string, string> Local(string folder) => relative => Path.Combine(SparkFixtures.Folder(folder), relative.Replace('/', Path.DirectorySeparatorChar));

    private static string PersonLine(SparkPerson p) => SparkFixtures.Line([p.Id, p.Name, p.Age, p.Score, p.Tags, p.Year, p.Lang]);

    private static string TypedLine(SparkTyped t) => SparkFixtures.Line([t.Id, t.N, t.X, t.S]);

    private static void WriteIds(string path, params long[] ids)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new TfRecordWriter(path);
        foreach (long id in ids)
        {
            writer.Write(new Numbered(id).ToByteArray());
        }
    }

    private static List<T> Read<T, TBatch>(TfRecordDataset dataset, int batchSize)
        where TBatch : class, SchemaGen.Schema.ITfExampleBatch<TBatch>, SchemaGen.Schema.ITfExampleBatch<TBatch, T>
    {
        var records = new List<T>();
        using var reader = dataset.Batch<TBatch>(batchSize).Open();
        while (reader.MoveNext())
        {
            for (int row = 0; row < reader.Current.Count; row++)
            {
                records.Add(reader.Current.Get(row));
            }
        }

        return records;
    }
}
