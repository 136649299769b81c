namespace SchemaGen.Generator.Model;

/// <summary>How a batch stores one feature: every decision the batch's code follows, made by the parser.</summary>
/// <param name="Kind">The column's kind.</param>
/// <param name="ElementType">What the column stores, fully qualified: byte for raw bytes, an enum's underlying integer in a VarLenColumn, otherwise the member's element.</param>
/// <param name="RowWidth">Values per row (per step, for a feature list); -1 when a row holds any number.</param>
/// <param name="Read">How a present feature is parsed into the column.</param>
/// <param name="Missing">What a missing feature leaves in the column.</param>
/// <param name="Get">How <c>Get</c> rebuilds the member from a row.</param>
internal readonly record struct BatchColumn(
    ColumnKind Kind,
    string ElementType,
    int RowWidth,
    ColumnRead Read,
    ColumnMissing Missing,
    ColumnGet Get);
