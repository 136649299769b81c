namespace SchemaGen.Examples;

/// <summary>What a <see cref="SequenceExampleWriter"/> is writing.</summary>
internal enum SequenceWriterStage
{
    /// <summary>Context features.</summary>
    Context,

    /// <summary>Feature lists.</summary>
    FeatureLists,

    /// <summary>Nothing: it is complete.</summary>
    Completed,
}
