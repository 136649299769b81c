namespace SchemaGen.Examples;

/// <summary>
/// A map entry whose value (a FeatureList) is being written step by step. With an unknown length, the widest length
/// prefixes are reserved for the entry and its value and the content moved back once, when it closes.
/// </summary>
internal readonly struct OpenEntry
{
    public OpenEntry(int tagPosition, int keyFieldStart, int keyFieldLength, int valueStart, int declaredLength, WriteLimit outerLimitKind, int outerLimit)
    {
        TagPosition = tagPosition;
        KeyFieldStart = keyFieldStart;
        KeyFieldLength = keyFieldLength;
        ValueStart = valueStart;
        DeclaredLength = declaredLength;
        OuterLimitKind = outerLimitKind;
        OuterLimit = outerLimit;
    }

    /// <summary>Where the entry's tag is.</summary>
    public int TagPosition { get; }

    /// <summary>Where the key field (tag, length, bytes) starts.</summary>
    public int KeyFieldStart { get; }

    /// <summary>Length of the key field with its tag and length (2 for an empty key).</summary>
    public int KeyFieldLength { get; }

    /// <summary>Where the value's content starts.</summary>
    public int ValueStart { get; }

    /// <summary>The value length the caller declared, or -1 when it is found on closing.</summary>
    public int DeclaredLength { get; }

    /// <summary>The limit in force before the entry opened, restored when it closes.</summary>
    public WriteLimit OuterLimitKind { get; }

    /// <summary>The limit's position.</summary>
    public int OuterLimit { get; }
}
