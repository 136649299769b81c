using SchemaGen.Storage;
using SchemaGen.Storage.S3;

namespace SchemaGen.Cli;

/// <summary>
/// Registers the object stores the command's addresses need, so <c>s3://</c> works wherever a file is taken. Only
/// when an address names the scheme: a command over local files needs no cloud configuration at all.
/// </summary>
internal static class ObjectStorage
{
    public static void RegisterFor(IEnumerable<string> args)
    {
        var schemes = args.Select(arg => ObjectUri.TryParse(arg, out var uri) ? uri.Scheme : null).ToHashSet(StringComparer.Ordinal);
        if (schemes.Contains("s3"))
        {
            // Credentials, region and endpoint (AWS_ENDPOINT_URL_S3) from the AWS SDK's default chain.
            S3ObjectStore.Register();
        }
    }
}
