using System.Globalization;
using SchemaGen.Cli.Json;

namespace SchemaGen.Cli.Tests.Json;

public class PythonFloatTests
{
    [Fact]
    public void Prints_every_value_of_the_Python_table_exactly_as_protobuf_python_does()
    {
        var rows = Fixtures.Rows("float32-json.tsv").ToList();
        var mismatches = rows
            .Select(row => (Bits: row[0], Expected: row[1], Actual: PythonFloat.Format(FromBits(row[0]))))
            .Where(row => row.Actual != row.Expected)
            .Select(row => $"{row.Bits}: {row.Actual} (Python: {row.Expected})")
            .ToList();

        Assert.Equal(4000, rows.Count);
        Assert.Empty(mismatches);
    }

    [Theory]
    [InlineData(1.0f, "1.0")]
    [InlineData(-0.0f, "-0.0")]
    [InlineData(1e20f, "1e+20")]
    [InlineData(1.5e-5f, "1.5e-05")]
    [InlineData(0.0001f, "0.0001")]
    [InlineData(1e15f, "1000000000000000.0")]
    [InlineData(1e16f, "1e+16")]
    [InlineData(float.Epsilon, "1.4013e-45")] // not the shortest (1e-45): Python starts at 6 significant digits
    public void Prints_Python_repr_forms(float value, string expected) =>
        Assert.Equal(expected, PythonFloat.Format(value));

    [Fact]
    public void Refuses_values_JSON_cannot_hold_as_numbers() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PythonFloat.Format(float.NaN));

    private static float FromBits(string hex) =>
        BitConverter.Int32BitsToSingle(int.Parse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
}
