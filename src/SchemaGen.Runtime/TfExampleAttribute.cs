using SchemaGen.Schema;

namespace SchemaGen;

/// <summary>
/// Declares a <c>partial</c> record, record struct, class or struct as a tf.train.Example schema. The SchemaGen
/// source generator implements <see cref="ITfExample{TSelf}"/> for it: <c>Schema</c>, <c>WriteTo</c>,
/// <c>Parse</c>/<c>TryParse</c> and a columnar <c>Batch</c>.
/// </summary>
/// <remarks>
/// Every public instance property (or primary-constructor parameter) is a feature, keyed by its name in snake_case
/// unless <see cref="TfFeatureAttribute"/> names it; <see cref="TfIgnoreAttribute"/> leaves a member out.
/// </remarks>
/// <example>
/// <code>
/// [TfExample]
/// public partial record Cifar([property: TfFeature(Shape = new[] { 32, 32, 3 })] byte[] Image, long Label);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false, AllowMultiple = false)]
public sealed class TfExampleAttribute : Attribute
{
}
