namespace SchemaGen.Schema;

/// <summary>Which message a schema describes.</summary>
public enum ExampleSchemaKind
{
    /// <summary>A tf.train.Example.</summary>
    Example,

    /// <summary>A tf.train.SequenceExample: context features and feature lists.</summary>
    SequenceExample,
}
