using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Storage.Azure.Tests;

/// <summary>
/// A folder Spark wrote, uploaded to Azurite as it lies (hidden files and a failed attempt included) and read through
/// <c>az://container/prefix/</c>: the part blobs in order and the partition features, as on local disk.
/// </summary>
public sealed class SparkFolderTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string _prefix = "spark" + Guid.NewGuid().ToString("N")[..8] + "/people";

    private static string Az(string key) => $"az://{AzuriteFixture.Container}/{key}";

    private void Upload()
    {
        foreach (var (path, relative) in SparkFixtures.Contents("people"))
        {
            azurite.Blobs.GetBlobClient(_prefix + "/" + relative).Upload(path, overwrite: true);
        }
    }

    [Fact]
    public void The_folder_with_or_without_its_slash_lists_the_part_blobs_in_sorted_order()
    {
        Upload();
        var expected = SparkFixtures.Files("people").Select(file => Az(_prefix + "/" + file));

        Assert.Equal(expected, TfRecordDataset.FromFiles(Az(_prefix + "/")).Files);
        Assert.Equal(expected, TfRecordDataset.FromFiles(Az(_prefix)).Files);
        Assert.Equal(["year", "lang"], TfRecordDataset.FromFiles(Az(_prefix)).PartitionColumns);
    }

    [Fact]
    public void Records_gain_their_partition_values_as_on_local_disk()
    {
        Upload();
        var records = new List<string>();
        using (var reader = TfRecordDataset.FromFiles(Az(_prefix + "/")).WithPartitionFeatures().Batch<SparkPerson.Batch>(3).Open())
        {
            while (reader.MoveNext())
            {
                for (int row = 0; row < reader.Current.Count; row++)
                {
                    var p = reader.Current.Get(row);
                    records.Add(SparkFixtures.Line([p.Id, p.Name, p.Age, p.Score, p.Tags, p.Year, p.Lang]));
                }
            }
        }

        Assert.Equal(SparkFixtures.Records("people", "id", "name", "age", "score", "tags", "year", "lang"), records);
    }
}
