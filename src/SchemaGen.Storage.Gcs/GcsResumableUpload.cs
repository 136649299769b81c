using Google;
using Google.Cloud.Storage.V1;

namespace SchemaGen.Storage.Gcs;

/// <summary>
/// An object written through one resumable upload session, which creates the object only when its last byte is
/// sent: parts may be handed in concurrently, and each waits for its turn to be streamed in order (the parts in
/// flight are the only buffering). An abort cancels the session, which then never creates an object.
/// </summary>
/// <remarks>
/// A session is one stream: a failure inside it fails the upload as a whole, and the writer starts again.
/// </remarks>
internal sealed class GcsResumableUpload : ObjectUpload
{
    private readonly StorageClient _client;
    private readonly Func<ObjectUri, GoogleApiException, Exception> _translate;
    private readonly PartStream _stream = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly Dictionary<int, TaskCompletionSource> _waiting = [];
    private Task<Google.Apis.Storage.v1.Data.Object>? _session;
    private int _next = 1;
    private long _length;
    private bool _completed;

    public GcsResumableUpload(ObjectUri uri, StorageClient client, Func<ObjectUri, GoogleApiException, Exception> translate)
    {
        Uri = uri;
        _client = client;
        _translate = translate;
    }

    public override ObjectUri Uri { get; }

    // The session takes bytes in any amounts; the SDK sends them in chunks of its own size.
    public override int MinimumPartSize => 1;

    public override async Task UploadPartAsync(int partNumber, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partNumber, 1);
        await WaitForTurnAsync(partNumber, cancellationToken).ConfigureAwait(false);
        StartSession();
        var read = _stream.AddAsync(data);
        Interlocked.Add(ref _length, data.Length);
        Advance(partNumber + 1);

        // The session may end before it reads this part (it failed, or the server finished the object early): the
        // part then fails at once with the session's error, instead of waiting for a read that never comes.
        var session = _session!;
        if (await Task.WhenAny(read, session).WaitAsync(cancellationToken).ConfigureAwait(false) == read || read.IsCompleted)
        {
            await read.ConfigureAwait(false);
            return;
        }

        try
        {
            await session.ConfigureAwait(false);
        }
        catch (GoogleApiException e)
        {
            throw _translate(Uri, e);
        }

        throw new InvalidOperationException(
            $"{Uri}: the upload session ended before part {partNumber} was sent; the server finished the object early.");
    }

    public override async Task<ObjectInfo> CompleteAsync(int partCount, CancellationToken cancellationToken)
    {
        await WaitForTurnAsync(partCount + 1, cancellationToken).ConfigureAwait(false);
        StartSession();
        _stream.EndOfParts();
        try
        {
            var obj = await _session!.WaitAsync(cancellationToken).ConfigureAwait(false);
            _completed = true;
            return new ObjectInfo(Uri, _length, (obj.Generation ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (GoogleApiException e)
        {
            throw _translate(Uri, e);
        }
    }

    public override async Task AbortAsync(CancellationToken cancellationToken)
    {
        await _abort.CancelAsync().ConfigureAwait(false);
        _stream.Fail(new OperationCanceledException("The upload was aborted."));
        if (_session is { } session)
        {
            try
            {
                await session.ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or GoogleApiException or IOException)
            {
                // The session ends unfinished, which is the point: no object is created.
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (!_completed)
        {
            await AbortAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _abort.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
    }

    private void StartSession() => _session ??= _client.UploadObjectAsync(Uri.Bucket, Uri.Key, "application/octet-stream",
        _stream, options: null, _abort.Token);

    // Parts are streamed in their order: part n waits until part n - 1 is in the stream.
    private Task WaitForTurnAsync(int partNumber, CancellationToken cancellationToken)
    {
        lock (_waiting)
        {
            if (partNumber == _next)
            {
                return Task.CompletedTask;
            }

            if (partNumber < _next)
            {
                throw new InvalidOperationException($"{Uri}: part {partNumber} is already in the upload stream and cannot be sent again.");
            }

            if (!_waiting.TryGetValue(partNumber, out var turn))
            {
                _waiting[partNumber] = turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return turn.Task.WaitAsync(cancellationToken);
        }
    }

    private void Advance(int partNumber)
    {
        lock (_waiting)
        {
            _next = partNumber;
            if (_waiting.Remove(partNumber, out var turn))
            {
                turn.SetResult();
            }
        }
    }
}
