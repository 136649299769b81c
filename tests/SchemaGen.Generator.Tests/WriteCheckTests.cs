using System.Buffers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generator.Tests.Infrastructure;
using SchemaGen.Generator.Tests.Types;
using SchemaGen.Schema;

namespace SchemaGen.Generator.Tests;

/// <summary>
/// A member that does not fit its feature (a required value that is null, a fixed shape of another size) fails every
/// write method, and each check runs once per write: in the pass that measures the message, not again in the one
/// that writes it.
/// </summary>
public class WriteCheckTests
{
    public static TheoryData<string, Func<object>, string> Misfits => new()
    {
        { "null byte[]", () => new Cifar(null!, 1), "Cifar.Image is null: its feature is required. Make the member nullable to leave the feature out." },
        { "short byte[]", () => new Cifar(new byte[5], 1), "Cifar.Image has 5 values: its fixed shape needs exactly 3072." },
        { "null string", () => new Scalars { Name = null!, ImageData = [] }, "Scalars.Name is null: its feature is required. Make the member nullable to leave the feature out." },
        { "long list", () => new Lists { Matrix = new float[5], Triple = new long[3] }, "Lists.Matrix has 5 values: its fixed shape needs exactly 4." },
        { "null step", () => new Episode { Frames = [[1], null!] }, "Episode.Frames is null: its feature is required. Make the member nullable to leave the feature out." },
        { "short step", () => new Episode { Captions = [["a", "b"], ["c"]] }, "Episode.Captions has 1 values: its fixed shape needs exactly 2." },
    };

    [Theory]
    [MemberData(nameof(Misfits))]
    public void A_member_that_does_not_fit_fails_every_write_method(string misfit, Func<object> create, string message)
    {
        Assert.NotEmpty(misfit);
        object value = create();
        foreach (Action write in WriteMethods(value))
        {
            var exception = Assert.Throws<InvalidOperationException>(write);
            Assert.Equal(message, exception.Message);
        }
    }

    [Theory]
    [InlineData("""
        using SchemaGen;
        [TfExample]
        public partial record Checked([property: TfFeature(Shape = new[] { 4 })] byte[] Image, string Name, [property: TfFeature(Shape = new[] { 2 })] float[] Pair);
        """, 2, 2)]
    [InlineData("""
        using SchemaGen;
        [TfSequenceExample]
        public partial record Checked(string Title, [property: TfFeatureList] string[] Words, [property: TfFeatureList, TfFeature(Shape = new[] { 2 })] int[][] Pairs);
        """, 2, 1)]
    public void Generated_writing_checks_in_the_measuring_pass_only(string source, int required, int exactly)
    {
        (GeneratorDriverRunResult result, _) = GeneratorHarness.Run(source);
        SyntaxNode root = Assert.Single(result.GeneratedTrees).GetRoot();
        MethodDeclarationSyntax[] methods = [.. root.DescendantNodes().OfType<MethodDeclarationSyntax>()];

        Assert.Equal(required, Calls(root, "Required"));
        Assert.Equal(exactly, Calls(root, "Exactly"));
        MethodDeclarationSyntax writeFeatures = Assert.Single(methods, m => m.Identifier.Text == "WriteFeatures");
        Assert.Equal(0, Calls(writeFeatures, "Required") + Calls(writeFeatures, "Exactly"));

        // A feature list is measured once per write: by GetFeatureListsLength, which keeps its length for WriteFeatures.
        foreach (MethodDeclarationSyntax listLength in methods.Where(m => m.Identifier.Text.EndsWith("ListLength", StringComparison.Ordinal)))
        {
            Assert.Equal(1, Calls(root, listLength.Identifier.Text));
        }
    }

    private static int Calls(SyntaxNode node, string method) => node.DescendantNodes().OfType<InvocationExpressionSyntax>().Count(call => call.Expression switch
    {
        MemberAccessExpressionSyntax { Name: var name } => name.Identifier.Text == method,
        IdentifierNameSyntax identifier => identifier.Identifier.Text == method,
        _ => false,
    });

    private static Action[] WriteMethods(object value) => value switch
    {
        Cifar cifar => Of(cifar),
        Scalars scalars => Of(scalars),
        Lists lists => Of(lists),
        Episode episode => Of(episode),
        _ => throw new ArgumentException(value.GetType().Name, nameof(value)),
    };

    private static Action[] Of<T>(T value)
        where T : ITfExample<T> =>
    [
        () => value.GetSerializedSize(),
        () => value.WriteTo(new byte[1 << 16]),
        () => value.WriteTo(new ArrayBufferWriter<byte>()),
        () => value.ToByteArray(),
    ];
}
