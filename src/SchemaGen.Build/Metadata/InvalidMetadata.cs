namespace SchemaGen.Build.Metadata;

/// <summary>One invalid metadata value of a <c>TfRecordDataset</c> item: its name, the value, and what is expected instead.</summary>
internal sealed class InvalidMetadata(string name, string value, string expected)
{
    public string Name { get; } = name;

    public string Value { get; } = value;

    public string Expected { get; } = expected;

    /// <summary>The SCHEMA108 message: the item, the metadata and what was expected.</summary>
    public string Message(string item) => $"TfRecordDataset '{item}': {Name}=\"{Value}\" is not valid; expected {Expected}.";
}
