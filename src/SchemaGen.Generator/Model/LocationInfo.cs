using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SchemaGen.Generator.Model;

/// <summary>
/// Where a diagnostic goes: the user's syntax tree and a span in it, from which <see cref="ToLocation"/> rebuilds an
/// in-source location. A location rebuilt from the file path instead counts as outside the source, so
/// <c>#pragma warning disable</c> and <c>.editorconfig</c> severities would not apply to it (dotnet/runtime#92509).
/// </summary>
/// <remarks>
/// Only diagnostics carry this; the models stay plain values. A tree is immutable and roots no compilation, and an
/// edit to another file keeps the same tree object, so the diagnostics still compare equal and stay cached.
/// </remarks>
internal readonly record struct LocationInfo(SyntaxTree Tree, TextSpan Span)
{
    public Location ToLocation() => Location.Create(Tree, Span);

    public static LocationInfo? From(Location? location) =>
        location is { IsInSource: true, SourceTree: { } tree } ? new LocationInfo(tree, location.SourceSpan) : null;
}
