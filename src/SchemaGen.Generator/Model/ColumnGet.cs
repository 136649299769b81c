namespace SchemaGen.Generator.Model;

/// <summary>How a batch's <c>Get</c> rebuilds a member's value from a row of its column.</summary>
internal enum ColumnGet
{
    /// <summary>The row's value in a fixed buffer.</summary>
    FixedValue,

    /// <summary>A copy of the row's slice of a fixed buffer.</summary>
    FixedValues,

    /// <summary>The row's one value in a VarLenColumn.</summary>
    VarLenValue,

    /// <summary>The row's one value in a VarLenColumn of an enum's integers, cast to the enum.</summary>
    VarLenEnum,

    /// <summary>A copy of the row's values (in a VarLenColumn, or a FeatureListColumn of single-value steps).</summary>
    Values,

    /// <summary>A copy of the row's values in a VarLenColumn of an enum's integers, as the enum.</summary>
    VarLenEnums,

    /// <summary>The row's steps of a FeatureListColumn, one array each.</summary>
    Steps,

    /// <summary>The row's one string in a BytesListColumn.</summary>
    String,

    /// <summary>The row's strings in a BytesListColumn (of a feature list: one per step).</summary>
    Strings,

    /// <summary>A copy of the row's one bytes value in a BytesListColumn.</summary>
    Bytes,

    /// <summary>The row's bytes values in a BytesListColumn (of a feature list: one per step).</summary>
    BytesValues,

    /// <summary>The row's bytes values in a BytesListColumn, one ReadOnlyMemory&lt;byte&gt; per step.</summary>
    Memories,

    /// <summary>The row's strings in a BytesListColumn, grouped into steps of the row width.</summary>
    StringSteps,

    /// <summary>The row's bytes values in a BytesListColumn, grouped into steps of the row width.</summary>
    BytesSteps,
}
