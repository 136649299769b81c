namespace SchemaGen.Generator.Model;

/// <summary>How a batch stores one feature.</summary>
internal enum ColumnKind
{
    /// <summary>A buffer of capacity × prod(shape) values (numbers, or raw bytes), one slice per row.</summary>
    Fixed,

    /// <summary>A <c>VarLenColumn&lt;T&gt;</c>: variable-length or optional numbers (or optional raw bytes).</summary>
    VarLen,

    /// <summary>A <c>BytesListColumn</c>: strings and byte arrays (of a feature list: every step's, in order).</summary>
    Bytes,

    /// <summary>A <c>FeatureListColumn&lt;T&gt;</c>: a feature list of numbers, values plus per-row step offsets.</summary>
    FeatureList,
}
