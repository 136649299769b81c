using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Naming;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests;

/// <summary>
/// The naming rules the generator shares with <c>schemagen schema</c> (one source file compiled into both): the key a
/// member gets, the member a key gets, and the names generated code takes.
/// </summary>
public class FeatureNamingTests
{
    public static TheoryData<string> ReservedNames => [.. FeatureNaming.TypeMembers, .. FeatureNaming.BatchMembers, .. FeatureNaming.RecordMembers];

    /// <summary>The names generated code declares (what records synthesize is the compiler's to report, and schemagen schema's to avoid).</summary>
    public static TheoryData<string> GeneratedNames => [.. FeatureNaming.TypeMembers, .. FeatureNaming.BatchMembers];

    [Theory]
    [InlineData("ImageData", "image_data")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Layer2Norm", "layer2_norm")]
    [InlineData("XFloat", "x_float")]
    [InlineData("Label", "label")]
    [InlineData("GetSerializedSize", "get_serialized_size")]
    [InlineData("TfSchema", "tf_schema")]
    public void A_member_s_key_is_its_name_in_snake_case(string member, string key) =>
        Assert.Equal(key, FeatureNaming.ToSnakeCase(member));

    [Theory]
    [InlineData("image/class/label", "ImageClassLabel")]
    [InlineData("x_float", "XFloat")]
    [InlineData("9lives", "Feature9lives")]
    [InlineData("say \"x\"", "SayX")]
    [InlineData("layer2_norm", "Layer2Norm")]
    public void A_key_s_member_is_its_words_in_PascalCase(string key, string member) =>
        Assert.Equal(member, FeatureNaming.ToPascalCase(key));

    [Theory]
    [InlineData("image_data")]
    [InlineData("label")]
    [InlineData("x_float")]
    [InlineData("layer2_norm")]
    [InlineData("bounding_box_y_min")]
    public void A_snake_case_key_comes_back_from_the_member_schemagen_schema_names_it(string key) =>
        Assert.Equal(key, FeatureNaming.ToSnakeCase(FeatureNaming.ToPascalCase(key)));

    [Theory]
    [MemberData(nameof(ReservedNames))]
    public void Every_reserved_name_round_trips_through_its_key(string name)
    {
        string key = FeatureNaming.ToSnakeCase(name);
        Assert.Equal(name, FeatureNaming.ToPascalCase(key));
        Assert.Equal(key, FeatureNaming.ToSnakeCase(FeatureNaming.ToPascalCase(key)));
    }

    [Theory]
    [MemberData(nameof(GeneratedNames))]
    public void The_generator_rejects_a_feature_of_every_name_generated_code_takes(string name)
    {
        string source = $$"""
            using SchemaGen;
            [TfExample] public partial class Named { [TfFeature("n")] public long {{name}} { get; set; } public long Other { get; set; } }
            """;
        Diagnostic diagnostic = Assert.Single(GeneratorHarness.BuildDiagnostics(source), d => d.Id == "SCHEMA010");
        Assert.Equal(name, source.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }
}
