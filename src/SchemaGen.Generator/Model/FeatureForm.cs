namespace SchemaGen.Generator.Model;

/// <summary>How a member's values make up its feature.</summary>
internal enum FeatureForm
{
    /// <summary>One value: FixedLen [].</summary>
    Scalar,

    /// <summary>A byte[] (or ReadOnlyMemory&lt;byte&gt;) with a shape: one bytes value of exactly prod(shape) raw bytes.</summary>
    Raw,

    /// <summary>A list with a shape: FixedLen(shape), exactly prod(shape) values.</summary>
    FixedList,

    /// <summary>A list without a shape: VarLen.</summary>
    VarList,

    /// <summary>A feature list of a SequenceExample: one scalar (or one array of prod(shape) values) per step.</summary>
    Sequence,
}
