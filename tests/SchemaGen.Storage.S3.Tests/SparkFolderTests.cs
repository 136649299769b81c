using SchemaGen.Testing.Fixtures;

namespace SchemaGen.Storage.S3.Tests;

/// <summary>
/// A folder Spark wrote, uploaded as it lies (hidden files, a failed attempt, folder markers included) and read
/// through <c>s3://bucket/prefix/</c>: the part files, the partition features and the CLI's count, as on local disk.
/// </summary>
public sealed class SparkFolderTests : IDisposable
{
    private readonly S3Harness _s3 = new();
    private readonly TempDirectory _directory = new();

    public SparkFolderTests()
    {
        foreach (var (path, relative) in SparkFixtures.Contents("people"))
        {
            _s3.PutFile("spark/people/" + relative, path);
        }

        // What consoles and Hadoop's S3 clients leave for folders: an empty key ending in '/', and EMR's marker.
        _s3.Put("spark/people/year=2023/", []);
        _s3.Put("spark/people/year=2023_$folder$", []);
    }

    [Fact]
    public void The_folder_with_or_without_its_slash_lists_the_part_objects_in_sorted_order()
    {
        var expected = SparkFixtures.Files("people").Select(file => _s3.Uri("spark/people/" + file));
        Assert.Contains(_s3.Keys(), key => key.EndsWith(".crc", StringComparison.Ordinal) && key.Contains("/.part-", StringComparison.Ordinal));

        Assert.Equal(expected, TfRecordDataset.FromFiles(_s3.Uri("spark/people/")).Files);
        Assert.Equal(expected, TfRecordDataset.FromFiles(_s3.Uri("spark/people")).Files);
        Assert.Equal(["year", "lang"], TfRecordDataset.FromFiles(_s3.Uri("spark/people")).PartitionColumns);
    }

    [Fact]
    public void Records_gain_their_partition_values_as_on_local_disk()
    {
        var dataset = TfRecordDataset.FromFiles(_s3.Uri("spark/people/")).WithPartitionFeatures();
        var records = new List<string>();
        using (var reader = dataset.Batch<SparkPerson.Batch>(3).Open())
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

    [Fact]
    public void A_prefix_with_no_part_objects_names_itself()
    {
        _s3.Put("spark/empty/_SUCCESS", []);

        var e = Assert.Throws<FileNotFoundException>(() => TfRecordDataset.FromFiles(_s3.Uri("spark/empty/")));
        Assert.Contains(_s3.Uri("spark/empty/") + ": no part files", e.Message);
    }

    [Fact]
    public void The_cli_counts_the_folder()
    {
        string cli = Repository.Path($"src/SchemaGen.Cli/bin/{Repository.Configuration}/net10.0/schemagen.dll");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = _s3.Server.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey,
            ["AWS_REGION"] = "us-east-1",
        };

        var result = DotNet.Run(_directory.FullPath, environment, [cli, "count", "s3://data/spark/people"]).EnsureSuccess();

        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{SparkFixtures.Records("people", "id").Length}\ttotal", lines[^1]);
        Assert.Equal(SparkFixtures.Files("people").Select(file => "s3://data/spark/people/" + file), lines[..^1].Select(line => line.Split('\t')[1]));
    }

    public void Dispose()
    {
        _s3.Dispose();
        _directory.Dispose();
    }
}
