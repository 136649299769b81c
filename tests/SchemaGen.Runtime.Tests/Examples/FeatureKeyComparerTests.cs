using System.Text;
using CsCheck;
using SchemaGen.Examples;

namespace SchemaGen.Runtime.Tests.Examples;

public class FeatureKeyComparerTests
{
    [Fact]
    public void Orders_like_the_utf8_bytes() =>
        Gen.Select(ExampleGenerators.Key, ExampleGenerators.Key).Sample((a, b) =>
            Assert.Equal(
                Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b))),
                Math.Sign(FeatureKeyComparer.Instance.Compare(a, b))), iter: 2000);

    [Theory]
    [InlineData("\uE000", "😀")] // BMP private use (EE 80 80) before a supplementary character (F0 ...), unlike UTF-16
    [InlineData("", "a")]
    [InlineData("a", "ab")]
    [InlineData("\uD800", "\uFFFE")] // an unpaired surrogate encodes as U+FFFD
    [InlineData("a\uD800", "a😀")]
    public void First_comes_before_second(string first, string second)
    {
        Assert.True(FeatureKeyComparer.Instance.Compare(first, second) < 0);
        Assert.True(FeatureKeyComparer.Instance.Compare(second, first) > 0);
    }

    [Fact]
    public void Strings_with_the_same_utf8_bytes_compare_equal_and_null_comes_first()
    {
        Assert.Equal(0, FeatureKeyComparer.Instance.Compare("\uD800", "\uFFFD"));
        Assert.True(FeatureKeyComparer.Instance.Compare(null, "") < 0);
        Assert.Equal(0, FeatureKeyComparer.Instance.Compare(null, null));
    }
}
