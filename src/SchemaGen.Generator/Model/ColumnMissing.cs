namespace SchemaGen.Generator.Model;

/// <summary>What a batch puts in its column for a record that lacks the feature.</summary>
internal enum ColumnMissing
{
    /// <summary>A row marked missing (an optional member reads it as null; a variable-length list as empty).</summary>
    AppendMissing,

    /// <summary>An empty row of a BytesListColumn: a missing feature list of bytes or strings is an empty sequence.</summary>
    NoByteSteps,

    /// <summary>An empty row of a FeatureListColumn: a missing feature list of numbers is an empty sequence.</summary>
    NoSteps,

    /// <summary>The default value, stored in the row of a fixed buffer of width 1.</summary>
    DefaultValue,

    /// <summary>The default values, copied from the schema into the row's slice of a fixed buffer.</summary>
    DefaultValues,

    /// <summary>The default strings, as a row of a BytesListColumn.</summary>
    DefaultBytes,

    /// <summary>No row: the record fails with a missing-feature error.</summary>
    Error,
}
