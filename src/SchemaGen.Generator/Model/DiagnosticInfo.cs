using Microsoft.CodeAnalysis;

namespace SchemaGen.Generator.Model;

/// <summary>A diagnostic to report, as values that compare equal while nothing changed: which descriptor, where, and its message arguments.</summary>
internal readonly record struct DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(), MessageArgs.AsSpan().ToArray());
}
