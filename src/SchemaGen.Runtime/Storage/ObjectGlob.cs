using System.IO.Enumeration;

namespace SchemaGen.Storage;

/// <summary>
/// Expands an object pattern as <c>FileGlob</c> expands a local one: <c>*</c> and <c>?</c> within one <c>/</c>-separated
/// segment of the key. The store lists the prefix before the first wildcard; the matches are filtered segment by
/// segment.
/// </summary>
internal static class ObjectGlob
{
    private static readonly char[] Wildcards = ['*', '?'];

    public static bool HasWildcards(ObjectUri pattern) => pattern.Key.IndexOfAny(Wildcards) >= 0;

    /// <summary>The objects matching <paramref name="pattern"/>, in no particular order.</summary>
    public static async Task<List<ObjectInfo>> MatchAsync(ObjectStore store, ObjectUri pattern, CancellationToken cancellationToken)
    {
        int wildcard = pattern.Key.IndexOfAny(Wildcards);
        var prefix = pattern.WithKey(pattern.Key[..wildcard]);
        string[] segments = pattern.Key.Split('/');
        var found = new List<ObjectInfo>();
        await foreach (var info in store.ListAsync(prefix, cancellationToken).ConfigureAwait(false))
        {
            if (Matches(segments, info.Uri.Key))
            {
                found.Add(info);
            }
        }

        return found;
    }

    private static bool Matches(string[] patternSegments, string key)
    {
        string[] segments = key.Split('/');
        if (segments.Length != patternSegments.Length)
        {
            return false;
        }

        for (int i = 0; i < segments.Length; i++)
        {
            if (!FileSystemName.MatchesSimpleExpression(patternSegments[i], segments[i], ignoreCase: false))
            {
                return false;
            }
        }

        return true;
    }
}
