using Microsoft.CodeAnalysis;

namespace SchemaGen.Generator;

/// <summary>
/// The types the parser recognizes, resolved once per compilation and on first use, so members are matched by symbol
/// identity rather than by name. A type the compilation lacks stays null and matches nothing.
/// </summary>
internal sealed class KnownTypeSymbols
{
    public const string TfExampleAttributeName = "SchemaGen.TfExampleAttribute";
    public const string TfSequenceExampleAttributeName = "SchemaGen.TfSequenceExampleAttribute";

    private readonly Compilation _compilation;
    private Resolved? _tfSequenceExampleAttribute;
    private Resolved? _tfFeatureAttribute;
    private Resolved? _tfIgnoreAttribute;
    private Resolved? _tfContextAttribute;
    private Resolved? _tfFeatureListAttribute;
    private Resolved? _readOnlyMemory;

    public KnownTypeSymbols(Compilation compilation)
    {
        _compilation = compilation;
    }

    public INamedTypeSymbol? TfSequenceExampleAttribute => Get(ref _tfSequenceExampleAttribute, TfSequenceExampleAttributeName);

    public INamedTypeSymbol? TfFeatureAttribute => Get(ref _tfFeatureAttribute, "SchemaGen.TfFeatureAttribute");

    public INamedTypeSymbol? TfIgnoreAttribute => Get(ref _tfIgnoreAttribute, "SchemaGen.TfIgnoreAttribute");

    public INamedTypeSymbol? TfContextAttribute => Get(ref _tfContextAttribute, "SchemaGen.TfContextAttribute");

    public INamedTypeSymbol? TfFeatureListAttribute => Get(ref _tfFeatureListAttribute, "SchemaGen.TfFeatureListAttribute");

    /// <summary><c>System.ReadOnlyMemory&lt;T&gt;</c>, unbound.</summary>
    public INamedTypeSymbol? ReadOnlyMemoryOfT => Get(ref _readOnlyMemory, "System.ReadOnlyMemory`1");

    /// <summary><c>System.Collections.Generic.IReadOnlyList&lt;T&gt;</c>, unbound: a special type, always known to the compilation.</summary>
    public INamedTypeSymbol IReadOnlyListOfT => _compilation.GetSpecialType(SpecialType.System_Collections_Generic_IReadOnlyList_T);

    /// <summary>True when <paramref name="type"/> is a construction of <paramref name="definition"/> (<c>IReadOnlyList&lt;long&gt;</c> of <c>IReadOnlyList&lt;T&gt;</c>).</summary>
    public static bool IsConstructedFrom(ITypeSymbol type, INamedTypeSymbol? definition) =>
        definition is not null && type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, definition);

    // A reference write is atomic: two threads that race here look the same type up and store equal results.
    private INamedTypeSymbol? Get(ref Resolved? field, string metadataName) =>
        (field ??= new Resolved(_compilation.GetTypeByMetadataName(metadataName))).Symbol;

    /// <summary>A lookup's result, null included, so a type the compilation lacks is looked up once.</summary>
    private sealed class Resolved
    {
        public Resolved(INamedTypeSymbol? symbol)
        {
            Symbol = symbol;
        }

        public INamedTypeSymbol? Symbol { get; }
    }
}
