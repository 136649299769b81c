namespace SchemaGen.Storage;

/// <summary>
/// How objects are read and written: read-ahead, part sizes, retries and the stalled-request timeout. One setting for
/// the process (<see cref="Current"/>); tests and benchmarks pass their own to the streams.
/// </summary>
/// <remarks>
/// Memory in flight: a sequential read holds at most <see cref="ChunksInFlight"/> × <see cref="ChunkSize"/> bytes per
/// open object (16 MiB by default; a store may state other sizes, see <see cref="For"/>), a write at most (<see cref="PartsInFlight"/> + 1) × the part size (40 MiB).
/// </remarks>
internal sealed record ObjectIoSettings
{
    /// <summary>The settings the dataset, the readers and the writers use.</summary>
    public static ObjectIoSettings Current { get; set; } = new();

    /// <summary>The bytes one ranged read fetches during a sequential read.</summary>
    public int ChunkSize { get; init; } = 4 << 20;

    /// <summary>The chunks of one object being fetched or waiting to be consumed, the one being consumed included.</summary>
    public int ChunksInFlight { get; init; } = 4;

    /// <summary>The size of a part of an upload (at least the store's minimum).</summary>
    public int PartSize { get; init; } = 8 << 20;

    /// <summary>The parts of one upload being sent at once.</summary>
    public int PartsInFlight { get; init; } = 4;

    /// <summary>Attempts of one request before its failure is final (progress made resets the count).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>A request that has not finished in this time is abandoned and retried (a stalled stream).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The wait before the first retry; it doubles for each further attempt, with jitter.</summary>
    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>These settings with the read-ahead that <paramref name="store"/> states, where it states one.</summary>
    public ObjectIoSettings For(ObjectStore store) => this with
    {
        ChunkSize = store.ReadRangeSize > 0 ? store.ReadRangeSize : ChunkSize,
        ChunksInFlight = store.ReadRangesInFlight > 0 ? store.ReadRangesInFlight : ChunksInFlight,
    };

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: exponential, with full jitter on the upper half.</summary>
    public TimeSpan RetryDelay(int attempt)
    {
        double ceiling = Math.Min(MaxRetryDelay.TotalMilliseconds, FirstRetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }
}
