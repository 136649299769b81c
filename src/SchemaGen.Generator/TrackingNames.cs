namespace SchemaGen.Generator;

/// <summary>Names of the pipeline steps, so tests can check which steps were cached.</summary>
internal static class TrackingNames
{
    public const string ExampleTypes = nameof(ExampleTypes);
    public const string SequenceExampleTypes = nameof(SequenceExampleTypes);
    public const string Models = nameof(Models);
    public const string Diagnostics = nameof(Diagnostics);
}
