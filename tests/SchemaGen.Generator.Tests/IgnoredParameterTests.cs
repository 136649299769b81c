using SchemaGen.Generator.Tests.Types;
using static SchemaGen.Generator.Tests.Infrastructure.Oracle;

namespace SchemaGen.Generator.Tests;

/// <summary>[TfIgnore] on a positional record member: left out of the schema, constructed with its default when parsed.</summary>
public class IgnoredParameterTests
{
    private static readonly Reading Sample = new(3, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), "checked");

    [Fact]
    public void Ignored_members_are_neither_in_the_schema_nor_written()
    {
        Assert.Equal(["label"], Reading.Schema.Features.Select(f => f.Key));
        Assert.Equal(Sorted(Example(("label", Int64s(3)))), Sample.ToByteArray());
    }

    [Fact]
    public void Parsing_passes_the_declared_default_or_default_without_one()
    {
        Reading parsed = Reading.Parse(Sample.ToByteArray());
        Assert.Equal(new Reading(3, default, "unread"), parsed);
    }

    [Fact]
    public void A_batch_row_reads_back_with_the_same_defaults()
    {
        Reading.Batch batch = Reading.Batch.Create(1);
        Reading.ParseInto(Sample.ToByteArray(), batch, 0);
        Assert.Equal(new Reading(3, default, "unread"), batch.Get(0));
    }
}
