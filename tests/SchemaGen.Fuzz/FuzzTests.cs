using CsCheck;
using SchemaGen.Fuzz.Mutation;
using SchemaGen.Fuzz.Targets;

namespace SchemaGen.Fuzz;

/// <summary>
/// The always-on part of the harness: every seed and every input in tests/data/fuzz-regressions runs clean, and a
/// bounded number of CsCheck-drawn mutations (iterations, not time) finds nothing.
/// </summary>
public sealed class FuzzTests
{
    public static TheoryData<string> Targets() => [.. FuzzTargets.All.Select(target => target.Name)];

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_seed_runs_clean(string name)
    {
        var target = FuzzTargets.Named(name);
        var seeds = target.Seeds();
        Assert.NotEmpty(seeds);
        var run = new FuzzRun(target, findingsDirectory: null);
        foreach (byte[] seed in seeds)
        {
            Assert.Null(run.Execute(seed));
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_regression_input_runs_clean(string name)
    {
        var target = FuzzTargets.Named(name);
        string directory = Repository.Path($"tests/data/fuzz-regressions/{name}");
        var inputs = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Where(file => Path.GetExtension(file) is not (".md" or ".txt")).Order(StringComparer.Ordinal).ToArray()
            : [];
        var run = new FuzzRun(target, findingsDirectory: null);
        foreach (string file in inputs)
        {
            Assert.True(run.Execute(File.ReadAllBytes(file)) is null, $"{file}: {string.Join("; ", run.Findings)}");
        }
    }

    [Theory]
    [InlineData("example", 2000)]
    [InlineData("sequence-example", 2000)]
    [InlineData("generated-parse", 2000)]
    [InlineData("tfrecord", 150)]
    [InlineData("pickle", 1000)]
    [InlineData("tar", 300)]
    [InlineData("image-decode", 2000)]
    public void Mutations_find_nothing(string name, int iterations)
    {
        var target = FuzzTargets.Named(name);
        var seeds = target.Seeds();
        var run = new FuzzRun(target, findingsDirectory: null);
        var operations = Gen.Select(Gen.Int[0, Mutator.Kinds - 1], Gen.Int, Gen.Int, Gen.Byte.Array[1, 16],
            (kind, position, value, bytes) => new Mutator.Operation(kind, position, value, bytes)).Array[1, 5];
        Gen.Select(Gen.Int[0, seeds.Count - 1], operations).Sample((seed, ops) =>
        {
            byte[] input = Mutator.Apply(seeds[seed], ops, seeds);
            string? finding = run.Execute(input);
            Assert.True(finding is null, $"{Convert.ToHexString(input.Length <= 256 ? input : input[..256])}: {finding}");
        }, iter: iterations, threads: 1);
    }

    [Fact]
    public void The_harness_reports_an_escaped_exception_a_broken_property_and_an_allocation_over_the_bound()
    {
        var run = new FuzzRun(new PlantedBugTarget(), findingsDirectory: null);

        Assert.Null(run.Execute([1]));
        Assert.StartsWith("InvalidOperationException: planted", run.Execute([2]));
        Assert.StartsWith("FuzzFindingException: planted", run.Execute([3]));
        Assert.StartsWith("allocated", run.Execute([4]));
        Assert.Equal(3, run.Findings.Count);
    }

    private sealed class PlantedBugTarget : IFuzzTarget
    {
        public string Name => "planted";

        public IReadOnlyList<byte[]> Seeds() => [[1]];

        public long AllocationBound(int inputLength) => 1 << 20;

        public void Run(byte[] input)
        {
            switch (input[0])
            {
                case 2: throw new InvalidOperationException("planted");
                case 3: throw new FuzzFindingException("planted");
                case 4: GC.KeepAlive(new byte[4 << 20]); break;
            }
        }
    }
}
