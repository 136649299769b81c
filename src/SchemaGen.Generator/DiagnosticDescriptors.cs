using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SchemaGen.Generator;

/// <summary>Every diagnostic the generator reports (tracked in AnalyzerReleases.Shipped.md).</summary>
// A table: one field per diagnostic, so the rows share their shape.
internal static class DiagnosticDescriptors
{
    private const string Category = "SchemaGen";

    public static readonly DiagnosticDescriptor NotPartial = Error(
        "SCHEMA001",
        "Schema type must be partial",
        "'{0}' has [{1}] but is not partial: declare it 'partial' so the generated members can be added");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "SCHEMA002",
        "Unsupported member type",
        "Member '{0}' has type '{1}', which has no feature mapping: supported are long, int, short, sbyte, byte, uint, bool, enums, float, double (with StoreDoubleAsFloat), string, byte[], ReadOnlyMemory<byte>, arrays and IReadOnlyList<T> of those, and their nullable forms; add [TfIgnore] to leave it out");

    public static readonly DiagnosticDescriptor DuplicateKey = Error(
        "SCHEMA003",
        "Duplicate feature key",
        "Member '{0}' uses feature key '{1}', which member '{2}' already uses: give one of them another key with [TfFeature(\"key\")]");

    public static readonly DiagnosticDescriptor InvalidShape = Error(
        "SCHEMA004",
        "Invalid or missing shape",
        "Member '{0}': {1}");

    public static readonly DiagnosticDescriptor DoubleWithoutOptIn = Error(
        "SCHEMA005",
        "double member without StoreDoubleAsFloat",
        "Member '{0}' is a double, but TensorFlow stores float32: use float, or set [TfFeature(StoreDoubleAsFloat = true)] to round it when written");

    public static readonly DiagnosticDescriptor ConflictingAttributes = Error(
        "SCHEMA006",
        "Conflicting attributes",
        "'{0}': {1}");

    public static readonly DiagnosticDescriptor UnsupportedDeclaration = Error(
        "SCHEMA007",
        "Nested or generic schema type",
        "'{0}' is {1}: the generator supports non-generic top-level types; move it to a namespace as a non-generic type");

    public static readonly DiagnosticDescriptor InvalidDefault = Error(
        "SCHEMA008",
        "Invalid default value",
        "Member '{0}': {1}");

    public static readonly DiagnosticDescriptor NotSettable = Error(
        "SCHEMA009",
        "Member cannot be set when parsing",
        "Member '{0}' is neither a constructor parameter nor settable: add a setter or init accessor, or [TfIgnore] it");

    public static readonly DiagnosticDescriptor ReservedName = Error(
        "SCHEMA010",
        "Member name taken by a generated member",
        "Member '{0}' has the name of a member SchemaGen generates for {1}: {2}");

    private static readonly Dictionary<string, DiagnosticDescriptor> Descriptors = new[]
    {
        NotPartial, UnsupportedType, DuplicateKey, InvalidShape, DoubleWithoutOptIn, ConflictingAttributes, UnsupportedDeclaration, InvalidDefault, NotSettable, ReservedName,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => Descriptors[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
