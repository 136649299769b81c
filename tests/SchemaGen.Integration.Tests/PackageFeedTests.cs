namespace SchemaGen.Integration.Tests;

/// <summary>The test collection whose tests share one packed <c>SchemaGen</c> package (packing takes seconds to a minute).</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedTests : ICollectionFixture<LocalPackageFeed>
{
    public const string Name = "Package feed";
}
