using Google.Protobuf;
using Microsoft.ML;
using SchemaGen.Protos;

namespace SchemaGen.ML.Tests;

/// <summary>What the untyped writer writes, decoded by Google.Protobuf: the oracle of the Example bytes.</summary>
public sealed class SaveAsTfRecordTests
{
    private readonly MLContext _ml = new(seed: 1);

    [Fact]
    public void Columns_become_the_features_of_their_names_decoded_by_Google_Protobuf()
    {
        UntypedRow[] rows =
        [
            new() { Count = 7, Big = ulong.MaxValue, Ratio = 0.1, Ratios = [1.5, double.NaN], Bits = [true, false, true], Pair = ["a", "é"], Label = "x" },
            new() { Count = 0, Big = 3, Ratio = -2, Ratios = [], Bits = [false, false, false], Pair = ["", "b"], Label = "y" },
        ];
        IDataView view = _ml.Data.LoadFromEnumerable(rows);
        // A key column (ML.NET's categories) is written as its key value.
        IDataView keyed = _ml.Transforms.Conversion.MapValueToKey("LabelKey", "Label").Fit(view).Transform(view);
        using var stream = new MemoryStream();

        Assert.Equal(2, _ml.Data.SaveAsTfRecord(keyed, stream));
        stream.Position = 0;
        using var reader = new TfRecordReader(stream);
        Example[] examples = [.. reader.ReadAll().Select(Example.Parser.ParseFrom)];

        Assert.Equal(2, examples.Length);
        var first = examples[0].Features.Feature;
        Assert.Equal(["Big", "Bits", "Count", "Label", "LabelKey", "Pair", "Ratio", "Ratios"], first.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([7L], first["Count"].Int64List.Value);
        Assert.Equal([-1L], first["Big"].Int64List.Value);
        Assert.Equal([0.1f], first["Ratio"].FloatList.Value);
        Assert.Equal([1.5f, float.NaN], first["Ratios"].FloatList.Value);
        Assert.Equal([1L, 0L, 1L], first["Bits"].Int64List.Value);
        Assert.Equal(["a", "é"], first["Pair"].BytesList.Value.Select(b => b.ToStringUtf8()));
        Assert.Equal([ByteString.CopyFromUtf8("x")], first["Label"].BytesList.Value);
        Assert.Equal([1L], first["LabelKey"].Int64List.Value);

        var second = examples[1].Features.Feature;
        Assert.False(second.ContainsKey("Ratios"));
        Assert.Equal([ByteString.Empty, ByteString.CopyFromUtf8("b")], second["Pair"].BytesList.Value);
        Assert.Equal([2L], second["LabelKey"].Int64List.Value);
        Assert.Equal([-2f], second["Ratio"].FloatList.Value);
    }

    [Fact]
    public void A_column_with_no_Example_form_is_refused_by_name()
    {
        IDataView view = _ml.Data.LoadFromEnumerable([new DatedRow { When = DateTime.UnixEpoch }]);
        var error = Assert.Throws<NotSupportedException>(() => _ml.Data.SaveAsTfRecord(view, new MemoryStream()));
        Assert.Contains("'When'", error.Message);
    }

    public sealed class DatedRow
    {
        public DateTime When { get; set; }
    }
}
