namespace SchemaGen.Schema;

/// <summary>Why serialized bytes did not parse into a schema type.</summary>
public enum ExampleParseErrorKind
{
    /// <summary>No error.</summary>
    None,

    /// <summary>A required feature (no default, not nullable) is missing, or has no kind set.</summary>
    MissingFeature,

    /// <summary>The feature holds another list than its dtype (e.g. a float_list for an int64 feature).</summary>
    WrongDataType,

    /// <summary>A fixed-length feature (or a feature list step) holds another number of values than its shape.</summary>
    WrongValueCount,

    /// <summary>A raw uint8 tensor feature holds another number of bytes than its shape.</summary>
    WrongByteCount,

    /// <summary>An int64 value does not fit the member's integer type.</summary>
    ValueOutOfRange,

    /// <summary>The bytes are not a valid serialized message.</summary>
    Malformed,
}
