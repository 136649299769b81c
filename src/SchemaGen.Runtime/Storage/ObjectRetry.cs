namespace SchemaGen.Storage;

/// <summary>
/// Runs one request to a store with the retries of <see cref="ObjectIoSettings"/>: a transient failure (as the store
/// classifies it) or a request stalled past the timeout is retried after an exponential, jittered wait; anything else,
/// or the last attempt's failure, is final and names the address and the offset.
/// </summary>
internal static class ObjectRetry
{
    public static async Task<T> RunAsync<T>(
        ObjectStore store,
        ObjectUri uri,
        long offset,
        ObjectIoSettings settings,
        Func<CancellationToken, Task<T>> request,
        CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            using var stall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stall.CancelAfter(settings.StallTimeout);
            try
            {
                return await request(stall.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsRetryable(store, e, stall))
            {
                if (attempt >= settings.MaxAttempts)
                {
                    throw GaveUp(uri, offset, attempt, e);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && Wraps(e))
            {
                throw Permanent(uri, offset, e);
            }

            await Task.Delay(settings.RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether to try again: the store says the failure is transient, or the request stalled.</summary>
    public static bool IsRetryable(ObjectStore store, Exception exception, CancellationTokenSource stall) =>
        (stall.IsCancellationRequested && exception is OperationCanceledException or TimeoutException or IOException)
        || (exception is not OperationCanceledException && store.IsTransient(exception));

    /// <summary>The final failure after <paramref name="attempts"/> attempts.</summary>
    public static IOException GaveUp(ObjectUri uri, long offset, int attempts, Exception last) =>
        new($"{uri}: the request at offset {offset} failed {attempts} times; the last failure: {last.Message}", last);

    /// <summary>A permanent failure, wrapped to name the address and offset unless its type already tells the caller what happened.</summary>
    public static Exception Permanent(ObjectUri uri, long offset, Exception e) =>
        new IOException($"{uri}: the request at offset {offset} failed: {e.Message}", e);

    // Missing objects, refused credentials and changed objects keep their types (they name the address already).
    private static bool Wraps(Exception e) =>
        e is not (FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException or ObjectChangedException
            or OperationCanceledException or ArgumentException or NotSupportedException);
}
