using Microsoft.ML;
using Microsoft.ML.Data;
using SchemaGen.Records;

namespace SchemaGen.ML.Tests;

public sealed class LoadFromTfRecordTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly MLContext _ml = new(seed: 1);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Schema_has_the_column_types_LoadFromEnumerable_gives_the_same_members()
    {
        string path = WriteRecords(Records.Make(5));
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(path);
        IDataView oracle = _ml.Data.LoadFromEnumerable(Records.Make(5).Select(AllKindsRow.From));

        Assert.Equal(oracle.Schema.Select(c => c.Name).Order(StringComparer.Ordinal), view.Schema.Select(c => c.Name).Order(StringComparer.Ordinal));
        foreach (DataViewSchema.Column expected in oracle.Schema)
        {
            Assert.Equal(expected.Type, view.Schema[expected.Name].Type);
        }

        // And spelled out, so a change to the mapping shows here and not only as a mismatch with the oracle.
        Assert.Equal(NumberDataViewType.Int64, view.Schema["id"].Type);
        Assert.Equal(NumberDataViewType.Int32, view.Schema["hue"].Type);
        Assert.Equal(NumberDataViewType.Double, view.Schema["precise"].Type);
        Assert.Equal(BooleanDataViewType.Instance, view.Schema["flag"].Type);
        Assert.Equal(TextDataViewType.Instance, view.Schema["name"].Type);
        var matrix = Assert.IsType<VectorDataViewType>(view.Schema["matrix"].Type);
        Assert.Equal([2, 3], matrix.Dimensions.ToArray());
        Assert.Equal(6, matrix.Size);
        var pixels = Assert.IsType<VectorDataViewType>(view.Schema["pixels"].Type);
        Assert.Equal(NumberDataViewType.Byte, pixels.ItemType);
        Assert.Equal([2, 2, 1], pixels.Dimensions.ToArray());
        Assert.False(((VectorDataViewType)view.Schema["varying"].Type).IsKnownSize);
        Assert.False(((VectorDataViewType)view.Schema["maybe_count"].Type).IsKnownSize);
        Assert.Equal(NumberDataViewType.Single, view.Schema["maybe_score"].Type);
    }

    [Fact]
    public void Values_equal_LoadFromEnumerable_of_the_same_records()
    {
        AllKinds[] records = Records.Make(300);
        string path = WriteRecords(records);
        // Small batches: rows cross many batch boundaries.
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(path, new TfRecordLoaderOptions { BatchSize = 7 });
        IDataView oracle = _ml.Data.LoadFromEnumerable(records.Select(AllKindsRow.From));

        Assert.Equal(ViewRows.Read(oracle), ViewRows.Read(Reorder(view, oracle.Schema)));
    }

    [Fact]
    public void Every_column_kind_round_trips_through_SaveAsTfRecord()
    {
        AllKinds[] records = Records.Make(120);
        IDataView oracle = _ml.Data.LoadFromEnumerable(records.Select(AllKindsRow.From));
        string path = _temp.File("saved.tfrecord");

        long written = _ml.Data.SaveAsTfRecord(oracle, path);
        IDataView back = _ml.Data.LoadFromTfRecord<AllKinds>(path);

        Assert.Equal(records.Length, written);
        Assert.Equal(ViewRows.Read(oracle), ViewRows.Read(Reorder(back, oracle.Schema)));
        // The typed records parse from what the untyped writer wrote, equal to those that went in.
        Assert.Equal(records.Select(r => r.Id), TfRecordReader.ReadAllRecords(path).Select(bytes => AllKinds.Parse(bytes).Id));
        Assert.Equal(records[5].MaybeCount, AllKinds.Parse(TfRecordReader.ReadAllRecords(path)[5]).MaybeCount);
    }

    [Fact]
    public void A_view_read_back_saves_with_its_type_to_the_same_records()
    {
        AllKinds[] records = Records.Make(40);
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(WriteRecords(records));
        using var stream = new MemoryStream();

        _ml.Data.SaveAsTfRecord<AllKinds>(view, stream);
        stream.Position = 0;

        using var reader = new TfRecordReader(stream);
        AllKinds[] back = [.. reader.ReadAll().Select(bytes => AllKinds.Parse(bytes))];
        Assert.Equal(records.Length, back.Length);
        for (int i = 0; i < records.Length; i++)
        {
            // Records hold arrays, compared by content through their Example bytes (deterministic, sorted keys).
            Assert.Equal(records[i].ToByteArray(), back[i].ToByteArray());
        }
    }

    [Fact]
    public void The_untyped_save_writes_missing_optionals_as_values()
    {
        AllKinds[] records = Records.Make(4);
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(WriteRecords(records));
        using var stream = new MemoryStream();

        _ml.Data.SaveAsTfRecord(view, stream);
        stream.Position = 0;

        // Record 1 had no maybe_score and record 0 no maybe_name: the untyped save writes what the columns hold.
        using var reader = new TfRecordReader(stream);
        AllKinds[] back = [.. reader.ReadAll().Select(bytes => AllKinds.Parse(bytes))];
        Assert.Null(records[1].MaybeScore);
        Assert.True(float.IsNaN(back[1].MaybeScore!.Value));
        Assert.Null(records[0].MaybeName);
        Assert.Equal("", back[0].MaybeName);
        // An optional integer is an empty vector when missing, which writes no feature.
        Assert.Null(records[1].MaybeCount);
        Assert.Null(back[1].MaybeCount);
    }

    [Fact]
    public void A_typed_save_needs_every_feature_as_a_column()
    {
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(WriteRecords(Records.Make(2)));
        IDataView less = _ml.Transforms.DropColumns("tags").Fit(view).Transform(view);
        var error = Assert.Throws<ArgumentException>(() => _ml.Data.SaveAsTfRecord<AllKinds>(less, new MemoryStream()));
        Assert.Contains("'tags'", error.Message);
    }

    [Fact]
    public void Row_count_comes_from_the_files_or_their_index_sidecars()
    {
        string plain = WriteRecords(Records.Make(50), "a.tfrecord");
        string gzip = _temp.File("b.tfrecord.gz");
        Records.Write(gzip, Records.Make(30), new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip });
        Assert.Equal(80, _ml.Data.LoadFromTfRecord<AllKinds>([plain, gzip]).GetRowCount());

        // A sidecar is believed: one that lists fewer records (as if for a shorter file) gives its count.
        TfRecordIndex.Write(TfRecordIndex.PathFor(plain), TfRecordIndex.Build(plain).Take(20));
        Assert.Equal(20, _ml.Data.LoadFromTfRecord<AllKinds>(plain).GetRowCount());
    }

    [Fact]
    public void Shuffled_cursors_repeat_for_a_seed_and_visit_every_row_once()
    {
        string path = WriteRecords(Records.Make(200));
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(path);
        Assert.True(view.CanShuffle);

        long[] first = Ids(view.GetRowCursor(view.Schema, new Random(42)), view);
        long[] again = Ids(view.GetRowCursor(view.Schema, new Random(42)), view);
        long[] other = Ids(view.GetRowCursor(view.Schema, new Random(43)), view);
        long[] ordered = Ids(view.GetRowCursor(view.Schema), view);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(ordered, first);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => (long)i), ordered);
        Assert.Equal(ordered, first.Order());
        Assert.Equal(ordered, other.Order());
    }

    [Fact]
    public void Compressed_files_shuffle_through_a_buffer_repeatably()
    {
        string gzip = _temp.File("c.tfrecord.gz");
        Records.Write(gzip, Records.Make(90), new TfRecordWriterOptions { Compression = TfRecordCompression.Gzip });
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(gzip);

        long[] first = Ids(view.GetRowCursor(view.Schema, new Random(5)), view);
        Assert.Equal(first, Ids(view.GetRowCursor(view.Schema, new Random(5)), view));
        Assert.NotEqual(Enumerable.Range(0, 90).Select(i => (long)i), first);
        Assert.Equal(Enumerable.Range(0, 90).Select(i => (long)i), first.Order());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void Cursor_sets_are_disjoint_shards_that_hold_every_row(int n, bool shuffle)
    {
        string[] files = [WriteRecords(Records.Make(100), "s0.tfrecord"), WriteRecords(Records.Make(101).Skip(100).Concat(Records.Make(57).Select(r => r with { Id = r.Id + 1000 })), "s1.tfrecord")];
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(files);
        DataViewRowCursor[] cursors = view.GetRowCursorSet([view.Schema["id"]], n, shuffle ? new Random(9) : null);

        Assert.Equal(n, cursors.Length);
        long[][] shards = [.. cursors.Select(c => Ids(c, view))];
        long[] all = [.. shards.SelectMany(s => s)];
        Assert.Equal(all.Length, all.Distinct().Count());
        long[] expected = [.. Enumerable.Range(0, 101).Select(i => (long)i).Concat(Enumerable.Range(1000, 57).Select(i => (long)i))];
        Assert.Equal(expected, all.Order());
        if (n > 1)
        {
            Assert.All(shards, shard => Assert.NotEmpty(shard));
        }
    }

    [Fact]
    public void Only_the_columns_asked_for_can_be_read()
    {
        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(WriteRecords(Records.Make(3)));
        using DataViewRowCursor cursor = view.GetRowCursor([view.Schema["id"]]);
        Assert.True(cursor.IsColumnActive(view.Schema["id"]));
        Assert.False(cursor.IsColumnActive(view.Schema["name"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<ReadOnlyMemory<char>>(view.Schema["name"]));
        Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<int>(view.Schema["id"]));
    }

    [Fact]
    public void A_damaged_record_fails_MoveNext_with_the_file_and_offset()
    {
        AllKinds[] records = Records.Make(20);
        string path = WriteRecords(records);
        // Record 13 starts after 13 frames of 8 (length) + 4 (its CRC) + data + 4 (data CRC); flip a byte of its data.
        long start = records.Take(13).Sum(r => 16L + r.ToByteArray().Length);
        byte[] bytes = File.ReadAllBytes(path);
        bytes[start + 12 + 5] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(path, new TfRecordLoaderOptions { BatchSize = 4 });
        using DataViewRowCursor cursor = view.GetRowCursor(view.Schema);
        var damage = Assert.Throws<TfRecordException>(() =>
        {
            while (cursor.MoveNext())
            {
            }
        });

        Assert.Equal(path, damage.FilePath);
        // TensorFlow's offset for a data checksum mismatch: the record's data, 12 bytes past its start.
        Assert.Equal(start + 12, damage.Offset);
        Assert.Contains(path, damage.Message);
    }

    [Fact]
    public void A_record_that_does_not_fit_the_type_fails_MoveNext_with_the_file_offset_and_feature()
    {
        AllKinds[] records = Records.Make(10);
        string path = _temp.File("mismatch.tfrecord");
        long start = records.Take(6).Sum(r => 16L + r.ToByteArray().Length);
        using (var writer = new TfRecordWriter(path))
        {
            foreach (AllKinds record in records.Take(6))
            {
                writer.Write(record.ToByteArray());
            }

            // A well-framed Example without the required feature 'id'.
            var buffer = new byte[64];
            var example = new SchemaGen.Examples.ExampleWriter(buffer);
            example.WriteFloat("score", 1);
            writer.Write(buffer.AsSpan(0, example.Complete()));
        }

        IDataView view = _ml.Data.LoadFromTfRecord<AllKinds>(path);
        using DataViewRowCursor cursor = view.GetRowCursor([view.Schema["id"]]);
        var error = Assert.Throws<SchemaGen.Datasets.DatasetParseException>(() =>
        {
            while (cursor.MoveNext())
            {
            }
        });

        Assert.Equal(path, error.FilePath);
        Assert.Equal(start, error.RecordOffset);
        // TensorFlow reports the first required feature missing in key order: "blob".
        Assert.Contains("Feature: blob (data type: string) is required but could not be found.", error.Message);
    }

    [Fact]
    public void A_type_with_a_list_of_byte_strings_is_refused_naming_the_feature()
    {
        string path = _temp.File("chunked.tfrecord");
        using (var writer = new TfRecordWriter(path))
        {
            writer.Write(new Chunked(1, [[1, 2], [3]]).ToByteArray());
        }

        var error = Assert.Throws<NotSupportedException>(() => _ml.Data.LoadFromTfRecord<Chunked>(path));
        Assert.Contains("'chunks'", error.Message);
    }

    [Fact]
    public void The_TFX_penguin_files_load_with_their_row_counts()
    {
        string train = InteropFiles.Path("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-train/data_tfrecord-00000-of-00001.gz");
        string eval = InteropFiles.Path("tensorflow-tfx/tfx/components/testdata/penguin/data/Split-eval/data_tfrecord-00000-of-00001.gz");
        IDataView view = _ml.Data.LoadFromTfRecord<Penguin>([train, eval]);

        // MANIFEST.md: 234 train and 100 eval Examples; the species are 0, 1 and 2.
        Assert.Equal(334, view.GetRowCount());
        long[] species = [.. view.GetColumn<long>("species")];
        Assert.Equal(334, species.Length);
        Assert.Equal([0L, 1L, 2L], species.Distinct().Order());
        Assert.All(view.GetColumn<float>("flipper_length_mm"), v => Assert.InRange(v, 0f, 1f));
    }

    private string WriteRecords(IEnumerable<AllKinds> records, string name = "data.tfrecord")
    {
        string path = _temp.File(name);
        Records.Write(path, records);
        return path;
    }

    /// <summary>The view's columns in the oracle's order (the view's are sorted by key), so rows compare column for column.</summary>
    private IDataView Reorder(IDataView view, DataViewSchema order) =>
        _ml.Transforms.SelectColumns([.. order.Select(c => c.Name)]).Fit(view).Transform(view);

    private static long[] Ids(DataViewRowCursor cursor, IDataView view)
    {
        using (cursor)
        {
            ValueGetter<long> id = cursor.GetGetter<long>(view.Schema["id"]);
            var ids = new List<long>();
            while (cursor.MoveNext())
            {
                long value = 0;
                id(ref value);
                ids.Add(value);
            }

            return [.. ids];
        }
    }
}
