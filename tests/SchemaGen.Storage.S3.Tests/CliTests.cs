using SchemaGen.Records;

namespace SchemaGen.Storage.S3.Tests;

/// <summary>
/// The <c>schemagen</c> commands over <c>s3://</c>, run as the user runs them: a process configured only by the AWS
/// SDK's environment variables (the endpoint from <c>AWS_ENDPOINT_URL_S3</c>).
/// </summary>
public sealed class CliTests : IDisposable
{
    private readonly S3Harness _s3 = new();
    private readonly TempDirectory _directory = new();

    [Fact]
    public void Write_count_cat_index_verify_and_schema_work_on_objects()
    {
        string jsonl = _directory.File("in.jsonl");
        File.WriteAllLines(jsonl, Enumerable.Range(0, 5).Select(i =>
            $"{{\"features\": {{\"feature\": {{\"id\": {{\"int64List\": {{\"value\": [\"{i}\"]}}}}}}}}}}"));

        Run("write", "s3://data/cli/part-0.tfrecord", "--from-jsonl", jsonl).EnsureSuccess();
        Run("write", "s3://data/cli/part-1.tfrecord", "--from-jsonl", jsonl).EnsureSuccess();

        // The object the command wrote holds what a local write of the same lines holds.
        string local = _directory.File("local.tfrecord");
        Run("write", local, "--from-jsonl", jsonl).EnsureSuccess();
        Assert.Equal(File.ReadAllBytes(local), _s3.Get("cli/part-0.tfrecord"));

        Assert.Contains("5", Run("count", "s3://data/cli/part-0.tfrecord").EnsureSuccess().Output);
        Assert.Contains("10", Run("count", "s3://data/cli/part-*.tfrecord").EnsureSuccess().Output);
        Assert.Contains("\"4\"", Run("cat", "s3://data/cli/part-1.tfrecord").EnsureSuccess().Output);
        Run("verify", "s3://data/cli/part-0.tfrecord").EnsureSuccess();
        Assert.Contains("long Id", Run("schema", "s3://data/cli/part-0.tfrecord").EnsureSuccess().Output);

        Run("index", "s3://data/cli/part-0.tfrecord").EnsureSuccess();
        Assert.Contains("cli/part-0.tfrecord.idx", _s3.Keys());
        Assert.Equal(TfRecordIndex.Build(local), TfRecordIndex.Read(new MemoryStream(_s3.Get("cli/part-0.tfrecord.idx"))));
    }

    [Fact]
    public void A_missing_object_or_bucket_is_one_clear_line()
    {
        var missing = Run("count", "s3://data/nothing.tfrecord");
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("s3://data/nothing.tfrecord: no such object", missing.Output);

        var noBucket = Run("count", "s3://no-such-bucket/x.tfrecord");
        Assert.Equal(1, noBucket.ExitCode);
        Assert.Contains("s3://no-such-bucket/x.tfrecord: the bucket 'no-such-bucket' does not exist", noBucket.Output);

        var bucket = Run("count", "s3://no-such-bucket/x-*.tfrecord");
        Assert.Equal(1, bucket.ExitCode);
        Assert.Contains("the bucket 'no-such-bucket' does not exist", bucket.Output);
        Assert.DoesNotContain("   at ", bucket.Output);
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_no_object()
    {
        string jsonl = _directory.File("bad.jsonl");
        File.WriteAllText(jsonl, "{\"features\": {\"feature\": {\"id\": {\"int64List\": {\"value\": [\"1\"]}}}}}\n{\"features\": 3}\n");

        var result = Run("write", "s3://data/bad.tfrecord", "--from-jsonl", jsonl);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.jsonl", result.Output);
        Assert.DoesNotContain("bad.tfrecord", _s3.Keys());
    }

    private DotNetResult Run(params string[] args)
    {
        string cli = Repository.Path($"src/SchemaGen.Cli/bin/{Repository.Configuration}/net10.0/schemagen.dll");
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_S3"] = _s3.Server.Endpoint,
            ["AWS_ACCESS_KEY_ID"] = S3Server.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = S3Server.SecretKey,
            ["AWS_REGION"] = "us-east-1",
        };
        return DotNet.Run(_directory.FullPath, environment, [cli, .. args]);
    }

    public void Dispose()
    {
        _s3.Dispose();
        _directory.Dispose();
    }
}
