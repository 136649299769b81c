using System.Reflection;
using Microsoft.ML.Data;
using SchemaGen.Batches;
using SchemaGen.Generator.Naming;
using SchemaGen.Schema;

namespace SchemaGen.ML;

/// <summary>
/// Finds each feature's column in the generated batch (the batch property named as the record member whose key it
/// is) and chooses its ML.NET type; done once per view, by reflection, so the getters then call the batch directly.
/// </summary>
internal static class BatchColumnBinder
{
    public static BatchColumn<TBatch>[] Bind<TBatch, TExample>()
        where TBatch : class, ITfExampleBatch<TBatch, TExample>
    {
        ExampleSchema schema = TBatch.Schema;
        if (schema.Kind != ExampleSchemaKind.Example)
        {
            throw new NotSupportedException($"{schema.Name} is a SequenceExample: ML.NET columns cannot hold its feature lists (a sequence of steps per row). Read it with the dataset API.");
        }

        Dictionary<string, PropertyInfo> members = MembersByKey(typeof(TExample));
        var columns = new BatchColumn<TBatch>[schema.Features.Length];
        for (int i = 0; i < columns.Length; i++)
        {
            FeatureSpec spec = schema.Features[i];
            if (!members.TryGetValue(spec.Key, out PropertyInfo? member) || typeof(TBatch).GetProperty(member.Name) is not { GetMethod: { } getter } property)
            {
                throw new NotSupportedException($"Feature '{spec.Key}' of {schema.Name}: no member of {typeof(TExample)} and its batch holds it.");
            }

            columns[i] = Create<TBatch>(spec, member.PropertyType, property.PropertyType, getter);
        }

        return columns;
    }

    private static BatchColumn<TBatch> Create<TBatch>(FeatureSpec spec, Type memberType, Type columnType, MethodInfo getter)
        where TBatch : class
    {
        Type definition = columnType.IsGenericType ? columnType.GetGenericTypeDefinition() : columnType;
        if (definition == typeof(Span<>))
        {
            Type element = columnType.GetGenericArguments()[0];
            Type value = RawType(element);
            Delegate values = getter.CreateDelegate(typeof(SpanAccessor<,>).MakeGenericType(typeof(TBatch), element));
            if (spec.IsDecodedRaw || !spec.Shape.IsEmpty)
            {
                int[] dimensions = [.. spec.IsDecodedRaw ? spec.DecodeRawShape : spec.Shape];
                var vector = new VectorDataViewType(ItemType(value, spec), dimensions);
                return Make<TBatch>(typeof(FixedVectorColumn<,,>), [typeof(TBatch), element, value], spec.Key, vector, values, vector.Size);
            }

            return Make<TBatch>(typeof(FixedScalarColumn<,,>), [typeof(TBatch), element, value], spec.Key, ItemType(value, spec), values);
        }

        if (definition == typeof(VarLenColumn<>))
        {
            Type element = columnType.GetGenericArguments()[0];
            Type value = RawType(element);
            Delegate column = getter.CreateDelegate(typeof(Func<,>).MakeGenericType(typeof(TBatch), columnType));
            Type? nullable = Nullable.GetUnderlyingType(memberType);
            if (nullable == typeof(float) || nullable == typeof(double))
            {
                return Make<TBatch>(typeof(OptionalFloatColumn<,>), [typeof(TBatch), value], spec.Key, ItemType(value, spec), column);
            }

            return Make<TBatch>(typeof(VarLenVectorColumn<,,>), [typeof(TBatch), element, value], spec.Key, new VectorDataViewType(ItemType(value, spec)), column);
        }

        if (columnType == typeof(BytesListColumn))
        {
            var column = getter.CreateDelegate<Func<TBatch, BytesListColumn>>();
            if (memberType == typeof(string))
            {
                return new TextColumn<TBatch>(spec.Key, column);
            }

            if (memberType == typeof(byte[]) || memberType == typeof(ReadOnlyMemory<byte>) || memberType == typeof(ReadOnlyMemory<byte>?))
            {
                return new BytesColumn<TBatch>(spec.Key, column);
            }

            if (HoldsStrings(memberType))
            {
                VectorDataViewType texts = spec.Kind == FeatureSpecKind.FixedLen && !spec.Shape.IsEmpty
                    ? new VectorDataViewType(TextDataViewType.Instance, spec.Shape.ToArray())
                    : new VectorDataViewType(TextDataViewType.Instance);
                return new TextVectorColumn<TBatch>(spec.Key, texts, column);
            }
        }

        throw new NotSupportedException(
            $"Feature '{spec.Key}' ({memberType}) has no ML.NET column type: a row holds one vector, so lists of byte strings and feature lists cannot be columns.");
    }

    private static BatchColumn<TBatch> Make<TBatch>(Type definition, Type[] arguments, params object[] constructorArguments)
        where TBatch : class =>
        (BatchColumn<TBatch>)Activator.CreateInstance(definition.MakeGenericType(arguments), constructorArguments)!;

    /// <summary>An enum is read as its underlying integer; every other element is its own raw type.</summary>
    private static Type RawType(Type element) => element.IsEnum ? Enum.GetUnderlyingType(element) : element;

    private static PrimitiveDataViewType ItemType(Type value, FeatureSpec spec) => value switch
    {
        _ when value == typeof(long) => NumberDataViewType.Int64,
        _ when value == typeof(int) => NumberDataViewType.Int32,
        _ when value == typeof(short) => NumberDataViewType.Int16,
        _ when value == typeof(sbyte) => NumberDataViewType.SByte,
        _ when value == typeof(byte) => NumberDataViewType.Byte,
        _ when value == typeof(ulong) => NumberDataViewType.UInt64,
        _ when value == typeof(uint) => NumberDataViewType.UInt32,
        _ when value == typeof(ushort) => NumberDataViewType.UInt16,
        _ when value == typeof(float) => NumberDataViewType.Single,
        _ when value == typeof(double) => NumberDataViewType.Double,
        _ when value == typeof(bool) => BooleanDataViewType.Instance,
        _ => throw new NotSupportedException($"Feature '{spec.Key}': {value} has no ML.NET column type."),
    };

    private static bool HoldsStrings(Type type) =>
        type.IsArray ? type.GetElementType() == typeof(string) : type.IsGenericType && type.GetGenericArguments() is [Type only] && only == typeof(string);

    /// <summary>Each member's feature key, as the generator gives it: <c>[TfFeature("key")]</c> on the property or its constructor parameter, else the name in snake case.</summary>
    private static Dictionary<string, PropertyInfo> MembersByKey(Type exampleType)
    {
        Dictionary<string, TfFeatureAttribute> parameterKeys = [];
        foreach (ConstructorInfo constructor in exampleType.GetConstructors())
        {
            foreach (ParameterInfo parameter in constructor.GetParameters())
            {
                if (parameter.Name is { } name && parameter.GetCustomAttribute<TfFeatureAttribute>() is { } attribute)
                {
                    parameterKeys.TryAdd(name, attribute);
                }
            }
        }

        Dictionary<string, PropertyInfo> members = new(StringComparer.Ordinal);
        foreach (PropertyInfo property in exampleType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<TfIgnoreAttribute>() is not null)
            {
                continue;
            }

            TfFeatureAttribute? attribute = property.GetCustomAttribute<TfFeatureAttribute>() ?? parameterKeys.GetValueOrDefault(property.Name);
            members.TryAdd(attribute?.Key ?? FeatureNaming.ToSnakeCase(property.Name), property);
        }

        return members;
    }
}
