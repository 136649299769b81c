using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace SchemaGen.Storage.Azure;

/// <summary>
/// A blob written as staged blocks: nothing is visible until <see cref="CompleteAsync"/> commits the block list.
/// Azure has no call to discard uncommitted blocks; they are never part of a blob and the service deletes them
/// after a week, so an abort just forgets them.
/// </summary>
internal sealed class AzureBlockUpload(ObjectUri uri, BlockBlobClient blob) : ObjectUpload
{
    // Block ids of one blob must have one length; the upload's own prefix keeps two writers' blocks apart.
    private readonly byte[] _prefix = Guid.NewGuid().ToByteArray();
    private readonly ConcurrentDictionary<int, long> _partLengths = new();
    private bool _completed;

    public override ObjectUri Uri { get; } = uri;

    // A block may be of any size up to 4000 MiB.
    public override int MinimumPartSize => 1;

    public override async Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        try
        {
            using var content = new ReadOnlyMemoryStream(data);
            await blob.StageBlockAsync(BlockId(partNumber), content, cancellationToken: cancellationToken).ConfigureAwait(false);
            _partLengths[partNumber] = data.Length;
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Translate(Uri, e);
        }
    }

    public override async Task<ObjectInfo> CompleteAsync(int partCount, CancellationToken cancellationToken)
    {
        long length = 0;
        var ids = new List<string>(partCount);
        for (int part = 1; part <= partCount; part++)
        {
            length += _partLengths.TryGetValue(part, out long partLength)
                ? partLength
                : throw new InvalidOperationException($"{Uri}: part {part} of {partCount} was not uploaded.");
            ids.Add(BlockId(part));
        }

        try
        {
            var committed = await blob.CommitBlockListAsync(ids, new CommitBlockListOptions(), cancellationToken).ConfigureAwait(false);
            _completed = true;
            return new ObjectInfo(Uri, length, AzureObjectStore.Version(committed.Value.ETag));
        }
        catch (RequestFailedException e)
        {
            throw AzureErrors.Translate(Uri, e);
        }
    }

    public override Task AbortAsync(CancellationToken cancellationToken)
    {
        _partLengths.Clear();
        return Task.CompletedTask;
    }

    public override ValueTask DisposeAsync() => _completed ? ValueTask.CompletedTask : new ValueTask(AbortAsync(CancellationToken.None));

    private string BlockId(int partNumber)
    {
        Span<byte> id = stackalloc byte[20];
        _prefix.CopyTo(id);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(id[16..], partNumber);
        return Convert.ToBase64String(id);
    }
}
