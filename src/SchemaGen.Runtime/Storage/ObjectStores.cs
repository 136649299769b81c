using System.Collections.Concurrent;

namespace SchemaGen.Storage;

/// <summary>
/// The object stores this process reads and writes through, one per scheme. A storage package registers its store
/// (for example <c>S3ObjectStore.Register()</c>); every API that takes a path then also takes that scheme's addresses.
/// </summary>
public static class ObjectStores
{
    private static readonly ConcurrentDictionary<string, ObjectStore> Stores = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="store"/> serve its scheme, replacing the store registered for it before.</summary>
    /// <param name="store">The store.</param>
    public static void Register(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Stores[store.Scheme] = store;
    }

    /// <summary>The store registered for <paramref name="uri"/>'s scheme.</summary>
    /// <param name="uri">An object's address.</param>
    /// <returns>The store.</returns>
    /// <exception cref="NotSupportedException">No store is registered for the scheme; the message names the package.</exception>
    public static ObjectStore For(ObjectUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return Stores.TryGetValue(uri.Scheme, out var store)
            ? store
            : throw new NotSupportedException($"{uri}: no object store is registered for '{uri.Scheme}://'. {Advice(uri.Scheme)}");
    }

    private static string Advice(string scheme) => scheme switch
    {
        "s3" => "Reference SchemaGen.Storage.S3 and call S3ObjectStore.Register().",
        "az" => "Reference SchemaGen.Storage.Azure and call AzureObjectStore.Register().",
        "gs" => "Reference SchemaGen.Storage.Gcs and call GcsObjectStore.Register().",
        _ => "Register an ObjectStore for it with ObjectStores.Register.",
    };
}
