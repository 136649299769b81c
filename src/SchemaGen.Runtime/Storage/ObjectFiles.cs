namespace SchemaGen.Storage;

/// <summary>
/// What the path-taking APIs do with an object address instead of a path: look objects up, open them for reading
/// or writing, and expand patterns; synchronous, over the registered <see cref="ObjectStore"/>s, with retries.
/// </summary>
internal static class ObjectFiles
{
    /// <summary>Whether <paramref name="pathOrUri"/> is an object address (see <see cref="ObjectUri.IsObjectUri"/>).</summary>
    public static bool IsObject(string pathOrUri) => ObjectUri.IsObjectUri(pathOrUri);

    /// <summary>The object's length and version.</summary>
    public static ObjectInfo GetInfo(ObjectUri uri)
    {
        var store = ObjectStores.For(uri);
        var settings = ObjectIoSettings.Current;
        return Wait(ObjectRetry.RunAsync(store, uri, 0, settings, token => store.GetInfoAsync(uri, token), CancellationToken.None));
    }

    /// <summary>
    /// The object at <paramref name="uri"/> found by listing its key as a prefix, or null: for objects that are often
    /// absent (index sidecars), where a listing is one request that never counts as an error.
    /// </summary>
    public static ObjectInfo? Find(ObjectUri uri)
    {
        var store = ObjectStores.For(uri);
        return Wait(ObjectRetry.RunAsync(store, uri, 0, ObjectIoSettings.Current, async token =>
        {
            await foreach (var info in store.ListAsync(uri, token).ConfigureAwait(false))
            {
                if (info.Uri.Key == uri.Key)
                {
                    return info;
                }
            }

            return null;
        }, CancellationToken.None));
    }

    /// <summary>Every object whose key starts with <paramref name="prefix"/>'s key, unsorted.</summary>
    /// <exception cref="FileNotFoundException">The bucket does not exist.</exception>
    public static List<ObjectInfo> List(ObjectUri prefix)
    {
        var store = ObjectStores.For(prefix);
        return Wait(ObjectRetry.RunAsync(store, prefix, 0, ObjectIoSettings.Current, async token =>
        {
            var found = new List<ObjectInfo>();
            await foreach (var info in store.ListAsync(prefix, token).ConfigureAwait(false))
            {
                found.Add(info);
            }

            return found;
        }, CancellationToken.None));
    }

    /// <summary>Opens the object at <paramref name="uri"/> for reading.</summary>
    public static ObjectReadStream OpenRead(string uri, bool readAhead = true) => OpenRead(GetInfo(ObjectUri.Parse(uri)), readAhead);

    /// <summary>Opens <paramref name="info"/> (that version of the object) for reading.</summary>
    public static ObjectReadStream OpenRead(ObjectInfo info, bool readAhead = true)
    {
        var store = ObjectStores.For(info.Uri);
        return new(store, info, ObjectIoSettings.Current.For(store), readAhead);
    }

    /// <summary>Starts writing the object at <paramref name="uri"/>; it appears when the stream is disposed without failure.</summary>
    public static ObjectWriteStream Create(string uri) => ObjectWriteStream.Start(ObjectUri.Parse(uri));

    /// <summary>The objects an address or pattern names: the object itself, or the pattern's matches (unsorted).</summary>
    /// <exception cref="FileNotFoundException">The object does not exist, or the pattern matches nothing.</exception>
    public static List<ObjectInfo> Expand(string uriOrPattern)
    {
        var uri = ObjectUri.Parse(uriOrPattern);
        if (!ObjectGlob.HasWildcards(uri))
        {
            return [GetInfo(uri)];
        }

        var store = ObjectStores.For(uri);
        var found = Wait(ObjectRetry.RunAsync(store, uri, 0, ObjectIoSettings.Current,
            token => ObjectGlob.MatchAsync(store, uri, token), CancellationToken.None));
        return found.Count > 0 ? found : throw new FileNotFoundException($"No object matches {uriOrPattern}.", uriOrPattern);
    }

    // The public APIs are synchronous; the stores' requests run on the thread pool and are waited for here.
    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
