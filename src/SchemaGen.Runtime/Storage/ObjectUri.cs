using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace SchemaGen.Storage;

/// <summary>
/// The address of an object (or of a key prefix) in object storage: <c>s3://bucket/key</c>, <c>gs://bucket/key</c>,
/// <c>az://container/key</c> or Azure's <c>https://account.blob.core.windows.net/container/key</c>.
/// </summary>
/// <remarks>
/// Keys are kept exactly as written (no normalisation of <c>/</c>, <c>..</c> or case): object stores compare keys
/// byte for byte. <see cref="ToString"/> gives the canonical form that messages show.
/// </remarks>
public sealed record ObjectUri
{
    private const string AzureBlobHostSuffix = ".blob.core.windows.net";

    // RFC 3986's scheme characters.
    private static readonly SearchValues<char> SchemeCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>Creates an address from its parts.</summary>
    /// <param name="scheme">The store's scheme, lower case: <c>s3</c>, <c>gs</c>, <c>az</c>, or a registered one.</param>
    /// <param name="bucket">The bucket (S3, GCS) or container (Azure).</param>
    /// <param name="key">The object key or key prefix; empty for the whole bucket.</param>
    /// <param name="account">The Azure storage account when the address names it; otherwise null.</param>
    public ObjectUri(string scheme, string bucket, string key, string? account = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentNullException.ThrowIfNull(key);
        Scheme = scheme;
        Bucket = bucket;
        Key = key;
        Account = account;
    }

    /// <summary>The store's scheme, lower case (<c>s3</c>, <c>gs</c>, <c>az</c>, …).</summary>
    public string Scheme { get; }

    /// <summary>The bucket (S3, GCS) or container (Azure).</summary>
    public string Bucket { get; }

    /// <summary>The object key, or a key prefix; empty for the whole bucket.</summary>
    public string Key { get; }

    /// <summary>The Azure storage account when the address names it (the <c>https://</c> form); otherwise null.</summary>
    public string? Account { get; }

    /// <summary>
    /// Whether <paramref name="pathOrUri"/> is an object-storage address rather than a local path: it starts with a
    /// scheme of two or more letters and <c>://</c>, other than <c>file://</c>. A Windows drive (<c>C:\</c>) is a path.
    /// </summary>
    /// <param name="pathOrUri">A local path or an object-storage address.</param>
    /// <returns>True for an address.</returns>
    public static bool IsObjectUri(string pathOrUri)
    {
        ArgumentNullException.ThrowIfNull(pathOrUri);
        int schemeEnd = pathOrUri.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 2 || !char.IsAsciiLetter(pathOrUri[0]))
        {
            return false;
        }

        var scheme = pathOrUri.AsSpan(0, schemeEnd);
        return !scheme.ContainsAnyExcept(SchemeCharacters) && !scheme.Equals("file", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses an object-storage address.</summary>
    /// <param name="text">The address.</param>
    /// <returns>The parsed address.</returns>
    /// <exception cref="FormatException">The text is not an object-storage address with a bucket.</exception>
    public static ObjectUri Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var uri)
            ? uri
            : throw new FormatException(
                $"'{text}' is not an object-storage address: expected s3://bucket/key, gs://bucket/key, az://container/key or https://ACCOUNT.blob.core.windows.net/container/key.");
    }

    /// <summary>Parses an object-storage address; false for a local path or a malformed address.</summary>
    /// <param name="text">The address.</param>
    /// <param name="uri">The parsed address when the result is true.</param>
    /// <returns>Whether <paramref name="text"/> is an object-storage address with a bucket.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ObjectUri? uri)
    {
        uri = null;
        if (text is null || !IsObjectUri(text))
        {
            return false;
        }

        int schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        string scheme = text[..schemeEnd].ToLowerInvariant();
        string rest = text[(schemeEnd + 3)..];
        string? account = null;
        if (scheme is "https" or "http")
        {
            // Azure's own form names the account in the host: https://ACCOUNT.blob.core.windows.net/container/key.
            int hostEnd = rest.IndexOf('/');
            string host = hostEnd < 0 ? rest : rest[..hostEnd];
            if (!host.EndsWith(AzureBlobHostSuffix, StringComparison.OrdinalIgnoreCase) || hostEnd < 0)
            {
                return false;
            }

            account = host[..^AzureBlobHostSuffix.Length];
            scheme = "az";
            rest = rest[(hostEnd + 1)..];
        }

        int slash = rest.IndexOf('/');
        string bucket = slash < 0 ? rest : rest[..slash];
        if (bucket.Length == 0 || (account is not null && account.Length == 0))
        {
            return false;
        }

        uri = new ObjectUri(scheme, bucket, slash < 0 ? "" : rest[(slash + 1)..], account);
        return true;
    }

    /// <summary>The address of <paramref name="key"/> in the same bucket and account.</summary>
    /// <param name="key">The other object's key.</param>
    /// <returns>The address.</returns>
    public ObjectUri WithKey(string key) => new(Scheme, Bucket, key, Account);

    /// <summary>The canonical form: <c>scheme://bucket/key</c>, or Azure's <c>https://</c> form when it names an account.</summary>
    /// <returns>The address as messages show it.</returns>
    public override string ToString() => Account is null
        ? $"{Scheme}://{Bucket}/{Key}"
        : $"https://{Account}{AzureBlobHostSuffix}/{Bucket}/{Key}";
}
