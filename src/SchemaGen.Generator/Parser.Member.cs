using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Model;
using SchemaGen.Generator.Naming;

namespace SchemaGen.Generator;

/// <summary>One member: its attributes, then its type unwrapped to a form and an element, then its default.</summary>
internal sealed partial class Parser
{
    private static readonly SymbolDisplayFormat TypeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The feature of one member, or null when it is left out ([TfIgnore]) or cannot map (reported).</summary>
    private FeatureToGenerate? ParseMember(string name, ITypeSymbol memberType, ImmutableArray<AttributeData> attributes, Location location, bool isSequence)
    {
        MemberAttributes found = FindAttributes(attributes);
        if (!CheckAttributes(found, name, location, isSequence)
            || ReadFeatureArguments(found.Feature, name, location) is not { } arguments
            || Unwrap(memberType, found.IsFeatureList, arguments.Shape is not null, name, location) is not { } unwrapped
            || Classify(unwrapped.Element, memberType, name, location) is not { } element
            || !CheckElement(element.Kind, unwrapped, arguments, memberType, name, location))
        {
            return null;
        }

        var feature = new FeatureToGenerate(
            name,
            arguments.Key,
            memberType.ToDisplayString(TypeFormat),
            unwrapped.Element.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            element.IntegerType,
            element.Kind,
            unwrapped.Form,
            unwrapped.Container,
            unwrapped.StepContainer,
            unwrapped.IsOptional,
            unwrapped.IsNullableValueType,
            new EquatableArray<int>(arguments.Shape ?? Array.Empty<int>()),
            EquatableArray<string>.Empty,
            !found.IsFeatureList,
            default);
        return WithDefault(feature, arguments.Default, unwrapped.Element, name, location) is { } withDefault
            ? withDefault with { Column = ColumnOf(withDefault) }
            : null;
    }

    private MemberAttributes FindAttributes(ImmutableArray<AttributeData> attributes) => new(
        attributes.FirstOrDefault(a => Is(a, _known.TfFeatureAttribute)),
        attributes.Any(a => Is(a, _known.TfIgnoreAttribute)),
        attributes.Any(a => Is(a, _known.TfContextAttribute)),
        attributes.Any(a => Is(a, _known.TfFeatureListAttribute)));

    /// <summary>False when the member is left out: [TfIgnore]d, or with attributes that contradict each other (reported).</summary>
    private bool CheckAttributes(MemberAttributes found, string name, Location location, bool isSequence)
    {
        if (found.IsIgnored)
        {
            if (found.Feature is not null || found.IsContext || found.IsFeatureList)
            {
                Report(DiagnosticDescriptors.ConflictingAttributes, location, name,
                    "[TfIgnore] leaves the member out, so it cannot also have [TfFeature], [TfContext] or [TfFeatureList]");
            }

            return false;
        }

        string? conflict = (found.IsContext || found.IsFeatureList) && !isSequence ? "[TfContext] and [TfFeatureList] apply to members of [TfSequenceExample] types only"
            : found.IsContext && found.IsFeatureList ? "a member is either [TfContext] or [TfFeatureList], not both"
            : null;
        if (conflict is not null)
        {
            Report(DiagnosticDescriptors.ConflictingAttributes, location, name, conflict);
        }

        return conflict is null;
    }

    /// <summary>The key (the member's name in snake case unless given), shape, default and options of [TfFeature]; null when the key or shape is invalid (reported).</summary>
    private FeatureArguments? ReadFeatureArguments(AttributeData? feature, string name, Location location)
    {
        var arguments = new FeatureArguments(FeatureNaming.ToSnakeCase(name), null, default, false);
        if (feature is not null && feature.ConstructorArguments.Length == 1 && feature.ConstructorArguments[0].Value is string key)
        {
            arguments = arguments with { Key = key };
        }

        foreach (KeyValuePair<string, TypedConstant> argument in feature?.NamedArguments ?? ImmutableArray<KeyValuePair<string, TypedConstant>>.Empty)
        {
            arguments = argument switch
            {
                { Key: "Shape", Value: { IsNull: false, Kind: TypedConstantKind.Array } shape } =>
                    arguments with { Shape = shape.Values.Select(v => v.Value is int d ? d : 0).ToArray() },
                { Key: "Default" } => arguments with { Default = argument.Value },
                { Key: "StoreDoubleAsFloat" } => arguments with { StoreDoubleAsFloat = argument.Value.Value is true },
                _ => arguments,
            };
        }

        if (arguments.Key.Length == 0)
        {
            Report(DiagnosticDescriptors.ConflictingAttributes, location, name, "the feature key is empty: give it a key");
            return null;
        }

        if (arguments.Shape is { } dimensions && (dimensions.Length == 0 || dimensions.Any(d => d <= 0)))
        {
            Report(DiagnosticDescriptors.InvalidShape, location, name,
                $"Shape [{string.Join(", ", dimensions)}] is invalid: give at least one dimension, each positive");
            return null;
        }

        return arguments;
    }

    /// <summary>
    /// Unwraps the member's type: nullable, then the steps of a feature list, then a list, down to one element. Null
    /// when the type takes no form a feature has (reported).
    /// </summary>
    private UnwrappedType? Unwrap(ITypeSymbol memberType, bool isFeatureList, bool hasShape, string name, Location location)
    {
        ITypeSymbol type = memberType;
        bool isNullableValueType = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };
        bool isOptional = isNullableValueType || (type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated);
        if (isNullableValueType)
        {
            type = ((INamedTypeSymbol)type).TypeArguments[0];
        }

        var unwrapped = new UnwrappedType(type, FeatureForm.Scalar, ContainerKind.None, ContainerKind.None, isOptional, isNullableValueType);
        if (isFeatureList)
        {
            return UnwrapSteps(unwrapped, memberType, hasShape, name, location);
        }

        if (!IsBytes(type) && !IsMemory(type))
        {
            ContainerKind container = ListKind(type, out ITypeSymbol? element);
            if (container != ContainerKind.None)
            {
                return unwrapped with { Element = element!, Form = hasShape ? FeatureForm.FixedList : FeatureForm.VarList, Container = container };
            }
        }

        return unwrapped with { Form = hasShape ? FeatureForm.Raw : FeatureForm.Scalar };
    }

    /// <summary>A feature list: a list of steps, each one value (bytes included) or a list of values, which needs a shape.</summary>
    private UnwrappedType? UnwrapSteps(UnwrappedType unwrapped, ITypeSymbol memberType, bool hasShape, string name, Location location)
    {
        ContainerKind container = ListKind(unwrapped.Element, out ITypeSymbol? step);
        if (container == ContainerKind.None || step is null)
        {
            Report(DiagnosticDescriptors.UnsupportedType, location, name, memberType.ToDisplayString());
            return null;
        }

        unwrapped = unwrapped with { Element = step, Form = FeatureForm.Sequence, Container = container };
        ITypeSymbol? element = null;
        ContainerKind stepContainer = IsBytes(step) ? ContainerKind.None : ListKind(step, out element);
        if (stepContainer == ContainerKind.None)
        {
            return unwrapped;
        }

        if (!hasShape)
        {
            Report(DiagnosticDescriptors.InvalidShape, location, name,
                "a feature list whose steps are lists needs a Shape: each step holds exactly prod(shape) values (TensorFlow's FixedLenSequenceFeature)");
            return null;
        }

        return unwrapped with { Element = element!, StepContainer = stepContainer };
    }

    /// <summary>Reports an element that its form or options rule out: memory in a list, a shape on one value, a double without the opt-in.</summary>
    private bool CheckElement(ElementKind kind, UnwrappedType unwrapped, FeatureArguments arguments, ITypeSymbol memberType, string name, Location location)
    {
        (DiagnosticDescriptor Descriptor, string Detail)? error = (kind, unwrapped) switch
        {
            (ElementKind.Memory, { Form: FeatureForm.FixedList or FeatureForm.VarList }) or (ElementKind.Memory, { StepContainer: not ContainerKind.None }) =>
                (DiagnosticDescriptors.UnsupportedType, memberType.ToDisplayString()),
            (not (ElementKind.Bytes or ElementKind.Memory), { Form: FeatureForm.Raw }) =>
                (DiagnosticDescriptors.InvalidShape, "Shape applies to lists and to byte[] (raw uint8 tensors); a single value has no shape"),
            (_, { Form: FeatureForm.Sequence, StepContainer: ContainerKind.None }) when arguments.Shape is not null =>
                (DiagnosticDescriptors.InvalidShape, "Shape applies to feature lists whose steps are lists; each step here is a single value"),
            (ElementKind.Double, _) when !arguments.StoreDoubleAsFloat => (DiagnosticDescriptors.DoubleWithoutOptIn, ""),
            (not ElementKind.Double, _) when arguments.StoreDoubleAsFloat =>
                (DiagnosticDescriptors.ConflictingAttributes, "StoreDoubleAsFloat applies to double members only"),
            _ => null,
        };
        if (error is { } found)
        {
            Report(found.Descriptor, location, found.Detail.Length == 0 ? [name] : [name, found.Detail]);
        }

        return error is null;
    }

    /// <summary>What one element is, and its integer type (for an enum, the underlying one); null when no feature holds it (reported).</summary>
    private (ElementKind Kind, string IntegerType)? Classify(ITypeSymbol type, ITypeSymbol memberType, string name, Location location)
    {
        ElementKind kind = type.SpecialType switch
        {
            _ when IsBytes(type) => ElementKind.Bytes,
            _ when IsMemory(type) => ElementKind.Memory,
            _ when type.TypeKind == TypeKind.Enum => ElementKind.Enum,
            SpecialType.System_Boolean => ElementKind.Boolean,
            SpecialType.System_Single => ElementKind.Float,
            SpecialType.System_Double => ElementKind.Double,
            SpecialType.System_String => ElementKind.String,
            _ => ElementKind.Integer,
        };
        string? integerType = kind switch
        {
            ElementKind.Enum => IntegerKeyword(((INamedTypeSymbol)type).EnumUnderlyingType?.SpecialType ?? SpecialType.None),
            ElementKind.Integer when type.SpecialType != SpecialType.System_UInt16 => IntegerKeyword(type.SpecialType),
            ElementKind.Integer => null,
            _ => "",
        };
        if (integerType is null)
        {
            Report(DiagnosticDescriptors.UnsupportedType, location, name, memberType.ToDisplayString());
            return null;
        }

        return (kind, integerType);
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

    private ContainerKind ListKind(ITypeSymbol type, out ITypeSymbol? element)
    {
        switch (type)
        {
            case IArrayTypeSymbol { Rank: 1 } array:
                element = array.ElementType;
                return ContainerKind.Array;
            case INamedTypeSymbol named when KnownTypeSymbols.IsConstructedFrom(named, _known.IReadOnlyListOfT):
                element = named.TypeArguments[0];
                return ContainerKind.ReadOnlyList;
            default:
                element = null;
                return ContainerKind.None;
        }
    }

    private static bool IsBytes(ITypeSymbol type) =>
        type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Byte };

    private bool IsMemory(ITypeSymbol type) =>
        KnownTypeSymbols.IsConstructedFrom(type, _known.ReadOnlyMemoryOfT) && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Byte;

    /// <summary>The member's attributes that SchemaGen reads.</summary>
    private readonly record struct MemberAttributes(AttributeData? Feature, bool IsIgnored, bool IsContext, bool IsFeatureList);

    /// <summary>What [TfFeature] says, with the key a member without one gets.</summary>
    private readonly record struct FeatureArguments(string Key, int[]? Shape, TypedConstant Default, bool StoreDoubleAsFloat);

    /// <summary>A member's type taken apart: its element, and how the member holds it.</summary>
    private readonly record struct UnwrappedType(
        ITypeSymbol Element, FeatureForm Form, ContainerKind Container, ContainerKind StepContainer, bool IsOptional, bool IsNullableValueType);
}
