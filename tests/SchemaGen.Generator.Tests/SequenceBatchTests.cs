using CsCheck;
using Google.Protobuf;
using SchemaGen.Generator.Tests.Infrastructure;
using SchemaGen.Generator.Tests.Types;
using SchemaGen.Protos;
using SchemaGen.Schema;
using static SchemaGen.Generator.Tests.Infrastructure.Oracle;

namespace SchemaGen.Generator.Tests;

/// <summary>The batch of a [TfSequenceExample] type against SequenceExamples built with Google.Protobuf.</summary>
public class SequenceBatchTests
{
    private static readonly Gen<Episode> Episodes =
        Gen.Select(Gen.Byte.Array[4], Gen.Long.Array, Gen.Bool.SelectMany(present => present ? Gen.Float.Select(f => (float?)f) : Gen.Const((float?)null)), Gen.String, Gen.Int, Gen.Int.Array, Gen.Int[1, 3].Array, Gen.Bool.Array)
            .SelectMany(context => Gen.Select(Gen.Double.Array, Gen.Int[1, 3].Array[2].Array, Gen.Byte.Array.Array, Gen.Byte.Array.Array, Gen.String.Array[2].Array, Gen.Float.Array[4].Array, Gen.Long.Array.Null())
                .Select(lists => new Episode
                {
                    Thumbnail = context.Item1, Tags = context.Item2, Reward = context.Item3, Title = context.Item4, Level = context.Item5,
                    Actions = context.Item6, Colors = [.. context.Item7.Select(c => (Color)c)], Done = context.Item8,
                    Values = lists.Item1, ColorPairs = [.. lists.Item2.Select(pair => pair.Select(c => (Color)c).ToArray())],
                    Frames = lists.Item3, Chunks = [.. lists.Item4.Select(bytes => (ReadOnlyMemory<byte>)bytes)], Captions = lists.Item5,
                    Boxes = lists.Item6, Rewards = lists.Item7,
                }));

    /// <summary>The Episode as Google.Protobuf builds it, map entries in insertion (hash) order.</summary>
    private static SequenceExample EpisodeOracle(Episode e)
    {
        var oracle = new SequenceExample { Context = new Features(), FeatureLists = new FeatureLists() };
        oracle.Context.Feature.Add("thumbnail", Bytes(e.Thumbnail));
        oracle.Context.Feature.Add("tags", Int64s(e.Tags));
        if (e.Reward is { } reward)
        {
            oracle.Context.Feature.Add("reward", Floats(reward));
        }

        oracle.Context.Feature.Add("title", Strings(e.Title));
        oracle.Context.Feature.Add("level", Int64s(e.Level));
        FeatureList List(IEnumerable<Feature> steps) => new() { Feature = { steps } };
        oracle.FeatureLists.FeatureList.Add("actions", List(e.Actions.Select(a => Int64s(a))));
        oracle.FeatureLists.FeatureList.Add("colors", List(e.Colors.Select(c => Int64s((long)c))));
        oracle.FeatureLists.FeatureList.Add("done", List(e.Done.Select(d => Int64s(d ? 1 : 0))));
        oracle.FeatureLists.FeatureList.Add("values", List(e.Values.Select(v => Floats((float)v))));
        oracle.FeatureLists.FeatureList.Add("color_pairs", List(e.ColorPairs.Select(pair => Int64s([.. pair.Select(c => (long)c)]))));
        oracle.FeatureLists.FeatureList.Add("frames", List(e.Frames.Select(f => Bytes(f))));
        oracle.FeatureLists.FeatureList.Add("chunks", List(e.Chunks.Select(c => Bytes(c.ToArray()))));
        oracle.FeatureLists.FeatureList.Add("captions", List(e.Captions.Select(Strings)));
        oracle.FeatureLists.FeatureList.Add("boxes", List(e.Boxes.Select(Floats)));
        if (e.Rewards is not null)
        {
            oracle.FeatureLists.FeatureList.Add("rewards", List(e.Rewards.Select(r => Int64s(r))));
        }

        return oracle;
    }

    [Fact]
    public void Episodes_write_the_bytes_of_Google_Protobuf_and_parse_back() =>
        Episodes.Sample(e =>
        {
            SequenceExample oracle = EpisodeOracle(e);
            Assert.Equal(ExampleEncoding.ToSortedByteArray(oracle), e.ToByteArray());
            Episode parsed = Episode.Parse(oracle.ToByteArray());
            Assert.Equal(e.ToByteArray(), parsed.ToByteArray());
        }, iter: 50);

    [Fact]
    public void Batch_keeps_feature_lists_as_values_and_per_row_step_offsets() =>
        Episodes.Array[1, 5].Sample(episodes =>
        {
            Episode.Batch batch = Episode.Batch.Create(episodes.Length);
            foreach (Episode episode in episodes)
            {
                Episode.ParseInto(EpisodeOracle(episode).ToByteArray(), batch, batch.Count);
            }

            Assert.Equal(episodes.Length, batch.Count);
            Assert.Equal(StepOffsets(episodes, e => e.Actions.Length), batch.Actions.StepOffsets.ToArray());
            Assert.Equal(episodes.SelectMany(e => e.Actions), batch.Actions.Values.ToArray());
            Assert.Equal(StepOffsets(episodes, e => e.Boxes.Length), batch.Boxes.StepOffsets.ToArray());
            Assert.Equal(episodes.SelectMany(e => e.Boxes.SelectMany(box => box)), batch.Boxes.Values.ToArray());
            Assert.Equal(4, batch.Boxes.StepWidth);
            Assert.Equal(episodes.SelectMany(e => e.ColorPairs.SelectMany(pair => pair)), batch.ColorPairs.Values.ToArray());
            for (int row = 0; row < episodes.Length; row++)
            {
                Episode episode = episodes[row];
                Assert.Equal(episode.ToByteArray(), batch.Get(row).ToByteArray());
                Assert.Equal(episode.Thumbnail, batch.Thumbnail.Slice(row * 4, 4).ToArray());
                Assert.Equal(episode.Level, batch.Level[row]);
                Assert.Equal(episode.Reward is not null, batch.Reward.IsPresent(row));
                Assert.Equal(episode.Boxes.Length, batch.Boxes.GetStepCount(row));
                for (int step = 0; step < episode.Boxes.Length; step++)
                {
                    Assert.Equal(episode.Boxes[step], batch.Boxes.GetStep(row, step).ToArray());
                }

                Assert.Equal(episode.Values.Select(v => (double)(float)v), batch.Values[row].ToArray());
                Assert.Equal(episode.Done, batch.Done[row].ToArray());
                Assert.Equal(episode.Frames, batch.Frames.GetValues(row));
                Assert.Equal(episode.Captions.SelectMany(c => c), batch.Captions.GetStrings(row));
                Assert.Equal(episode.Rewards is not null, batch.Rewards.IsPresent(row));
                Assert.Equal(episode.Rewards ?? [], batch.Rewards[row].ToArray());
            }
        }, iter: 30);

    [Fact]
    public void Missing_feature_lists_are_empty_and_missing_optional_ones_null()
    {
        var context = new SequenceExample { Context = new Features { Feature = { ["thumbnail"] = Bytes(new byte[4]), ["title"] = Strings("t") } } };
        Episode.Batch batch = Episode.Batch.Create(1);
        batch.ParseInto(context.ToByteArray(), 0);

        Assert.True(batch.Actions.IsPresent(0));
        Assert.Equal(0, batch.Actions.GetStepCount(0));
        Assert.True(batch.Captions.IsPresent(0));
        Assert.Equal(0, batch.Captions.GetValueCount(0));
        Assert.False(batch.Rewards.IsPresent(0));
        Assert.Equal(3, batch.Level[0]);
        Episode episode = batch.Get(0);
        Assert.Empty(episode.Boxes);
        Assert.Null(episode.Rewards);
        Assert.Null(episode.Reward);
        Assert.Equal(Episode.Parse(context.ToByteArray()).ToByteArray(), episode.ToByteArray());
    }

    [Fact]
    public void A_step_of_the_wrong_size_fails_the_row_and_leaves_the_batch_unchanged()
    {
        var good = new Episode { Title = "good", Actions = [1, 2], Boxes = [[1, 2, 3, 4]], Captions = [["a", "b"]], Rewards = [5] };
        SequenceExample bad = EpisodeOracle(good);
        bad.FeatureLists.FeatureList["boxes"].Feature.Add(Floats(1, 2, 3));
        Episode.Batch batch = Episode.Batch.Create(2);
        batch.ParseInto(good.ToByteArray(), 0);

        Assert.False(batch.TryParseInto(bad.ToByteArray(), 1, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.WrongValueCount, error.Kind);
        Assert.Equal("boxes", error.Key);
        Assert.Equal(1, error.Index);
        Assert.Equal(1, batch.Count);
        Assert.Equal([0, 2], batch.Actions.StepOffsets.ToArray());
        Assert.Equal(1, batch.Captions.Count);
        Assert.Equal(1, batch.Title.Count);

        batch.ParseInto(good.ToByteArray(), 1);
        Assert.Equal(good.ToByteArray(), batch.Get(1).ToByteArray());
    }

    [Fact]
    public void A_string_step_of_the_wrong_size_leaves_its_column_unchanged()
    {
        var good = new Episode { Title = "good", Captions = [["a", "b"]] };
        SequenceExample bad = EpisodeOracle(good);
        bad.FeatureLists.FeatureList["captions"].Feature.Add(Strings("only one"));
        Episode.Batch batch = Episode.Batch.Create(2);
        batch.ParseInto(good.ToByteArray(), 0);

        Assert.False(batch.TryParseInto(bad.ToByteArray(), 1, out ExampleParseError error));
        Assert.Equal("captions", error.Key);
        Assert.Equal(1, batch.Captions.Count);
        Assert.Equal(["a", "b"], batch.Captions.GetStrings(0));
        Assert.Equal(2, batch.Captions.ValueOffsets.Length - 1);
    }

    [Fact]
    public void ParseInto_a_reused_batch_allocates_nothing()
    {
        Episode episode = Episodes.Single();
        byte[] record = episode.ToByteArray();
        Episode.Batch batch = Episode.Batch.Create(1);
        Assert.Equal(0, Allocations.Of(() =>
        {
            batch.Clear();
            Episode.ParseInto(record, batch, 0);
        }));
        Assert.Equal(record, batch.Get(0).ToByteArray());
    }

    [Fact]
    public void Sequence_batch_can_be_created_knowing_only_its_type()
    {
        static int Fill<TBatch>(byte[] record)
            where TBatch : ITfExampleBatch<TBatch>
        {
            TBatch batch = TBatch.Create(3);
            while (batch.Count < batch.Capacity)
            {
                batch.ParseInto(record, batch.Count);
            }

            return batch.Count;
        }

        Assert.Equal(3, Fill<Episode.Batch>(new Episode { Title = "x" }.ToByteArray()));
        Assert.Same(Episode.Schema, Episode.Batch.Schema);
    }

    [Fact]
    public void A_batch_of_context_features_only_overwrites_rows_in_place_or_not_at_all()
    {
        Clip.Batch batch = Clip.Batch.Create(1);
        batch.ParseInto(new Clip(1, [1, 2]).ToByteArray(), 0);
        var bad = new SequenceExample { Context = new Features { Feature = { ["id"] = Int64s(2), ["span"] = Floats(3) } } };

        Assert.False(batch.TryParseInto(bad.ToByteArray(), 0, out ExampleParseError error));
        Assert.Equal(ExampleParseErrorKind.WrongValueCount, error.Kind);
        Assert.Equal([1L], batch.Id.ToArray());
        Assert.Equal([1f, 2], batch.Span.ToArray());

        batch.ParseInto(new Clip(3, [4, 5]).ToByteArray(), 0);
        Assert.Equal(1, batch.Count);
        Assert.Equal(new Clip(3, [4, 5]).ToByteArray(), batch.Get(0).ToByteArray());
    }

    private static int[] StepOffsets(Episode[] episodes, Func<Episode, int> steps)
    {
        var offsets = new int[episodes.Length + 1];
        for (int i = 0; i < episodes.Length; i++)
        {
            offsets[i + 1] = offsets[i] + steps(episodes[i]);
        }

        return offsets;
    }
}
