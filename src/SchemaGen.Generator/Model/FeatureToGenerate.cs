namespace SchemaGen.Generator.Model;

/// <summary>One feature of a schema type, as the emitter needs it.</summary>
/// <param name="MemberName">The C# member (property or field) name.</param>
/// <param name="Key">The feature key.</param>
/// <param name="MemberType">The member's type, fully qualified, with its nullable annotation.</param>
/// <param name="ElementType">One element's type, fully qualified (the enum for an enum, byte[] for bytes).</param>
/// <param name="IntegerType">For Integer the C# keyword of the type; for Enum the underlying type's keyword.</param>
/// <param name="Element">What one element is.</param>
/// <param name="Form">How the values make up the feature.</param>
/// <param name="Container">How a list member holds its elements (for Sequence: the steps).</param>
/// <param name="StepContainer">For Sequence with a shape: how each step holds its values.</param>
/// <param name="IsOptional">True for a nullable member: missing reads as null.</param>
/// <param name="IsNullableValueType">True for a Nullable&lt;T&gt; scalar.</param>
/// <param name="Shape">The shape (of a step, for Sequence); empty for a scalar.</param>
/// <param name="DefaultValues">The default as C# literals of the element type, empty for none.</param>
/// <param name="IsContext">For a SequenceExample: a context feature (false for a feature list).</param>
/// <param name="Column">How the batch stores the feature.</param>
internal readonly record struct FeatureToGenerate(
    string MemberName,
    string Key,
    string MemberType,
    string ElementType,
    string IntegerType,
    ElementKind Element,
    FeatureForm Form,
    ContainerKind Container,
    ContainerKind StepContainer,
    bool IsOptional,
    bool IsNullableValueType,
    EquatableArray<int> Shape,
    EquatableArray<string> DefaultValues,
    bool IsContext,
    BatchColumn Column)
{
    public int ElementCount
    {
        get
        {
            int count = 1;
            foreach (int dimension in Shape)
            {
                count *= dimension;
            }

            return count;
        }
    }
}
