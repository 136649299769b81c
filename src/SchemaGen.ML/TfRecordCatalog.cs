using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.ML;
using SchemaGen.Schema;

namespace SchemaGen.ML;

/// <summary>
/// ML.NET's entry points for TFRecord files of <c>tf.train.Example</c>: <c>mlContext.Data.LoadFromTfRecord&lt;T&gt;</c>
/// and <c>mlContext.Data.SaveAsTfRecord</c>, as <c>LoadFromTextFile</c> and <c>SaveAsText</c> are for text.
/// </summary>
/// <remarks>
/// Column types follow the features (see the package README for the full table): a scalar is a primitive column
/// (<c>long</c> is Int64, <c>float</c> Single, <c>bool</c> Boolean, an enum its underlying integer), a fixed shape a
/// <see cref="Microsoft.ML.Data.VectorDataViewType"/> with those dimensions, a variable-length list a vector of
/// variable size, a string text, a <c>byte[]</c> (or raw uint8 tensor) a vector of bytes. A missing optional float is
/// NaN; ML.NET has no missing integer, so an optional integer or bool is a variable vector of 0 (missing) or 1 value.
/// </remarks>
public static class TfRecordCatalog
{
    /// <summary>Reads TFRecord files of a <c>[TfExample]</c> type as an <see cref="IDataView"/>.</summary>
    /// <typeparam name="T">The <c>[TfExample]</c> type: its generated <c>T.Schema</c> gives the columns, <c>T.Batch</c> holds the rows.</typeparam>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="path">A file, or a pattern with <c>*</c> and <c>?</c>.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    /// <returns>The data view: one column per feature, named by its key.</returns>
    /// <exception cref="FileNotFoundException">The path does not exist, or the pattern matches nothing.</exception>
    /// <exception cref="NotSupportedException">A feature has no ML.NET column type (a list of byte strings, a feature list).</exception>
    public static IDataView LoadFromTfRecord<T>(this DataOperationsCatalog catalog, string path, TfRecordLoaderOptions? options = null)
        where T : ITfExample<T>
    {
        ArgumentNullException.ThrowIfNull(path);
        return LoadFromTfRecord<T>(catalog, [path], options);
    }

    /// <summary>Reads TFRecord files of a <c>[TfExample]</c> type as an <see cref="IDataView"/>.</summary>
    /// <typeparam name="T">The <c>[TfExample]</c> type: its generated <c>T.Schema</c> gives the columns, <c>T.Batch</c> holds the rows.</typeparam>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="paths">Files, or patterns with <c>*</c> and <c>?</c>; read in sorted order.</param>
    /// <param name="options">How to read; null for the defaults.</param>
    /// <returns>The data view: one column per feature, named by its key.</returns>
    /// <exception cref="FileNotFoundException">A path does not exist, or a pattern matches nothing.</exception>
    /// <exception cref="NotSupportedException">A feature has no ML.NET column type (a list of byte strings, a feature list).</exception>
    public static IDataView LoadFromTfRecord<T>(this DataOperationsCatalog catalog, IEnumerable<string> paths, TfRecordLoaderOptions? options = null)
        where T : ITfExample<T>
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(paths);
        string[] list = [.. paths];
        TfRecordDataset dataset = TfRecordDataset.FromFiles(list);
        options ??= new TfRecordLoaderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1, nameof(options));
        Type batchType = FindBatchType(typeof(T));
        Type viewType = typeof(TfRecordDataView<,>).MakeGenericType(batchType, typeof(T));
        try
        {
            return (IDataView)Activator.CreateInstance(viewType, dataset, options)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The view's own exception (a feature with no column type), with its stack, not the reflection wrapper.
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>
    /// Writes every row of a data view as a <c>tf.train.Example</c> into a TFRecord stream; each visible column is the
    /// feature of its name, as <see cref="LoadFromTfRecord{T}(DataOperationsCatalog, string, TfRecordLoaderOptions?)"/>
    /// maps them back.
    /// </summary>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="data">The rows.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="options">Compression; null for none.</param>
    /// <returns>The number of records written.</returns>
    /// <remarks>
    /// Integers, bools and key values become <c>int64_list</c>s, Single and Double <c>float_list</c>s (doubles rounded to
    /// float32), text <c>bytes_list</c>s of UTF-8, a vector of bytes one bytes value; a vector writes all its values
    /// (sparse ones densified), and an empty vector writes no feature (read back, a missing feature). NaN is written as
    /// a value.
    /// </remarks>
    /// <exception cref="NotSupportedException">A column's type has no Example form (dates, time spans, vectors of vectors).</exception>
    public static long SaveAsTfRecord(this DataOperationsCatalog catalog, IDataView data, Stream stream, TfRecordWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new TfRecordWriter(stream, options, leaveOpen: true);
        return ExampleRowWriter.WriteAll(data, writer);
    }

    /// <summary>Writes every row of a data view as a <c>tf.train.Example</c> into a TFRecord file (see the stream overload).</summary>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="data">The rows.</param>
    /// <param name="path">The file, created or overwritten.</param>
    /// <param name="options">Compression; null for none.</param>
    /// <returns>The number of records written.</returns>
    /// <exception cref="NotSupportedException">A column's type has no Example form.</exception>
    public static long SaveAsTfRecord(this DataOperationsCatalog catalog, IDataView data, string path, TfRecordWriterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new TfRecordWriter(path, options);
        return ExampleRowWriter.WriteAll(data, writer);
    }

    /// <summary>
    /// Writes every row of a data view as a <c>[TfExample]</c> type's Examples: each feature of <c>T.Schema</c> from the
    /// column of its key (other columns are not written), and an optional scalar's missing value (NaN, empty text, an
    /// empty vector) as a missing feature, so that what <see cref="LoadFromTfRecord{T}(DataOperationsCatalog, string, TfRecordLoaderOptions?)"/>
    /// read writes back to the same records.
    /// </summary>
    /// <typeparam name="T">The <c>[TfExample]</c> type.</typeparam>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="data">The rows.</param>
    /// <param name="stream">Where to write; left open.</param>
    /// <param name="options">Compression; null for none.</param>
    /// <returns>The number of records written.</returns>
    /// <exception cref="ArgumentException">A feature of <c>T</c> has no visible column.</exception>
    /// <exception cref="NotSupportedException">A column's type has no Example form.</exception>
    public static long SaveAsTfRecord<T>(this DataOperationsCatalog catalog, IDataView data, Stream stream, TfRecordWriterOptions? options = null)
        where T : ITfExample<T>
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(stream);
        using var writer = new TfRecordWriter(stream, options, leaveOpen: true);
        return ExampleRowWriter.WriteAll(data, writer, T.Schema);
    }

    /// <summary>Writes every row of a data view as a <c>[TfExample]</c> type's Examples into a file (see the stream overload).</summary>
    /// <typeparam name="T">The <c>[TfExample]</c> type.</typeparam>
    /// <param name="catalog">The catalog (<c>mlContext.Data</c>).</param>
    /// <param name="data">The rows.</param>
    /// <param name="path">The file, created or overwritten.</param>
    /// <param name="options">Compression; null for none.</param>
    /// <returns>The number of records written.</returns>
    /// <exception cref="ArgumentException">A feature of <c>T</c> has no visible column.</exception>
    /// <exception cref="NotSupportedException">A column's type has no Example form.</exception>
    public static long SaveAsTfRecord<T>(this DataOperationsCatalog catalog, IDataView data, string path, TfRecordWriterOptions? options = null)
        where T : ITfExample<T>
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new TfRecordWriter(path, options);
        return ExampleRowWriter.WriteAll(data, writer, T.Schema);
    }

    private static Type FindBatchType(Type exampleType)
    {
        Type? batch = exampleType.GetNestedType("Batch", BindingFlags.Public);
        Type expected = typeof(ITfExampleBatch<,>);
        if (batch is null || !batch.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == expected && i.GetGenericArguments()[1] == exampleType))
        {
            throw new ArgumentException($"{exampleType} has no generated Batch type: declare it [TfExample] (partial) so the SchemaGen generator writes T.Batch.");
        }

        return batch;
    }
}
