namespace SchemaGen.Generator.Model;

/// <summary>How a list member holds its elements.</summary>
internal enum ContainerKind
{
    /// <summary>Not a list.</summary>
    None,

    /// <summary>T[].</summary>
    Array,

    /// <summary>IReadOnlyList&lt;T&gt; (parsed as T[]).</summary>
    ReadOnlyList,
}
