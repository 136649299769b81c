using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using SchemaGen.Generator.Model;

namespace SchemaGen.Generator;

/// <summary>A member's [TfFeature(Default = …)]: checked against its form and element, kept as invariant literals.</summary>
internal sealed partial class Parser
{
    /// <summary>The feature with its default, if it declares one; null when the default does not fit (reported).</summary>
    private FeatureToGenerate? WithDefault(FeatureToGenerate feature, TypedConstant value, ITypeSymbol elementType, string name, Location location)
    {
        if (value.IsNull || value.Kind == TypedConstantKind.Error)
        {
            return feature;
        }

        string? problem = DefaultValues(feature, value, elementType, out string[] values);
        if (problem is not null)
        {
            Report(DiagnosticDescriptors.InvalidDefault, location, name, problem);
            return null;
        }

        return feature with { DefaultValues = new EquatableArray<string>(values) };
    }

    /// <summary>The default as invariant texts of the element type; returns what is wrong with it instead, if anything.</summary>
    private static string? DefaultValues(FeatureToGenerate feature, TypedConstant value, ITypeSymbol elementType, out string[] values)
    {
        values = Array.Empty<string>();
        if (feature.IsOptional || feature.Form is not (FeatureForm.Scalar or FeatureForm.FixedList) || feature.Element is ElementKind.Bytes or ElementKind.Memory)
        {
            return "a Default applies to required single values and fixed-shape lists of numbers, bools, enums and strings (a nullable member reads a missing feature as null instead)";
        }

        if (feature.Form == FeatureForm.Scalar && value.Kind == TypedConstantKind.Array)
        {
            return "the Default of a single value is a constant, not an array";
        }

        var texts = new List<string>();
        foreach (TypedConstant constant in value.Kind == TypedConstantKind.Array ? value.Values : ImmutableArray.Create(value))
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

    private static string? DefaultText(ElementKind kind, object? value, ITypeSymbol elementType) => kind switch
    {
        ElementKind.Integer or ElementKind.Enum => IntegerText(value, kind == ElementKind.Enum ? ((INamedTypeSymbol)elementType).EnumUnderlyingType!.SpecialType : elementType.SpecialType),
        ElementKind.Boolean => value is bool b ? (b ? "true" : "false") : null,
        ElementKind.Float or ElementKind.Double => value switch
        {
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => ((float)d).ToString("R", CultureInfo.InvariantCulture),
            null or bool or string or char => null,
            _ => Convert.ToSingle(value, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture),
        },
        ElementKind.String => value as string,
        _ => null,
    };

    /// <summary>An integer constant in the range of <paramref name="type"/>, as invariant text; null for anything else.</summary>
    private static string? IntegerText(object? value, SpecialType type)
    {
        if (value is null or bool or float or double or decimal or string or char)
        {
            return null;
        }

        decimal number = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        (decimal min, decimal max) = RangeOf(type);
        return number < min || number > max ? null : number.ToString(CultureInfo.InvariantCulture);
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
}
