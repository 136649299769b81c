namespace SchemaGen.Generator.Model;

/// <summary>Which rows a batch parses into, which its columns decide.</summary>
internal enum BatchRows
{
    /// <summary>
    /// Only the next row, <c>Count</c>: some column appends (a <see cref="ColumnKind"/> other than Fixed), and a row
    /// that fails to parse is truncated away.
    /// </summary>
    AppendOnly,

    /// <summary>
    /// Any row up to <c>Count</c>: every column is a fixed buffer with one spare row, which an overwrite parses into and
    /// copies over the row once the record fits, so a record that fails leaves the row as it was.
    /// </summary>
    Overwritable,
}
