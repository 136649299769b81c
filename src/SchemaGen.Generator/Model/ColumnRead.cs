namespace SchemaGen.Generator.Model;

/// <summary>How a batch parses a present feature into its column.</summary>
internal enum ColumnRead
{
    /// <summary>Integers into the row's slice of a fixed buffer.</summary>
    Int64s,

    /// <summary>An enum's integers into the row's slice of a fixed buffer of the enum.</summary>
    Enums,

    /// <summary>Bools into the row's slice of a fixed buffer.</summary>
    Booleans,

    /// <summary>Floats (or doubles) into the row's slice of a fixed buffer.</summary>
    Floats,

    /// <summary>One bytes value of exactly the row's width into the row's slice of a fixed byte buffer.</summary>
    Raw,

    /// <summary>Integers (an enum's too, as its underlying type) appended to a VarLenColumn.</summary>
    AppendInt64s,

    /// <summary>Bools appended to a VarLenColumn.</summary>
    AppendBooleans,

    /// <summary>Floats (or doubles) appended to a VarLenColumn.</summary>
    AppendFloats,

    /// <summary>One bytes value of exactly the row's width, as a row of a VarLenColumn of bytes.</summary>
    AppendRaw,

    /// <summary>Bytes values (or strings) appended to a BytesListColumn.</summary>
    AppendBytes,

    /// <summary>Each step's integers appended to a FeatureListColumn.</summary>
    Int64Steps,

    /// <summary>Each step's integers appended to a FeatureListColumn of an enum.</summary>
    EnumSteps,

    /// <summary>Each step's bools appended to a FeatureListColumn.</summary>
    BooleanSteps,

    /// <summary>Each step's floats appended to a FeatureListColumn.</summary>
    FloatSteps,

    /// <summary>Each step's bytes values (or strings) appended to a BytesListColumn.</summary>
    BytesSteps,
}
