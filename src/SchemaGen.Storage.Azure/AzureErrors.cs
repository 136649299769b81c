using Azure;

namespace SchemaGen.Storage.Azure;

/// <summary>The service's errors as the <see cref="ObjectStore"/> contract states them, naming the address and never a secret.</summary>
internal static class AzureErrors
{
    public static Exception Translate(ObjectUri uri, RequestFailedException e) => e switch
    {
        { ErrorCode: "ContainerNotFound" } => new FileNotFoundException($"{uri}: the container '{uri.Bucket}' does not exist.", uri.ToString(), e),
        { ErrorCode: "BlobNotFound" } or { Status: 404 } => new FileNotFoundException($"{uri}: no such blob.", uri.ToString(), e),
        { Status: 401 or 403 } => new UnauthorizedAccessException(
            $"{uri}: access refused ({e.ErrorCode ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)}); check the account's key, SAS token or role assignment.", Strip(e)),
        _ => e,
    };

    /// <summary>For a read conditional on the ETag: a replaced or deleted blob is a changed object.</summary>
    public static Exception TranslateRead(ObjectUri uri, long offset, RequestFailedException e) => e switch
    {
        { Status: 412 } or { ErrorCode: "ConditionNotMet" or "BlobNotFound" } => new ObjectChangedException(uri, offset, e),
        _ => Translate(uri, e),
    };

    // An authentication failure's message quotes the string the service signed; keep only the status and code.
    private static RequestFailedException Strip(RequestFailedException e) => new RequestFailedException(e.Status, $"The service refused the request ({e.Status}).", e.ErrorCode, null);
}
