using Google.Protobuf;
using SchemaGen.Cli.Json;

namespace SchemaGen.Cli.Tests.Json;

public class PythonJsonTests
{
    public static TheoryData<string> SyntheticCases => new(SyntheticCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(SyntheticCases))]
    public void JsonFormatter_output_becomes_Python_MessageToJson_text(string name)
    {
        var python = SyntheticCase.Named(name);

        Assert.Equal(python.PythonJson, PythonJson.Format(JsonFormatter.Default.Format(python.Parse())));
    }

    [Fact]
    public void Whitespace_outside_strings_is_replaced_by_Python_separators() =>
        Assert.Equal(
            """{"a": [1.0, 2.5], "b": {}, "c": [], "d ,: x": true, "e": null}""",
            PythonJson.Format(""" {  "a" :[ 1 ,2.5 ] ,"b":{ },"c" : [ ],"d ,: x":true,"e":null } """));

    [Fact]
    public void Escapes_are_rewritten_the_way_json_dumps_with_ensure_ascii_writes_them() =>
        Assert.Equal(
            """["\u00e9\ud83d\ude00 \u007f\u0001 \"\\/ \b\f\n\r\t \u2028"]""",
            PythonJson.Format("[\"é😀 \u007f\\u0001 \\\"\\\\\\/ \\b\\f\\n\\r\\t \\u2028\"]"));

    [Theory]
    [InlineData("[\"abc")]
    [InlineData("[\"a\\q\"]")]
    [InlineData("[\"a\\u12\"]")]
    [InlineData("[tru]")]
    [InlineData("[1.5x]")]
    public void Malformed_input_is_refused_not_misprinted(string json) =>
        Assert.Throws<FormatException>(() => PythonJson.Format(json));
}
