namespace SchemaGen.Generator.Model;

/// <summary>What one value of a feature is in C#, which fixes its dtype and conversions.</summary>
internal enum ElementKind
{
    /// <summary>long, int, short, sbyte, byte, uint: int64.</summary>
    Integer,

    /// <summary>bool: int64 0 or 1.</summary>
    Boolean,

    /// <summary>An enum: int64 of its underlying value.</summary>
    Enum,

    /// <summary>float: float32.</summary>
    Float,

    /// <summary>double (opted in): float32, rounded on writing.</summary>
    Double,

    /// <summary>string: one bytes value, UTF-8.</summary>
    String,

    /// <summary>byte[]: one bytes value.</summary>
    Bytes,

    /// <summary>ReadOnlyMemory&lt;byte&gt;: one bytes value.</summary>
    Memory,
}
