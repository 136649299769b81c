namespace SchemaGen.Generator.Model;

/// <summary>A schema type to generate code for: a value, free of symbols and syntax, so the pipeline caches.</summary>
/// <param name="Namespace">The namespace, empty for the global one.</param>
/// <param name="Name">The type's name.</param>
/// <param name="FullyQualifiedName">The type's name with <c>global::</c> and its namespace.</param>
/// <param name="Keyword">The declaration keyword(s): class, struct, record, record struct.</param>
/// <param name="IsValueType">True for a struct.</param>
/// <param name="IsSequence">True for a [TfSequenceExample] type.</param>
/// <param name="UsesConstructor">True when parsing constructs through <see cref="ConstructorParameters"/>.</param>
/// <param name="ConstructorParameters">The constructor's arguments in order: the parameters set from features, and those whose member is left out and that declare no default (a parameter that declares one is not passed).</param>
/// <param name="Features">The features sorted by key (UTF-8 order), context features before feature lists.</param>
/// <param name="Rows">Which rows the batch parses into.</param>
internal readonly record struct TypeToGenerate(
    string Namespace,
    string Name,
    string FullyQualifiedName,
    string Keyword,
    bool IsValueType,
    bool IsSequence,
    bool UsesConstructor,
    EquatableArray<ConstructorArgument> ConstructorParameters,
    EquatableArray<FeatureToGenerate> Features,
    BatchRows Rows);

/// <summary>A constructor parameter and the member whose feature sets it, or an empty member name to pass <c>default</c>.</summary>
internal readonly record struct ConstructorArgument(string ParameterName, string MemberName);
