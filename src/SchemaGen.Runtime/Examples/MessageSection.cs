namespace SchemaGen.Examples;

/// <summary>
/// An open length-delimited message (a Features or FeatureLists) that <see cref="FeatureSpanWriter"/> writes entries
/// into. With an unknown length the widest length prefix is reserved and the content moved back once it is closed.
/// </summary>
internal readonly struct MessageSection
{
    public MessageSection(int tagPosition, int start, int declaredLength, WriteLimit outerLimitKind, int outerLimit)
    {
        TagPosition = tagPosition;
        Start = start;
        DeclaredLength = declaredLength;
        OuterLimitKind = outerLimitKind;
        OuterLimit = outerLimit;
    }

    /// <summary>Where the message's tag is.</summary>
    public int TagPosition { get; }

    /// <summary>Where its content starts.</summary>
    public int Start { get; }

    /// <summary>The length the caller declared, or -1 when it is found on closing.</summary>
    public int DeclaredLength { get; }

    /// <summary>The limit in force before the section opened, restored when it closes.</summary>
    public WriteLimit OuterLimitKind { get; }

    /// <summary>The limit's position.</summary>
    public int OuterLimit { get; }
}
