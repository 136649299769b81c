namespace SchemaGen.Fuzz.Targets;

/// <summary>Every target, by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new ExampleTarget(),
        new SequenceExampleTarget(),
        new GeneratedParseTarget(),
        new TfRecordTarget(),
        new PickleTarget(),
        new TarTarget(),
        new ImageDecodeTarget(),
    ];

    public static IFuzzTarget Named(string name) =>
        All.FirstOrDefault(target => string.Equals(target.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No target '{name}'; the targets are {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
}
