namespace SchemaGen.Examples;

/// <summary>What bounds the next write of an Example writer, so running into it gets the right error.</summary>
internal enum WriteLimit
{
    /// <summary>The end of the destination.</summary>
    Destination,

    /// <summary>The features length given to <see cref="ExampleWriter"/>.</summary>
    FeaturesLength,

    /// <summary>The context length given to <see cref="SequenceExampleWriter"/>.</summary>
    ContextLength,

    /// <summary>The feature lists length given to <see cref="SequenceExampleWriter"/>.</summary>
    FeatureListsLength,

    /// <summary>The length given to <see cref="SequenceExampleWriter.BeginFeatureList(string, int)"/>.</summary>
    FeatureListLength,

    /// <summary>The writer was completed: nothing more may be written.</summary>
    Completed,
}
