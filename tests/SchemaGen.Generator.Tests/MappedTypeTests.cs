using CsCheck;
using Google.Protobuf;
using SchemaGen.Generator.Tests.Types;
using SchemaGen.Protos;
using static SchemaGen.Generator.Tests.Infrastructure.Oracle;

namespace SchemaGen.Generator.Tests;

/// <summary>Every mapped member type, written and parsed, against Google.Protobuf Examples built by hand.</summary>
public class MappedTypeTests
{
    private static readonly Gen<Scalars> AllScalars =
        Gen.Select(Gen.Long, Gen.Int, Gen.Short, Gen.SByte, Gen.Byte, Gen.UInt, Gen.Bool, Gen.Int[1, 3])
            .SelectMany(t => Gen.Select(Gen.Float, Gen.Double, Gen.String, Gen.Byte.Array, Gen.Byte.Array, (f, d, s, b, m) => new Scalars
            {
                Big = t.Item1, Medium = t.Item2, Small = t.Item3, Tiny = t.Item4, Octet = t.Item5, Count32 = t.Item6,
                Flag = t.Item7, Color = (Color)t.Item8, Score = f, Ratio = d, Name = s, ImageData = b, Memory = m, NotStored = 5,
            }));

    private static Example ScalarsOracle(Scalars s) => Example(
        ("big", Int64s(s.Big)), ("medium", Int64s(s.Medium)), ("small", Int64s(s.Small)), ("tiny", Int64s(s.Tiny)),
        ("octet", Int64s(s.Octet)), ("count32", Int64s(s.Count32)), ("flag", Int64s(s.Flag ? 1 : 0)), ("color", Int64s((long)s.Color)),
        ("score", Floats(s.Score)), ("ratio", Floats((float)s.Ratio)), ("name", Strings(s.Name)), ("image/encoded", Bytes(s.ImageData)),
        ("memory", Bytes(s.Memory.ToArray())));

    [Fact]
    public void Scalars_write_the_bytes_of_Google_Protobuf_and_parse_back() =>
        AllScalars.Sample(s =>
        {
            Assert.Equal(Sorted(ScalarsOracle(s)), s.ToByteArray());
            Scalars parsed = Scalars.Parse(ScalarsOracle(s).ToByteArray());
            Assert.Equal((s.Big, s.Medium, s.Small, s.Tiny, s.Octet, s.Count32, s.Flag, s.Color, s.Score, (float)s.Ratio, s.Name),
                (parsed.Big, parsed.Medium, parsed.Small, parsed.Tiny, parsed.Octet, parsed.Count32, parsed.Flag, parsed.Color, parsed.Score, (float)parsed.Ratio, parsed.Name));
            Assert.Equal(s.ImageData, parsed.ImageData);
            Assert.Equal(s.Memory.ToArray(), parsed.Memory.ToArray());
            Assert.Equal(0, parsed.NotStored);
        }, iter: 100);

    private static readonly Gen<Lists> AllLists =
        Gen.Select(Gen.Float.Array[4], Gen.Long.Array[3], Gen.Int.Array, Gen.Long.Array, Gen.Bool.Array, Gen.Int[1, 3].Array, Gen.String.Array)
            .SelectMany(t => Gen.Select(Gen.String.Array[2], Gen.Byte.Array.Array, Gen.Double.Array, (pair, blobs, weights) => new Lists
            {
                Matrix = t.Item1, Triple = t.Item2, Counts = t.Item3, Ids = t.Item4, Flags = t.Item5,
                Colors = [.. t.Item6.Select(c => (Color)c)], Tags = t.Item7, Pair = pair, Blobs = blobs, Weights = weights,
            }));

    private static Example ListsOracle(Lists l) => Example(
        ("matrix", Floats(l.Matrix)), ("triple", Int64s(l.Triple)), ("counts", Int64s([.. l.Counts.Select(c => (long)c)])),
        ("ids", Int64s([.. l.Ids])), ("flags", Int64s([.. l.Flags.Select(f => f ? 1L : 0L)])), ("colors", Int64s([.. l.Colors.Select(c => (long)c)])),
        ("tags", Strings(l.Tags)), ("pair", Strings(l.Pair)), ("blobs", Bytes(l.Blobs)), ("weights", Floats([.. l.Weights.Select(w => (float)w)])));

    [Fact]
    public void Lists_write_the_bytes_of_Google_Protobuf_and_parse_back() =>
        AllLists.Sample(l =>
        {
            Assert.Equal(Sorted(ListsOracle(l)), l.ToByteArray());
            Lists parsed = Lists.Parse(ListsOracle(l).ToByteArray());
            Assert.Equal(l.Matrix, parsed.Matrix);
            Assert.Equal(l.Triple, parsed.Triple);
            Assert.Equal(l.Counts, parsed.Counts);
            Assert.Equal(l.Ids, parsed.Ids);
            Assert.Equal(l.Flags, parsed.Flags);
            Assert.Equal(l.Colors, parsed.Colors);
            Assert.Equal(l.Tags, parsed.Tags);
            Assert.Equal(l.Pair, parsed.Pair);
            Assert.Equal(l.Blobs, parsed.Blobs);
            Assert.Equal(l.Weights.Select(w => (double)(float)w), parsed.Weights);
        }, iter: 100);

    [Fact]
    public void A_shape_of_one_is_an_array_of_one_in_the_batch_too()
    {
        Example full = Example(("one", Int64s(7)), ("half", Floats(0.25f)), ("octet", Bytes([9])));
        Assert.Equal(Sorted(full), new Singletons([7], [0.25f], [9]).ToByteArray());

        Singletons.Batch batch = Singletons.Batch.Create(2);
        batch.ParseInto(full.ToByteArray(), 0);
        batch.ParseInto(Example(("one", Int64s(-8)), ("octet", Bytes([1]))).ToByteArray(), 1);

        Singletons first = batch.Get(0);
        Singletons second = batch.Get(1);
        Assert.Equal([7L], first.One);
        Assert.Equal([0.25f], first.Half);
        Assert.Equal([(byte)9], first.Octet);
        Assert.Equal([-8L], second.One);
        Assert.Equal([2.5f], second.Half); // the default
        Assert.Equal([(byte)1], second.Octet);
    }

    [Fact]
    public void Lists_batch_keeps_variable_lengths_in_columns() =>
        AllLists.Array[1, 6].Sample(records =>
        {
            Lists.Batch batch = Lists.Batch.Create(records.Length);
            foreach (Lists record in records)
            {
                batch.ParseInto(record.ToByteArray(), batch.Count);
            }

            for (int row = 0; row < records.Length; row++)
            {
                Lists back = batch.Get(row);
                Assert.Equal(records[row].ToByteArray(), back.ToByteArray());
                Assert.Equal(records[row].Counts, batch.Counts[row].ToArray());
                Assert.Equal(records[row].Matrix, batch.Matrix.Slice(row * 4, 4).ToArray());
            }
        }, iter: 50);

    [Fact]
    public void IReadOnlyList_members_write_the_same_bytes_from_any_list() =>
        AllLists.Sample(l => Assert.Equal(
            l.ToByteArray(),
            (l with { Ids = new System.Collections.ObjectModel.ReadOnlyCollection<long>([.. l.Ids]) }).ToByteArray()), iter: 20);

    private static Gen<T?> Maybe<T>(Gen<T> values)
        where T : struct => Gen.Bool.SelectMany(present => present ? values.Select(v => (T?)v) : Gen.Const((T?)null));

    private static readonly Gen<Optionals> AllOptionals =
        Gen.Select(Maybe(Gen.Long), Maybe(Gen.Float), Maybe(Gen.Int[1, 3]), Gen.String.Null(), Gen.Byte.Array.Null(), Gen.Long.Array.Null(), Gen.Float.Array[2].Null())
            .SelectMany(t => Gen.Select(Gen.Long, Gen.String, Gen.Long.Array[3], Gen.Bool, (seven, text, steps, enabled) =>
                new Optionals(t.Item1, t.Item2, (Color?)t.Item3, t.Item4, t.Item5, t.Item6, t.Item7, seven, text, steps, enabled)));

    [Fact]
    public void Optionals_round_trip_null_as_a_missing_feature() =>
        AllOptionals.Sample(o =>
        {
            var features = new List<(string, Feature)> { ("seven", Int64s(o.Seven)), ("text", Strings(o.Text)), ("steps", Int64s(o.Steps)), ("enabled", Int64s(o.Enabled ? 1 : 0)) };
            if (o.MaybeLabel is { } label)
            {
                features.Add(("maybe_label", Int64s(label)));
            }

            if (o.MaybeScore is { } score)
            {
                features.Add(("maybe_score", Floats(score)));
            }

            if (o.MaybeColor is { } color)
            {
                features.Add(("maybe_color", Int64s((long)color)));
            }

            if (o.MaybeName is { } name)
            {
                features.Add(("maybe_name", Strings(name)));
            }

            if (o.MaybeBytes is { } bytes)
            {
                features.Add(("maybe_bytes", Bytes(bytes)));
            }

            if (o.MaybeList is { } list)
            {
                features.Add(("maybe_list", Int64s(list)));
            }

            if (o.MaybePair is { } pair)
            {
                features.Add(("maybe_pair", Floats(pair)));
            }

            Example oracle = Example([.. features]);
            Assert.Equal(Sorted(oracle), o.ToByteArray());

            Optionals parsed = Optionals.Parse(oracle.ToByteArray());
            Assert.Equal(o.ToByteArray(), parsed.ToByteArray());
            Assert.Equal(o.MaybeName, parsed.MaybeName);
            Assert.Equal(o.MaybeList is null, parsed.MaybeList is null);

            Optionals.Batch batch = Optionals.Batch.Create(1);
            batch.ParseInto(oracle.ToByteArray(), 0);
            Assert.Equal(o.ToByteArray(), batch.Get(0).ToByteArray());
        }, iter: 100);

    [Fact]
    public void Missing_features_take_their_defaults()
    {
        Optionals parsed = Optionals.Parse(Sorted(Example()));
        Assert.Equal(7, parsed.Seven);
        Assert.Equal("none", parsed.Text);
        Assert.Equal([1L, 2, 3], parsed.Steps);
        Assert.True(parsed.Enabled);
        Assert.Null(parsed.MaybeLabel);
        Assert.Null(parsed.MaybeList);

        Optionals.Batch batch = Optionals.Batch.Create(1);
        batch.ParseInto(Sorted(Example()), 0);
        Assert.Equal(parsed.ToByteArray(), batch.Get(0).ToByteArray());
    }

    [Fact]
    public void Sequence_examples_write_the_bytes_of_Google_Protobuf_and_parse_back() =>
        Gen.Select(Gen.Long, Gen.String, Gen.Long.Array, Gen.String.Array, Gen.Float.Array[3].Array, Gen.Bool.Array.Null())
            .Sample(t =>
            {
                var sentence = new Sentence(t.Item1, t.Item2, t.Item3, t.Item4, t.Item5, t.Item6);
                var oracle = new SequenceExample
                {
                    Context = new Features { Feature = { ["id"] = Int64s(sentence.Id), ["language"] = Strings(sentence.Language) } },
                    FeatureLists = new FeatureLists(),
                };
                oracle.FeatureLists.FeatureList["tokens"] = new FeatureList { Feature = { sentence.Tokens.Select(v => Int64s(v)) } };
                oracle.FeatureLists.FeatureList["words"] = new FeatureList { Feature = { sentence.Words.Select(v => Strings(v)) } };
                oracle.FeatureLists.FeatureList["embeddings"] = new FeatureList { Feature = { sentence.Embeddings.Select(Floats) } };
                if (sentence.Masks is not null)
                {
                    oracle.FeatureLists.FeatureList["masks"] = new FeatureList { Feature = { sentence.Masks.Select(m => Int64s(m ? 1 : 0)) } };
                }

                Assert.Equal(ExampleEncoding.ToSortedByteArray(oracle), sentence.ToByteArray());
                Sentence parsed = Sentence.Parse(Google.Protobuf.MessageExtensions.ToByteArray(oracle));
                Assert.Equal(sentence.ToByteArray(), parsed.ToByteArray());
                Assert.Equal(sentence.Tokens, parsed.Tokens);
            }, iter: 100);
}
