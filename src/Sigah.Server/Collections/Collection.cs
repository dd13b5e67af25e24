using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Sigah.Core.Codes;
using Sigah.Hashing;
using Sigah.Server.Api;
using Sigah.Server.Storage;

namespace Sigah.Server.Collections;

/// <summary>
/// A named collection: a hash model, the codes of its vectors in segments, optionally the vectors, and its durable
/// state (write-ahead log and snapshots) in an <see cref="ICollectionStore"/>. Writes go through one writer task that commits every write waiting for it with
/// one fsync (group commit), then publishes a new immutable <see cref="CollectionState"/>; searches read the current
/// state and never wait. A maintenance task seals full growing segments, merges segments and takes snapshots.
/// </summary>
internal sealed class Collection : IServedCollection, IAsyncDisposable
{
    private const string ModelFileName = "model.sgm";
    private const string SettingsFileName = "collection.json";

    private readonly Channel<WriterCommand> _commands = Channel.CreateBounded<WriterCommand>(new BoundedChannelOptions(65_536) { SingleReader = true });
    private readonly SemaphoreSlim _maintenanceSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly CollectionTuning _tuning;
    private readonly ILogger _logger;
    private readonly ICollectionStore _store;
    private CollectionState _state;
    private long _logBytes;
    private Task _writer = Task.CompletedTask, _maintenance = Task.CompletedTask;

    private Collection(string name, ICollectionStore store, IHashModel model, byte[] modelBytes, CollectionSettings settings,
        CollectionState state, CollectionTuning tuning, ILogger logger)
    {
        Name = name;
        _store = store;
        Model = model;
        ModelBytes = modelBytes;
        Settings = settings;
        _state = state;
        _tuning = tuning;
        _logger = logger;
        _logBytes = store.LogBytes;
    }

    /// <summary>The collection's name.</summary>
    public string Name { get; }

    /// <summary>Bytes its durable state takes in its store.</summary>
    public long StoredBytes => _store.StoredBytes;

    /// <summary>The model that encodes its vectors.</summary>
    public IHashModel Model { get; }

    /// <summary>The model file's bytes, as uploaded.</summary>
    public byte[] ModelBytes { get; }

    /// <summary>What it was created with.</summary>
    public CollectionSettings Settings { get; }

    /// <summary>Floats kept per row: the model's dimension when vectors are kept for re-ranking, else 0.</summary>
    public int KeptDimension => Settings.Rerank ? Model.Dimension : 0;

    /// <summary>The current state (what a search started now sees).</summary>
    public CollectionState State => Volatile.Read(ref _state);

    /// <summary>Bytes held in memory for the codes, ids and kept vectors of every stored row.</summary>
    public long MemoryBytes => State.Segments.Sum(s => (long)s.Count * (8 + (Model.Bits / 8) + (4 * KeptDimension)));

    /// <summary>Writes a new collection's files into <paramref name="directory"/> (which must exist and be empty).</summary>
    public static void Create(string directory, byte[] modelBytes, CollectionSettings settings)
    {
        Sigah.IO.AtomicFile.Write(Path.Combine(directory, ModelFileName), s => s.Write(modelBytes));
        Sigah.IO.AtomicFile.Write(Path.Combine(directory, SettingsFileName),
            s => System.Text.Json.JsonSerializer.Serialize(s, settings, StorageJson.Default.CollectionSettings));
        DirectorySync.Flush(directory);
    }

    /// <summary>Opens the collection in <paramref name="directory"/> (its model, settings and state there).</summary>
    public static Collection Open(string name, string directory, CollectionTuning tuning, ILogger logger)
    {
        string modelPath = Path.Combine(directory, ModelFileName);
        byte[] modelBytes = File.ReadAllBytes(modelPath);
        var settings = System.Text.Json.JsonSerializer.Deserialize(File.ReadAllBytes(Path.Combine(directory, SettingsFileName)),
            StorageJson.Default.CollectionSettings) ?? new CollectionSettings(false);
        return Open(name, new DirectoryStore(directory), modelBytes, settings, tuning, logger);
    }

    /// <summary>
    /// Opens a collection whose state is in <paramref name="store"/> (which it then owns): loads the snapshot, replays
    /// the log, starts its tasks.
    /// </summary>
    public static Collection Open(string name, ICollectionStore store, byte[] modelBytes, CollectionSettings settings, CollectionTuning tuning, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        var model = ModelFile.FromBytes(modelBytes, $"the model of collection '{name}'");
        int dimension = settings.Rerank ? model.Dimension : 0;
        var watch = Stopwatch.StartNew();
        var snapshot = store.ReadSnapshot(model.Bits, dimension);
        var start = snapshot is { } s ? new CollectionState([s.Segment], s.Lsn) : CollectionState.Empty;
        var builder = new StateBuilder(start, model.Bits / 8, dimension, tuning.SealRows);
        int replayed = 0;
        store.OpenLog(model.Bits / 8, dimension, start.Lsn, record =>
        {
            builder.Apply(record);
            replayed++;
        });
        var collection = new Collection(name, store, model, modelBytes, settings, builder.Build(Math.Max(store.LastLsn, start.Lsn)), tuning, logger);
        ServerLog.Opened(logger, name, collection.State.Count, replayed, start.Lsn, watch.Elapsed.TotalSeconds);
        collection._writer = Task.Run(collection.WriteLoop);
        collection._maintenance = Task.Run(collection.MaintenanceLoop);
        collection._maintenanceSignal.Release();
        return collection;
    }

    /// <summary>Adds or replaces rows; completes once the write is durable and visible to searches.</summary>
    public Task<WriteOutcome> UpsertAsync(long[] ids, byte[] codes, float[]? vectors) => Send(new PendingWrite(LogRecordKind.Upsert, ids, codes, vectors));

    /// <summary>Removes ids; completes once the delete is durable and visible to searches.</summary>
    public Task<WriteOutcome> DeleteAsync(long[] ids) => Send(new PendingWrite(LogRecordKind.Delete, ids, [], null));

    /// <inheritdoc/>
    public Task<Neighbours[]> SearchAsync(PackedCodes queries, float[] vectors, int k, int rerank, int? radius) =>
        Task.FromResult(CollectionSearch.Run(State, queries, vectors, Model.Dimension, k, rerank, radius));

    /// <inheritdoc/>
    public Task<float[]?> FindVectorAsync(long id)
    {
        int d = KeptDimension;
        foreach (var segment in State.Segments)
        {
            int row = segment.Locate(id);
            if (row >= 0) return Task.FromResult<float[]?>(segment.Vectors.AsSpan(row * d, d).ToArray());
        }
        return Task.FromResult<float[]?>(null);
    }

    /// <inheritdoc/>
    public Task<CollectionInfo> DescribeAsync()
    {
        var state = State;
        return Task.FromResult(new CollectionInfo(Name, Model.Method, Model.Bits, Model.Dimension, state.Count, Settings.Rerank, state.DeletedCount,
            state.Segments.Length, MemoryBytes, StoredBytes, state.Lsn));
    }


    /// <summary>Stops the tasks after the writes already sent; the store is closed.</summary>
    public async ValueTask DisposeAsync()
    {
        _commands.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _maintenance.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _store.Dispose();
        _stop.Dispose();
        _maintenanceSignal.Dispose();
    }

    private async Task<WriteOutcome> Send(PendingWrite write)
    {
        if (!_commands.Writer.TryWrite(write)) await _commands.Writer.WriteAsync(write).ConfigureAwait(false);
        return await write.Done.Task.ConfigureAwait(false);
    }

    private async Task WriteLoop()
    {
        var reader = _commands.Reader;
        var batch = new List<PendingWrite>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var command))
            {
                if (command is PendingWrite write)
                {
                    batch.Add(write);
                    if (batch.Count >= _tuning.MaxGroupCommit) Commit(batch);
                    continue;
                }
                Commit(batch);
                Run(command);
            }
            Commit(batch);
        }
    }

    private void Commit(List<PendingWrite> batch)
    {
        if (batch.Count == 0) return;
        var records = new LogRecord[batch.Count];
        for (int i = 0; i < batch.Count; i++) records[i] = new LogRecord(_store.LastLsn + 1 + i, batch[i].Kind, batch[i].Ids, batch[i].Codes, batch[i].Vectors);
        try
        {
            _store.Append(records);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var failure = StorageException.From(e, $"collection '{Name}': the write");
            ServerLog.WriteFailed(_logger, e, Name, batch.Count);
            foreach (var write in batch) write.Done.TrySetException(failure);
            batch.Clear();
            return;
        }
        Volatile.Write(ref _logBytes, _store.LogBytes);
        var builder = new StateBuilder(State, Model.Bits / 8, KeptDimension, _tuning.SealRows);
        var affected = new int[records.Length];
        for (int i = 0; i < records.Length; i++) affected[i] = builder.Apply(records[i]);
        var state = builder.Build(_store.LastLsn);
        Volatile.Write(ref _state, state);
        if (builder.Froze) _maintenanceSignal.Release();
        for (int i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(new WriteOutcome(affected[i], state.Count));
        batch.Clear();
    }

    private void Run(WriterCommand command)
    {
        switch (command)
        {
            case MergeDone merge:
                var builder = new StateBuilder(State, Model.Bits / 8, KeptDimension, _tuning.SealRows);
                var deletedSince = new List<int>();
                foreach (var input in merge.Inputs)
                    if (builder.Find(input.Identity) is { } now) SegmentMerge.CarryDeletes(input, now, merge.Output, deletedSince);
                builder.Replace([.. merge.Inputs.Select(i => i.Identity)], SegmentMerge.WithDeleted(merge.Output, deletedSince));
                Volatile.Write(ref _state, builder.Build(State.Lsn));
                merge.Done.TrySetResult();
                break;
            case RotateLog rotate:
                try
                {
                    _store.StartSnapshot();
                    Volatile.Write(ref _logBytes, 0);
                    rotate.Done.TrySetResult(State);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    rotate.Done.TrySetException(StorageException.From(e, $"collection '{Name}': a new log file"));
                }
                break;
            case DropLog drop:
                try
                {
                    _store.DropLogUpTo(drop.Lsn);
                    drop.Done.TrySetResult();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    drop.Done.TrySetException(e);
                }
                break;
        }
    }

    private async Task MaintenanceLoop()
    {
        var token = _stop.Token;
        long snapshotLsn = State.Lsn;
        var lastSnapshot = Stopwatch.StartNew();
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _maintenanceSignal.WaitAsync(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                List<Segment> inputs;
                while ((inputs = SegmentMerge.Plan(State)).Count > 0 && !token.IsCancellationRequested)
                {
                    var merge = new MergeDone(inputs, SegmentMerge.Run(inputs, Model.Bits, KeptDimension));
                    await _commands.Writer.WriteAsync(merge, token).ConfigureAwait(false);
                    await merge.Done.Task.ConfigureAwait(false);
                }
                bool due = Volatile.Read(ref _logBytes) >= _tuning.SnapshotLogBytes
                    || (lastSnapshot.Elapsed >= _tuning.SnapshotInterval && State.Lsn != snapshotLsn);
                if (due)
                {
                    snapshotLsn = await TakeSnapshot(token).ConfigureAwait(false);
                    lastSnapshot.Restart();
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageException)
            {
                ServerLog.MaintenanceFailed(_logger, e, Name);
                lastSnapshot.Restart();
            }
        }
    }

    /// <summary>Writes a snapshot of the state where the log was marked and drops the log records before it.</summary>
    internal async Task<long> TakeSnapshot(CancellationToken token)
    {
        var rotate = new RotateLog();
        await _commands.Writer.WriteAsync(rotate, token).ConfigureAwait(false);
        var state = await rotate.Done.Task.ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        _store.WriteSnapshot(state, Model.Bits, KeptDimension);
        var drop = new DropLog(state.Lsn);
        await _commands.Writer.WriteAsync(drop, token).ConfigureAwait(false);
        await drop.Done.Task.ConfigureAwait(false);
        ServerLog.Snapshotted(_logger, Name, state.Count, state.Lsn, watch.Elapsed.TotalSeconds);
        return state.Lsn;
    }
}
