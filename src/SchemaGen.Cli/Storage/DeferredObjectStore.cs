using SchemaGen.Storage;

namespace SchemaGen.Cli.Storage;

/// <summary>
/// A store made on first use: creating Google's client looks for credentials and fails without them, which must not
/// stop commands that never touch that scheme.
/// </summary>
internal sealed class DeferredObjectStore(string scheme, Func<ObjectStore> create) : ObjectStore(scheme)
{
    private readonly Lazy<ObjectStore> _store = new(create, LazyThreadSafetyMode.ExecutionAndPublication);

    public override Task<ObjectInfo> GetInfoAsync(ObjectUri uri, CancellationToken cancellationToken) =>
        _store.Value.GetInfoAsync(uri, cancellationToken);

    public override IAsyncEnumerable<ObjectInfo> ListAsync(ObjectUri prefix, CancellationToken cancellationToken) =>
        _store.Value.ListAsync(prefix, cancellationToken);

    public override Task<int> ReadAsync(ObjectInfo obj, long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
        _store.Value.ReadAsync(obj, offset, buffer, cancellationToken);

    public override Task<ObjectUpload> StartUploadAsync(ObjectUri uri, CancellationToken cancellationToken) =>
        _store.Value.StartUploadAsync(uri, cancellationToken);

    public override bool IsTransient(Exception exception) => _store.Value.IsTransient(exception);
}
