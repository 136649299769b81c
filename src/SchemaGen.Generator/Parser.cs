using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>Turns an attributed declaration into a <see cref="TypeToGenerate"/> and diagnostics: the only code that reads symbols.</summary>
internal static class Parser
{
    private const string FeatureAttribute = "SchemaGen.TfFeatureAttribute";
    private const string IgnoreAttribute = "SchemaGen.TfIgnoreAttribute";
    private const string ContextAttribute = "SchemaGen.TfContextAttribute";
    private const string FeatureListAttribute = "SchemaGen.TfFeatureListAttribute";

    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, bool isSequence, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (TypeDeclarationSyntax)context.TargetNode;
        var diagnostics = new List<DiagnosticInfo>();
        string attribute = isSequence ? "TfSequenceExample" : "TfExample";

        // A type with both attributes is reported once, by the [TfExample] pipeline.
        if (isSequence && HasAttribute(type, TfExampleGenerator.ExampleAttribute))
        {
            return new ParseResult(null, EquatableArray<DiagnosticInfo>.Empty);
        }

        if (!isSequence && HasAttribute(type, TfExampleGenerator.SequenceExampleAttribute))
        {
            Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, declaration.Identifier.GetLocation(), type.Name,
                "[TfExample] and [TfSequenceExample] cannot both apply: choose the message the type describes");
        }

        if (!type.DeclaringSyntaxReferences.All(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax d && d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            Report(diagnostics, DiagnosticDescriptors.NotPartial, declaration.Identifier.GetLocation(), type.Name, attribute);
        }

        if (type.ContainingType is not null)
        {
            Report(diagnostics, DiagnosticDescriptors.UnsupportedDeclaration, declaration.Identifier.GetLocation(), type.Name, $"nested in '{type.ContainingType.Name}'");
        }
        else if (type.IsGenericType)
        {
            Report(diagnostics, DiagnosticDescriptors.UnsupportedDeclaration, declaration.Identifier.GetLocation(), type.Name, "generic");
        }

        if (diagnostics.Count > 0)
        {
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        IMethodSymbol? primaryConstructor = type.IsRecord
            ? type.InstanceConstructors.FirstOrDefault(c => c.DeclaringSyntaxReferences.Any(r => r.GetSyntax(cancellationToken) is TypeDeclarationSyntax))
            : null;
        IMethodSymbol? constructor = primaryConstructor ?? FindMatchingConstructor(type);

        var features = new List<FeatureToGenerate>();
        var settableByConstructor = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (constructor is not null)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                settableByConstructor.Add(parameter.Name);
            }
        }

        foreach (ISymbol member in type.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            ITypeSymbol? memberType;
            bool settable;
            switch (member)
            {
                case IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property:
                    memberType = property.Type;
                    settable = property.SetMethod is not null;
                    break;
                case IFieldSymbol { IsStatic: false, IsConst: false, IsImplicitlyDeclared: false, DeclaredAccessibility: Accessibility.Public } field:
                    memberType = field.Type;
                    settable = !field.IsReadOnly;
                    break;
                default:
                    continue;
            }

            IParameterSymbol? parameter = constructor?.Parameters.FirstOrDefault(p => string.Equals(p.Name, member.Name, StringComparison.OrdinalIgnoreCase));
            ImmutableArray<AttributeData> attributes = parameter is null ? member.GetAttributes() : member.GetAttributes().AddRange(parameter.GetAttributes());
            Location location = member.Locations.FirstOrDefault() ?? declaration.Identifier.GetLocation();

            FeatureToGenerate? feature = ParseMember(member.Name, memberType, attributes, location, isSequence, diagnostics);
            if (feature is null)
            {
                continue;
            }

            if (!settable && !settableByConstructor.Contains(member.Name))
            {
                Report(diagnostics, DiagnosticDescriptors.NotSettable, location, member.Name);
                continue;
            }

            features.Add(feature.Value);
        }

        CheckDuplicateKeys(features, type, diagnostics);
        CheckReservedNames(features, type, diagnostics);

        var arguments = new List<ConstructorArgument>();
        if (constructor is not null)
        {
            foreach (IParameterSymbol parameter in constructor.Parameters)
            {
                FeatureToGenerate match = features.FirstOrDefault(f => string.Equals(f.MemberName, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (match.MemberName is not null)
                {
                    arguments.Add(new ConstructorArgument(parameter.Name, match.MemberName));
                }
                else if (!parameter.HasExplicitDefaultValue)
                {
                    Report(diagnostics, DiagnosticDescriptors.NotSettable, parameter.Locations.FirstOrDefault() ?? declaration.Identifier.GetLocation(), parameter.Name);
                }
            }
        }

        if (diagnostics.Count > 0)
        {
            return new ParseResult(null, new EquatableArray<DiagnosticInfo>(diagnostics));
        }

        features.Sort(static (a, b) =>
        {
            int bySection = b.IsContext.CompareTo(a.IsContext);
            return bySection != 0 ? bySection : CompareUtf8(a.Key, b.Key);
        });

        var model = new TypeToGenerate(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.IsRecord ? (type.IsValueType ? "record struct" : "record") : (type.IsValueType ? "struct" : "class"),
            type.IsValueType,
            isSequence,
            constructor is not null,
            new EquatableArray<ConstructorArgument>(arguments),
            new EquatableArray<FeatureToGenerate>(features));
        return new ParseResult(model, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Snake case of a member name: <c>ImageData</c> is <c>image_data</c>, <c>HTTPCode</c> is <c>http_code</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var key = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool afterLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool endsAcronym = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((afterLowerOrDigit || endsAcronym) && key.Length > 0 && key[key.Length - 1] != '_')
                {
                    key.Append('_');
                }

                key.Append(char.ToLowerInvariant(c));
            }
            else
            {
                key.Append(c);
            }
        }

        return key.ToString();
    }

    /// <summary>Orders keys by their UTF-8 bytes, the order protobuf's deterministic mode writes map entries in.</summary>
    public static int CompareUtf8(string a, string b)
    {
        byte[] left = Encoding.UTF8.GetBytes(a);
        byte[] right = Encoding.UTF8.GetBytes(b);
        int length = Math.Min(left.Length, right.Length);
        for (int i = 0; i < length; i++)
        {
            if (left[i] != right[i])
            {
                return left[i].CompareTo(right[i]);
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static FeatureToGenerate? ParseMember(string name, ITypeSymbol memberType, ImmutableArray<AttributeData> attributes, Location location, bool isSequence, List<DiagnosticInfo> diagnostics)
    {
        AttributeData? feature = Find(attributes, FeatureAttribute);
        bool ignored = Find(attributes, IgnoreAttribute) is not null;
        bool context = Find(attributes, ContextAttribute) is not null;
        bool list = Find(attributes, FeatureListAttribute) is not null;

        if (ignored)
        {
            if (feature is not null || context || list)
            {
                Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, location, name, "[TfIgnore] leaves the member out, so it cannot also have [TfFeature], [TfContext] or [TfFeatureList]");
            }

            return null;
        }

        if (!isSequence && (context || list))
        {
            Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, location, name, "[TfContext] and [TfFeatureList] apply to members of [TfSequenceExample] types only");
            return null;
        }

        if (context && list)
        {
            Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, location, name, "a member is either [TfContext] or [TfFeatureList], not both");
            return null;
        }

        string key = ToSnakeCase(name);
        int[]? shape = null;
        TypedConstant defaultValue = default;
        bool storeDoubleAsFloat = false;
        if (feature is not null)
        {
            if (feature.ConstructorArguments.Length == 1 && feature.ConstructorArguments[0].Value is string explicitKey)
            {
                key = explicitKey;
            }

            foreach (KeyValuePair<string, TypedConstant> argument in feature.NamedArguments)
            {
                switch (argument.Key)
                {
                    case "Shape" when !argument.Value.IsNull && argument.Value.Kind == TypedConstantKind.Array:
                        shape = argument.Value.Values.Select(v => v.Value is int d ? d : 0).ToArray();
                        break;
                    case "Default":
                        defaultValue = argument.Value;
                        break;
                    case "StoreDoubleAsFloat":
                        storeDoubleAsFloat = argument.Value.Value is true;
                        break;
                }
            }
        }

        if (key.Length == 0)
        {
            Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, location, name, "the feature key is empty: give it a key");
            return null;
        }

        if (shape is not null && (shape.Length == 0 || shape.Any(d => d <= 0)))
        {
            Report(diagnostics, DiagnosticDescriptors.InvalidShape, location, name,
                $"Shape [{string.Join(", ", shape)}] is invalid: give at least one dimension, each positive");
            return null;
        }

        // Unwrap the member's type: nullable, then steps of a feature list, then a list, then the element.
        ITypeSymbol type = memberType;
        bool nullableValueType = false;
        bool optional = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
            nullableValueType = true;
            optional = true;
        }
        else if (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            optional = true;
        }

        ContainerKind container = ContainerKind.None;
        ContainerKind stepContainer = ContainerKind.None;
        FeatureForm form;
        if (list)
        {
            container = ListKind(type, out ITypeSymbol? step);
            if (container == ContainerKind.None || step is null)
            {
                Report(diagnostics, DiagnosticDescriptors.UnsupportedType, location, name, memberType.ToDisplayString());
                return null;
            }

            type = step;
            if (!IsBytes(type))
            {
                stepContainer = ListKind(type, out ITypeSymbol? element);
                if (stepContainer != ContainerKind.None)
                {
                    type = element!;
                    if (shape is null)
                    {
                        Report(diagnostics, DiagnosticDescriptors.InvalidShape, location, name,
                            "a feature list whose steps are lists needs a Shape: each step holds exactly prod(shape) values (TensorFlow's FixedLenSequenceFeature)");
                        return null;
                    }
                }
            }

            form = FeatureForm.Sequence;
        }
        else if (!IsBytes(type) && !IsMemory(type) && (container = ListKind(type, out ITypeSymbol? element)) != ContainerKind.None)
        {
            type = element!;
            form = shape is null ? FeatureForm.VarList : FeatureForm.FixedList;
        }
        else
        {
            form = shape is not null ? FeatureForm.Raw : FeatureForm.Scalar;
        }

        if (!TryClassify(type, out ElementKind kind, out string integerType))
        {
            Report(diagnostics, DiagnosticDescriptors.UnsupportedType, location, name, memberType.ToDisplayString());
            return null;
        }

        if ((form is FeatureForm.FixedList or FeatureForm.VarList || stepContainer != ContainerKind.None) && kind == ElementKind.Memory)
        {
            Report(diagnostics, DiagnosticDescriptors.UnsupportedType, location, name, memberType.ToDisplayString());
            return null;
        }

        if (form == FeatureForm.Raw && kind is not (ElementKind.Bytes or ElementKind.Memory))
        {
            Report(diagnostics, DiagnosticDescriptors.InvalidShape, location, name,
                "Shape applies to lists and to byte[] (raw uint8 tensors); a single value has no shape");
            return null;
        }

        if (form == FeatureForm.Sequence && stepContainer == ContainerKind.None && shape is not null)
        {
            Report(diagnostics, DiagnosticDescriptors.InvalidShape, location, name,
                "Shape applies to feature lists whose steps are lists; each step here is a single value");
            return null;
        }

        if (kind == ElementKind.Double && !storeDoubleAsFloat)
        {
            Report(diagnostics, DiagnosticDescriptors.DoubleWithoutOptIn, location, name);
            return null;
        }

        if (kind != ElementKind.Double && storeDoubleAsFloat)
        {
            Report(diagnostics, DiagnosticDescriptors.ConflictingAttributes, location, name, "StoreDoubleAsFloat applies to double members only");
            return null;
        }

        var feature1 = new FeatureToGenerate(
            name,
            key,
            memberType.ToDisplayString(TypeFormat),
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            integerType,
            kind,
            form,
            container,
            stepContainer,
            optional,
            nullableValueType,
            new EquatableArray<int>(shape ?? Array.Empty<int>()),
            EquatableArray<string>.Empty,
            !list);

        if (!defaultValue.IsNull && defaultValue.Kind != TypedConstantKind.Error)
        {
            string? problem = ParseDefault(feature1, defaultValue, type, out string[] values);
            if (problem is not null)
            {
                Report(diagnostics, DiagnosticDescriptors.InvalidDefault, location, name, problem);
                return null;
            }

            feature1 = feature1 with { DefaultValues = new EquatableArray<string>(values) };
        }

        return feature1;
    }

    private static string? ParseDefault(FeatureToGenerate feature, TypedConstant value, ITypeSymbol elementType, out string[] values)
    {
        values = Array.Empty<string>();
        if (feature.IsOptional || feature.Form is not (FeatureForm.Scalar or FeatureForm.FixedList) || feature.Element is ElementKind.Bytes or ElementKind.Memory)
        {
            return "a Default applies to required single values and fixed-shape lists of numbers, bools, enums and strings (a nullable member reads a missing feature as null instead)";
        }

        IEnumerable<TypedConstant> constants = value.Kind == TypedConstantKind.Array ? value.Values : new[] { value };
        if (feature.Form == FeatureForm.Scalar && value.Kind == TypedConstantKind.Array)
        {
            return "the Default of a single value is a constant, not an array";
        }

        var texts = new List<string>();
        foreach (TypedConstant constant in constants)
        {
            string? text = DefaultText(feature.Element, constant.Value, elementType);
            if (text is null)
            {
                return $"the Default value '{constant.Value ?? "null"}' is not a {elementType.ToDisplayString()}";
            }

            texts.Add(text);
        }

        if (texts.Count != feature.ElementCount)
        {
            return $"the Default has {texts.Count} values, but the shape [{string.Join(", ", feature.Shape)}] holds {feature.ElementCount}";
        }

        values = texts.ToArray();
        return null;
    }

    private static string? DefaultText(ElementKind kind, object? value, ITypeSymbol elementType)
    {
        switch (kind)
        {
            case ElementKind.Integer:
            case ElementKind.Enum:
                if (value is null or bool or float or double or decimal or string or char)
                {
                    return null;
                }

                decimal number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
                (decimal min, decimal max) = RangeOf(kind == ElementKind.Enum ? ((INamedTypeSymbol)elementType).EnumUnderlyingType!.SpecialType : elementType.SpecialType);
                return number < min || number > max ? null : number.ToString(CultureInfo.InvariantCulture);
            case ElementKind.Boolean:
                return value is bool b ? (b ? "true" : "false") : null;
            case ElementKind.Float:
            case ElementKind.Double:
                return value switch
                {
                    float f => f.ToString("R", CultureInfo.InvariantCulture),
                    double d => ((float)d).ToString("R", CultureInfo.InvariantCulture),
                    null or bool or string or char => null,
                    _ => Convert.ToSingle(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
                };
            case ElementKind.String:
                return value as string;
            default:
                return null;
        }
    }

    private static (decimal Min, decimal Max) RangeOf(SpecialType type) => type switch
    {
        SpecialType.System_SByte => (sbyte.MinValue, sbyte.MaxValue),
        SpecialType.System_Byte => (byte.MinValue, byte.MaxValue),
        SpecialType.System_Int16 => (short.MinValue, short.MaxValue),
        SpecialType.System_UInt16 => (ushort.MinValue, ushort.MaxValue),
        SpecialType.System_Int32 => (int.MinValue, int.MaxValue),
        SpecialType.System_UInt32 => (uint.MinValue, uint.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static bool TryClassify(ITypeSymbol type, out ElementKind kind, out string integerType)
    {
        integerType = "";
        if (IsBytes(type))
        {
            kind = ElementKind.Bytes;
            return true;
        }

        if (IsMemory(type))
        {
            kind = ElementKind.Memory;
            return true;
        }

        if (type.TypeKind == TypeKind.Enum && type is INamedTypeSymbol { EnumUnderlyingType: { } underlying })
        {
            kind = ElementKind.Enum;
            integerType = IntegerKeyword(underlying.SpecialType) ?? "";
            return integerType.Length > 0;
        }

        kind = type.SpecialType switch
        {
            SpecialType.System_Boolean => ElementKind.Boolean,
            SpecialType.System_Single => ElementKind.Float,
            SpecialType.System_Double => ElementKind.Double,
            SpecialType.System_String => ElementKind.String,
            _ => ElementKind.Integer,
        };
        if (kind != ElementKind.Integer)
        {
            return true;
        }

        integerType = IntegerKeyword(type.SpecialType) ?? "";
        return integerType.Length > 0 && type.SpecialType != SpecialType.System_UInt16;
    }

    // The integer types an int64 holds exactly; ushort only as an enum's underlying type.
    private static string? IntegerKeyword(SpecialType type) => type switch
    {
        SpecialType.System_Int64 => "long",
        SpecialType.System_Int32 => "int",
        SpecialType.System_Int16 => "short",
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Byte => "byte",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_UInt16 => "ushort",
        _ => null,
    };

    private static ContainerKind ListKind(ITypeSymbol type, out ITypeSymbol? element)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                element = array.ElementType;
                return ContainerKind.Array;
            case INamedTypeSymbol { IsGenericType: true } named
                when named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.IReadOnlyList<T>":
                element = named.TypeArguments[0];
                return ContainerKind.ReadOnlyList;
            default:
                element = null;
                return ContainerKind.None;
        }
    }

    private static bool IsBytes(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

    private static bool IsMemory(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && named.OriginalDefinition.ToDisplayString() == "System.ReadOnlyMemory<T>"
        && named.TypeArguments[0].SpecialType == SpecialType.System_Byte;

    private static IMethodSymbol? FindMatchingConstructor(INamedTypeSymbol type)
    {
        if (type.IsValueType || type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility != Accessibility.Private))
        {
            return null;
        }

        // A class without a parameterless constructor is built through a constructor whose parameters are all members.
        var members = new HashSet<string>(type.GetMembers().Where(m => m is IPropertySymbol or IFieldSymbol).Select(m => m.Name), StringComparer.OrdinalIgnoreCase);
        return type.InstanceConstructors
            .Where(c => c.Parameters.All(p => members.Contains(p.Name)))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();
    }

    private static void CheckDuplicateKeys(List<FeatureToGenerate> features, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        var seen = new Dictionary<(string, bool), string>();
        foreach (FeatureToGenerate feature in features)
        {
            if (seen.TryGetValue((feature.Key, feature.IsContext), out string? first))
            {
                ISymbol? member = type.GetMembers(feature.MemberName).FirstOrDefault();
                Report(diagnostics, DiagnosticDescriptors.DuplicateKey, member?.Locations.FirstOrDefault(), feature.MemberName, feature.Key, first);
            }
            else
            {
                seen.Add((feature.Key, feature.IsContext), feature.MemberName);
            }
        }
    }

    /// <summary>Feature members whose names the generated type or its Batch (whose columns take the members' names) declare.</summary>
    private static void CheckReservedNames(List<FeatureToGenerate> features, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics)
    {
        foreach (FeatureToGenerate feature in features)
        {
            string? owner = feature.MemberName switch
            {
                "Schema" or "Batch" or "Parse" or "TryParse" or "ParseInto" or "WriteTo" or "ToByteArray" or "GetSerializedSize" or "TfSchema"
                    or "TryRead" or "WriteFeatures" or "GetFeaturesLength" or "GetContextLength" or "GetFeatureListsLength" => $"'{type.Name}'",
                "Count" or "Capacity" or "Create" or "Clear" or "Get" or "TryParseInto" or "TryParseRow" => $"'{type.Name}.Batch'",
                _ => features.Any(list => !list.IsContext && feature.MemberName == $"Get{list.MemberName}ListLength") ? $"'{type.Name}'" : null,
            };
            if (owner is not null)
            {
                ISymbol? member = type.GetMembers(feature.MemberName).FirstOrDefault();
                Report(diagnostics, DiagnosticDescriptors.ReservedName, member?.Locations.FirstOrDefault(), feature.MemberName, owner);
            }
        }
    }

    private static AttributeData? Find(ImmutableArray<AttributeData> attributes, string metadataName) =>
        attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static bool HasAttribute(INamedTypeSymbol type, string metadataName) =>
        type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static void Report(List<DiagnosticInfo> diagnostics, DiagnosticDescriptor descriptor, Location? location, params string[] args) =>
        diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), new EquatableArray<string>(args)));
}
