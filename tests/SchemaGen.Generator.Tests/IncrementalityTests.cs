using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SchemaGen.Generator.Tests.Infrastructure;

namespace SchemaGen.Generator.Tests;

/// <summary>The pipeline caches: an unrelated edit re-runs nothing, and its models hold no symbols or syntax.</summary>
public class IncrementalityTests
{
    private const string Schema = """
        using SchemaGen;
        namespace Samples;
        [TfExample]
        public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
        [TfExample]
        public partial class Broken { public System.DateTime When { get; set; } }
        """;

    [Fact]
    public void An_unrelated_edit_leaves_every_step_cached_or_unchanged()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Schema, "class Other { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        CSharpCompilation edited = compilation.ReplaceSyntaxTree(
            compilation.SyntaxTrees.Last(),
            CSharpSyntaxTree.ParseText("class Other { int _field; }", GeneratorHarness.ParseOptions));
        GeneratorRunResult second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        string[] tracked = [TrackingNames.ExampleTypes, TrackingNames.Models, TrackingNames.Diagnostics];
        foreach (string step in tracked)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (IncrementalGeneratorRunStep run in second.TrackedSteps[step])
            {
                Assert.All(run.Outputs, output => Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {step} re-ran: {output.Reason}"));
            }
        }

        Assert.All(second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Equal(IncrementalStepRunReason.Cached, output.Reason));
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_compilations_or_locations()
    {
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(GeneratorHarness.Compile(Schema)).GetRunResult().Results.Single();
        object[] models = [.. result.TrackedSteps[TrackingNames.Models].SelectMany(s => s.Outputs).Select(o => o.Value)];
        Assert.Equal(2, models.Length); // Broken is generated too, without the member that cannot map
        foreach (object model in models)
        {
            AssertNoRoslynObjects(model, "model", depth: 0, allowTrees: false);
        }
    }

    [Fact]
    public void Diagnostics_hold_the_syntax_tree_they_point_into_and_nothing_else_of_Roslyn()
    {
        CSharpCompilation compilation = GeneratorHarness.Compile(Schema);
        GeneratorRunResult result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        object diagnostics = Assert.Single(result.TrackedSteps[TrackingNames.Diagnostics].SelectMany(s => s.Outputs)).Value;
        AssertNoRoslynObjects(diagnostics, "diagnostics", depth: 0, allowTrees: true);
        Assert.Contains(compilation.SyntaxTrees.Single(), Trees(diagnostics, depth: 0));
    }

    /// <summary>The syntax trees a value holds: a tree roots no compilation, and an unchanged file keeps its tree across edits elsewhere.</summary>
    private static IEnumerable<SyntaxTree> Trees(object? value, int depth) => value switch
    {
        null or string => [],
        SyntaxTree tree => [tree],
        _ when depth > 12 || value.GetType().IsPrimitive || value.GetType().IsEnum => [],
        IEnumerable items => items.Cast<object?>().SelectMany(item => Trees(item, depth + 1)),
        _ => value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .SelectMany(field => Trees(field.GetValue(value), depth + 1)),
    };

    private static void AssertNoRoslynObjects(object? value, string path, int depth, bool allowTrees)
    {
        if (value is null || depth > 12 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || (allowTrees && value is SyntaxTree))
        {
            return;
        }

        Assert.False(value is ISymbol or SyntaxNode or Compilation or Location or SemanticModel or SyntaxTree,
            $"{path} holds a {value.GetType().Name}");
        if (value is IEnumerable items)
        {
            int i = 0;
            foreach (object? item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", depth + 1, allowTrees);
            }

            return;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(value), $"{path}.{field.Name}", depth + 1, allowTrees);
        }
    }
}
