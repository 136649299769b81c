namespace SchemaGen.Datasets;

/// <summary>What asking a batch source for the next batch gave.</summary>
internal enum BatchTake
{
    /// <summary>A batch.</summary>
    Batch,

    /// <summary>The end of the data.</summary>
    End,

    /// <summary>Nothing yet: await the wait that came with it, then ask again.</summary>
    Wait,
}
