using SchemaGen.Storage;

namespace SchemaGen.Conversion.Output;

/// <summary>
/// A key prefix in object storage as the output folder: the file <c>train.tfrecord-00000-of-00004</c> of
/// <c>s3://bucket/out</c> is the object <c>s3://bucket/out/train.tfrecord-00000-of-00004</c>. Each file is uploaded
/// in parts that become the object only when the upload completes, so a killed job leaves no object that looks finished.
/// </summary>
internal sealed class ObjectOutputLocation : OutputLocation
{
    private const int PartSize = 8 << 20;
    private const int PartsInFlight = 4;
    private const int Attempts = 6;

    private readonly ObjectUri _prefix;
    private readonly ObjectStore _store;

    public ObjectOutputLocation(string output)
    {
        var uri = ObjectUri.Parse(output);
        _prefix = uri.Key.Length == 0 || uri.Key.EndsWith('/') ? uri : uri.WithKey(uri.Key + "/");
        _store = ObjectStores.For(_prefix);
    }

    public override string PathOf(string name) => _prefix.WithKey(_prefix.Key + name).ToString();

    public override IReadOnlyDictionary<string, long> List(string namePrefix) => Run(async token =>
    {
        var files = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var info in _store.ListAsync(_prefix.WithKey(_prefix.Key + namePrefix), token).ConfigureAwait(false))
        {
            string name = info.Uri.Key[_prefix.Key.Length..];
            // Only the prefix's own files, not those of deeper "folders".
            if (!name.Contains('/', StringComparison.Ordinal))
            {
                files[name] = info.Length;
            }
        }

        return files;
    });

    public override byte[] Read(string name) => Run(async token =>
    {
        var uri = _prefix.WithKey(_prefix.Key + name);
        var info = await _store.GetInfoAsync(uri, token).ConfigureAwait(false);
        var content = new byte[checked((int)info.Length)];
        int read = 0;
        while (read < content.Length)
        {
            int n = await _store.ReadAsync(info, read, content.AsMemory(read), token).ConfigureAwait(false);
            read += n > 0 ? n : throw new EndOfStreamException($"{uri}: ended at byte {read} of {content.Length}.");
        }

        return content;
    });

    public override void Write(string name, byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        Upload(name, stream);
    }

    /// <summary>Uploads the local file <paramref name="path"/> as the output's file <paramref name="name"/>.</summary>
    public void UploadFile(string name, string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Upload(name, stream);
    }

    private void Upload(string name, Stream source) => Run(async token =>
    {
        var uri = _prefix.WithKey(_prefix.Key + name);
        await using var upload = await _store.StartUploadAsync(uri, token).ConfigureAwait(false);
        int partSize = Math.Max(PartSize, upload.MinimumPartSize);
        var inFlight = new List<Task>();
        int parts = 0;
        while (true)
        {
            var buffer = new byte[partSize];
            int length = await source.ReadAtLeastAsync(buffer, partSize, throwOnEndOfStream: false, token).ConfigureAwait(false);
            if (length == 0 && parts > 0)
            {
                break;
            }

            if (length > 0)
            {
                int part = ++parts;
                inFlight.Add(Retry(uri, () => upload.UploadPartAsync(part, buffer.AsMemory(0, length), token), token));
                if (inFlight.Count == PartsInFlight)
                {
                    await Task.WhenAll(inFlight).ConfigureAwait(false);
                    inFlight.Clear();
                }
            }

            if (length < partSize)
            {
                break;
            }
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        await Retry(uri, () => upload.CompleteAsync(parts, token), token).ConfigureAwait(false);
        return true;
    });

    // Throttling and server errors are retried with exponential backoff; a part upload can be repeated safely.
    private async Task Retry(ObjectUri uri, Func<Task> action, CancellationToken token)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (attempt < Attempts && _store.IsTransient(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (1 << attempt)), token).ConfigureAwait(false);
            }
            catch (Exception e) when (_store.IsTransient(e))
            {
                throw new IOException($"{uri}: the upload failed {Attempts} times ({e.Message}).", e);
            }
        }
    }

    // The converter is synchronous; the store's requests run on the thread pool and are waited for here.
    private static T Run<T>(Func<CancellationToken, Task<T>> action) => Task.Run(() => action(CancellationToken.None)).GetAwaiter().GetResult();
}
