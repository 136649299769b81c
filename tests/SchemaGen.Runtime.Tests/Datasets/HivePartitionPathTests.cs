using SchemaGen.Datasets;

namespace SchemaGen.Runtime.Tests.Datasets;

/// <summary>
/// Partition folder names read as Spark reads them: Hive's escapes undone as ExternalCatalogUtils.unescapePathName
/// does, hidden names as Spark's file index skips them, and values typed as PartitioningUtils.inferPartitionColumnValue
/// types them (Java's Integer.parseInt, Long.parseLong, BigDecimal, Double.parseDouble; the expected types are
/// what those Java methods accept, per their documentation).
/// </summary>
public sealed class HivePartitionPathTests
{
    [Theory]
    [InlineData("fr%2FBE", "fr/BE")]
    [InlineData("a%3Db%25", "a=b%")]
    [InlineData("100%", "100%")]
    [InlineData("%zz", "%zz")]
    [InlineData("%+9", "\t")]
    [InlineData("caf\u00e9", "caf\u00e9")]
    [InlineData("%C3%A9", "\u00c3\u00a9")]
    public void Escapes_are_undone_one_utf16_unit_at_a_time_as_spark_does(string escaped, string expected) =>
        Assert.Equal(expected, HivePartitionPath.Unescape(escaped));

    [Theory]
    [InlineData("_SUCCESS", true)]
    [InlineData("_committed_123", true)]
    [InlineData("_temporary", true)]
    [InlineData(".part-00000-x-c000.tfrecord.crc", true)]
    [InlineData("part-00000.tfrecord._COPYING_", true)]
    [InlineData("lang=en_$folder$", true)]
    [InlineData("_col=1", false)]
    [InlineData("part-00000-x-c000.tfrecord", false)]
    public void Hidden_names_are_those_spark_skips(string name, bool hidden) =>
        Assert.Equal(hidden, HivePartitionPath.IsHidden(name));

    [Theory]
    [InlineData("2024", "Integer")]
    [InlineData("-7", "Integer")]
    [InlineData("+7", "Integer")]
    [InlineData("007", "Integer")]
    [InlineData("9223372036854775807", "Integer")]
    [InlineData("9223372036854775808", "Decimal")]
    [InlineData("1.5", "Double")]
    [InlineData("-3e2", "Double")]
    [InlineData("1.5f", "Double")]
    [InlineData("2d", "Double")]
    [InlineData("NaN", "Double")]
    [InlineData("-Infinity", "Double")]
    [InlineData(".5", "Double")]
    [InlineData("NaNf", "Text")]
    [InlineData("nan", "Text")]
    [InlineData("2024-01-02", "Text")]
    [InlineData("en", "Text")]
    [InlineData("1,5", "Text")]
    [InlineData("__HIVE_DEFAULT_PARTITION__", "Null")]
    public void Values_are_typed_as_java_parses_them(string raw, string expected) =>
        Assert.Equal(expected, PartitionValueParser.Infer(raw).ToString());

    [Theory]
    [InlineData("Integer", "Null", "Integer")]
    [InlineData("Integer", "Double", "Double")]
    [InlineData("Integer", "Decimal", "Decimal")]
    [InlineData("Decimal", "Double", "Double")]
    [InlineData("Double", "Text", "Text")]
    [InlineData("Null", "Null", "Null")]
    public void A_column_takes_the_wider_type_of_its_folders(string a, string b, string expected)
    {
        var (first, second) = (Enum.Parse<PartitionValueType>(a), Enum.Parse<PartitionValueType>(b));
        Assert.Equal(expected, PartitionValueParser.Widen(first, second).ToString());
        Assert.Equal(expected, PartitionValueParser.Widen(second, first).ToString());
    }

    [Fact]
    public void Columns_are_the_partition_folders_nearest_the_file()
    {
        Assert.Equal([("year", "2024"), ("lang", "en")], HivePartitionPath.Parse("year=2024/lang=en/part-0", "x"));
        Assert.Equal([("a", "1")], HivePartitionPath.Parse("a=1/sub/part-0", "x"));
        Assert.Equal([("b", "2")], HivePartitionPath.Parse("a=1/plain/b=2/part-0", "x"));
        Assert.Equal([("a/b", "1")], HivePartitionPath.Parse("a%2Fb=1/part-0", "x"));
        Assert.Empty(HivePartitionPath.Parse("part-0", "x"));
        Assert.Contains("empty column value", Assert.Throws<InvalidDataException>(() => HivePartitionPath.Parse("lang=/part-0", "x")).Message);
    }
}
