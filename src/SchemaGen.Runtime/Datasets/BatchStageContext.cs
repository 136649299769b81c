using System.Globalization;

namespace SchemaGen.Datasets;

/// <summary>
/// What an <see cref="IBatchStage{TBatch, TOutput}"/> is told about the batch it runs on, and where it rejects the rows
/// whose data it cannot use. One per pooled batch, reused.
/// </summary>
/// <remarks>
/// A rejected row follows the dataset's <see cref="DamagePolicy"/>: under <see cref="DamagePolicy.Throw"/> the batch
/// fails, when the consumer reaches it, with a <see cref="TfRecordException"/> naming the file, the record's offset
/// and the feature; under <see cref="DamagePolicy.SkipRecord"/> or <see cref="DamagePolicy.SkipFile"/> (the record's
/// framing is sound, so its file goes on) the record is left out: the batch is parsed again without it and the stage
/// runs again on the shorter batch, whose rows are renumbered, and the record is counted in the reader's
/// <c>SkippedRecords</c> and listed in its <c>Damage</c> when the batch is handed out. A batch that loses every row is
/// not handed out. Which rows are rejected depends only on their data, so the batches stay the same for any thread
/// count and across checkpoints.
/// </remarks>
public sealed class BatchStageContext
{
    private readonly Rejection[] _rejections;
    private int _rejected;

    internal BatchStageContext(int capacity) => _rejections = new Rejection[capacity];

    /// <summary>The batch's epoch, from 0.</summary>
    public long Epoch { get; private set; }

    /// <summary>The index within its epoch of the batch's first row (row <c>r</c> is <c>FirstRow + r</c>).</summary>
    public long FirstRow { get; private set; }

    /// <summary>The rows the batch holds (its <c>Count</c>).</summary>
    public int Rows { get; private set; }

    /// <summary>How many rows were rejected so far in this run.</summary>
    public int RejectedRows => Volatile.Read(ref _rejected);

    internal ReadOnlySpan<Rejection> Rejections => _rejections.AsSpan(0, _rejected);

    /// <summary>
    /// Rejects a row whose data the stage cannot use; the dataset's <see cref="DamagePolicy"/> decides what follows (see
    /// the remarks). The stage still returns normally; what it wrote for the row is discarded. Thread-safe; a row
    /// rejected twice counts once, with its first reason.
    /// </summary>
    /// <param name="row">The row, below <see cref="Rows"/>.</param>
    /// <param name="featureKey">The feature that holds the bad data, for example <c>image/encoded</c>.</param>
    /// <param name="reason">What is wrong with it, for the message (for example <c>not a JPEG or PNG image</c>).</param>
    /// <param name="innerException">The error that made the stage reject it, if any.</param>
    public void RejectRow(int row, string featureKey, string reason, Exception? innerException = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        ArgumentNullException.ThrowIfNull(featureKey);
        ArgumentNullException.ThrowIfNull(reason);
        lock (_rejections)
        {
            foreach (ref readonly var rejection in _rejections.AsSpan(0, _rejected))
            {
                if (rejection.Row == row)
                {
                    return;
                }
            }

            _rejections[_rejected] = new Rejection(row, featureKey, reason, innerException);
            Volatile.Write(ref _rejected, _rejected + 1);
        }
    }

    /// <summary>Readies the context for a run over a batch.</summary>
    internal void Start(long epoch, long firstRow, int rows)
    {
        (Epoch, FirstRow, Rows) = (epoch, firstRow, rows);
        Array.Clear(_rejections, 0, _rejected);
        _rejected = 0;
    }

    /// <summary>The damage a rejected row is reported as: the record's file, offset and the feature.</summary>
    internal static TfRecordException Damage(in Rejection rejection, DatasetFile file, long recordOffset) =>
        TfRecordException.Rejected(
            recordOffset,
            file is InMemoryDatasetFile ? null : file.Name,
            rejection.FeatureKey,
            string.Create(CultureInfo.InvariantCulture, $"feature '{rejection.FeatureKey}' of the record: {rejection.Reason}"),
            rejection.InnerException);

    /// <summary>A row a stage rejected, and why.</summary>
    internal readonly record struct Rejection(int Row, string FeatureKey, string Reason, Exception? InnerException);
}
