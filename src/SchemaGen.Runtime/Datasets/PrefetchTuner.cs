namespace SchemaGen.Datasets;

/// <summary>
/// The prefetch depth of a dataset left to choose it (<see cref="TfRecordDataset.Autotune"/>): tf.data's prefetch
/// autotuner. The depth starts at 1 and doubles each time the consumer, having once found the depth's worth of batches
/// ready, later finds none: its rate outran the workers in a burst that a deeper buffer would have absorbed. A
/// consumer that is steadily faster than the workers never finds the buffer full, one that is steadily slower never
/// finds it empty, so neither grows it. The depth stops at <see cref="MaxDepth"/> batches, and before the ring's
/// estimated memory would pass <see cref="MemoryBudget"/>.
/// </summary>
/// <remarks>Called by the consumer only, under the ring's lock.</remarks>
internal sealed class PrefetchTuner(int parsers)
{
    /// <summary>The deepest the tuner goes, in batches ready ahead of the consumer.</summary>
    public const int MaxDepth = 16;

    /// <summary>The estimated memory of all the ring's batches past which the depth does not grow (512 MiB).</summary>
    public const long MemoryBudget = 512L << 20;

    private bool _filledOnce;

    /// <summary>The batches to keep ready ahead of the consumer.</summary>
    public int Depth { get; private set; } = 1;

    /// <summary>The ring's batches at the current depth: ready, being parsed, being read and lent.</summary>
    public int Slots => SlotsFor(Depth);

    /// <summary>The ring's size at the deepest the tuner may go.</summary>
    public int MaxSlots => SlotsFor(MaxDepth);

    /// <summary>
    /// Records what the consumer found as it took a batch: <paramref name="ready"/> batches parsed and waiting in
    /// order. Returns how many slots the depth gained (0 mostly).
    /// </summary>
    /// <param name="ready">The batches ready, before the take.</param>
    /// <param name="batchBytes">The estimated memory of one batch, or 0 when none has been measured yet.</param>
    public int RecordTake(int ready, long batchBytes)
    {
        if (!_filledOnce)
        {
            _filledOnce = ready >= Depth;
            return 0;
        }

        if (ready > 0)
        {
            return 0;
        }

        _filledOnce = false;
        int deeper = Math.Min(Depth * 2, MaxDepth);
        while (deeper > Depth && batchBytes > 0 && SlotsFor(deeper) * batchBytes > MemoryBudget)
        {
            deeper--;
        }

        int gained = deeper - Depth;
        Depth = deeper;
        return Math.Max(gained, 0);
    }

    private int SlotsFor(int depth) => depth + parsers + 2;
}
