using SchemaGen.Storage;

namespace SchemaGen.TensorBoard.Internal;

/// <summary>
/// Keeps an object in object storage equal to a local event file: after each flush the whole file is uploaded again
/// as the object's new version (what TensorFlow's GCS and S3 file systems do on <c>Flush</c>, since objects cannot be
/// appended to). Each upload becomes visible only when complete, so a reader sees the last flushed file, never half
/// of one; a failed upload is repeated, whole, at the next flush.
/// </summary>
internal sealed class ObjectMirror(string localPath, ObjectUri target)
{
    private const int PartSize = 8 << 20;

    private readonly ObjectStore _store = ObjectStores.For(target);
    private byte[] _part = [];

    public ObjectUri Target => target;

    /// <summary>Uploads the local file as the object.</summary>
    public void Publish() => PublishAsync().GetAwaiter().GetResult();

    private async Task PublishAsync()
    {
        // The writer holds the file open for writing; this reads what it has flushed.
        using var file = new FileStream(localPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        await using var upload = await _store.StartUploadAsync(target, CancellationToken.None).ConfigureAwait(false);
        int partSize = Math.Max(upload.MinimumPartSize, PartSize);
        if (_part.Length < partSize)
        {
            _part = new byte[partSize];
        }

        int parts = 0;
        while (true)
        {
            int filled = await file.ReadAtLeastAsync(_part.AsMemory(0, partSize), partSize, throwOnEndOfStream: false).ConfigureAwait(false);
            if (filled == 0)
            {
                break;
            }

            await upload.UploadPartAsync(++parts, _part.AsMemory(0, filled), CancellationToken.None).ConfigureAwait(false);
            if (filled < partSize)
            {
                break;
            }
        }

        await upload.CompleteAsync(parts, CancellationToken.None).ConfigureAwait(false);
    }
}
