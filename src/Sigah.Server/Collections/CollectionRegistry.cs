using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Sigah.Hashing;
using Sigah.Server.Storage;

namespace Sigah.Server.Collections;

/// <summary>How a collection creation ended.</summary>
internal enum CreateOutcome
{
    /// <summary>A new collection.</summary>
    Created,

    /// <summary>The collection existed with the same model and settings (PUT is idempotent).</summary>
    Unchanged,

    /// <summary>A collection of that name exists with another model or settings.</summary>
    Conflict,
}

/// <summary>
/// The collections under <c>DIR/collections</c>, one directory each. A new collection is written into a hidden
/// directory and renamed into place; a deleted one is renamed away before its files go, so a crash never leaves half
/// a collection (start-up removes what such a crash left).
/// </summary>
internal sealed partial class CollectionRegistry : ICollectionService, IAsyncDisposable
{
    private const string NewPrefix = ".new-", DeletedPrefix = ".deleted-";

    private readonly ConcurrentDictionary<string, Collection> _collections = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly string _root;
    private readonly CollectionTuning _tuning;
    private readonly ILogger _logger;

    private CollectionRegistry(string root, CollectionTuning tuning, ILogger logger)
    {
        _root = root;
        _tuning = tuning;
        _logger = logger;
    }

    /// <summary>Collection names: a letter or digit, then up to 63 letters, digits, '.', '_' or '-'.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    public static partial Regex ValidName();

    /// <summary>Opens every collection under <paramref name="dataDirectory"/> (created if missing).</summary>
    public static CollectionRegistry Open(string dataDirectory, CollectionTuning tuning, ILogger logger)
    {
        string root = Path.Combine(dataDirectory, "collections");
        System.IO.Directory.CreateDirectory(root);
        var registry = new CollectionRegistry(root, tuning, logger);
        foreach (string directory in System.IO.Directory.EnumerateDirectories(root))
        {
            string name = Path.GetFileName(directory);
            if (name.StartsWith(NewPrefix, StringComparison.Ordinal) || name.StartsWith(DeletedPrefix, StringComparison.Ordinal))
            {
                try { System.IO.Directory.Delete(directory, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { ServerLog.DeletedFilesLeft(logger, e, name); }
                continue;
            }
            if (ValidName().IsMatch(name)) registry._collections[name] = Collection.Open(name, directory, tuning, logger);
        }
        return registry;
    }

    /// <summary>Every collection, by name.</summary>
    public IEnumerable<Collection> All => _collections.Values.OrderBy(c => c.Name, StringComparer.Ordinal);

    /// <summary>The collection named <paramref name="name"/>, if any.</summary>
    public bool TryGet(string name, out Collection collection) => _collections.TryGetValue(name, out collection!);

    /// <inheritdoc/>
    public IEnumerable<MeteredCollection> Local => All.Select(c => new MeteredCollection(c, [new("collection", c.Name)]));

    /// <inheritdoc/>
    public Task<IReadOnlyList<IServedCollection>> ListAsync() => Task.FromResult<IReadOnlyList<IServedCollection>>([.. All]);

    /// <inheritdoc/>
    public Task<IServedCollection?> FindAsync(string name) => Task.FromResult<IServedCollection?>(TryGet(name, out var collection) ? collection : null);

    /// <summary>One node holds a collection as one shard: <paramref name="shards"/> is accepted and not used.</summary>
    public async Task<(CreateOutcome Outcome, IServedCollection Collection)> CreateAsync(string name, byte[] modelBytes, CollectionSettings settings, int shards)
    {
        var (outcome, collection) = await CreateAsync(name, modelBytes, settings).ConfigureAwait(false);
        return (outcome, collection);
    }

    /// <summary>Creates <paramref name="name"/> with the model in <paramref name="modelBytes"/> (already checked to parse).</summary>
    public async Task<(CreateOutcome Outcome, Collection Collection)> CreateAsync(string name, byte[] modelBytes, CollectionSettings settings)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_collections.TryGetValue(name, out var existing))
            {
                bool same = existing.ModelBytes.AsSpan().SequenceEqual(modelBytes) && existing.Settings == settings;
                return (same ? CreateOutcome.Unchanged : CreateOutcome.Conflict, existing);
            }
            string staging = Path.Combine(_root, NewPrefix + name + "-" + Guid.NewGuid().ToString("N"));
            string final = Path.Combine(_root, name);
            try
            {
                System.IO.Directory.CreateDirectory(staging);
                Collection.Create(staging, modelBytes, settings);
                System.IO.Directory.Move(staging, final);
                DirectorySync.Flush(_root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                try { if (System.IO.Directory.Exists(staging)) System.IO.Directory.Delete(staging, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw StorageException.From(e, $"collection '{name}'");
            }
            var collection = Collection.Open(name, final, _tuning, _logger);
            _collections[name] = collection;
            return (CreateOutcome.Created, collection);
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Deletes <paramref name="name"/> and its files; false when there is no such collection.</summary>
    public async Task<bool> DeleteAsync(string name)
    {
        await _changes.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_collections.TryRemove(name, out var collection)) return false;
            await collection.DisposeAsync().ConfigureAwait(false);
            string doomed = Path.Combine(_root, DeletedPrefix + name + "-" + Guid.NewGuid().ToString("N"));
            try
            {
                System.IO.Directory.Move(Path.Combine(_root, name), doomed);
                DirectorySync.Flush(_root);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _collections[name] = Collection.Open(name, Path.Combine(_root, name), _tuning, _logger);
                throw StorageException.From(e, $"the deletion of collection '{name}'");
            }
            try { System.IO.Directory.Delete(doomed, recursive: true); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                ServerLog.DeletedFilesLeft(_logger, e, name);
            }
            return true;
        }
        finally
        {
            _changes.Release();
        }
    }

    /// <summary>Stops every collection (their logs hold every acknowledged write).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var collection in _collections.Values) await collection.DisposeAsync().ConfigureAwait(false);
        _changes.Dispose();
    }
}
