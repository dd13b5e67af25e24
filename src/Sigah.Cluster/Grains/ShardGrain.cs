using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Runtime;
using Sigah.Cluster.Placement;
using Sigah.Cluster.Storage;
using Sigah.Core.Codes;
using Sigah.Server.Api;
using Sigah.Server.Collections;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Grains;

/// <summary>
/// A shard as a grain: on activation it opens its state from the shared storage (snapshot + log replay) into a
/// one-node <see cref="Collection"/>, so it serves the same searches and group-committed writes; a silo's death
/// only moves it. Reentrant, and its searches and its loading run on the thread pool: searches read immutable
/// states, so many run at once on all the silo's cores and never wait for writes, which the collection's writer orders. Every few seconds it checks that it lives where <see cref="SpreadPlacement"/> puts it now, and
/// leaves (to reactivate there) when a silo joined or left.
/// </summary>
[Reentrant, SpreadPlacement]
internal sealed partial class ShardGrain(IShardStorage storage, LocalShards local, ServerMetrics metrics, CollectionTuning tuning,
    IClusterMembershipService membership, ILocalSiloDetails silo, ILogger<ShardGrain> logger) : Grain, IShardGrain
{
    private static readonly TimeSpan OpenPatience = TimeSpan.FromSeconds(20), HomeCheck = TimeSpan.FromSeconds(2);

    private ClusterCollection _collection = null!;
    private Collection _shard = null!;
    private ICollectionStore _store = null!;
    private int _index;
    private KeyValuePair<string, object?>[] _tags = [];

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (name, index) = ShardMap.Parse(this.GetPrimaryKeyString());
        _index = index;
        _collection = await storage.FindAsync(name, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext) ?? throw new CollectionGoneException(name);
        var store = _store = await OpenStore(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        try
        {
            var settings = new CollectionSettings(_collection.Rerank);
            _shard = await Task.Run(() => Collection.Open($"{name}/{index}", store, _collection.Model, settings, tuning, logger), cancellationToken)
                .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        _tags = [new("collection", name), new("shard", index)];
        local.Add(this.GetPrimaryKeyString(), new MeteredCollection(_shard, _tags));
        this.RegisterGrainTimer(CheckHome, new GrainTimerCreationOptions(HomeCheck, HomeCheck) { Interleave = true });
    }

    /// <inheritdoc/>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        local.Remove(this.GetPrimaryKeyString());
        if (_shard is not null) await _shard.DisposeAsync().AsTask().ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <inheritdoc/>
    public async Task<ShardWrite> Upsert(Guid generation, long[] ids, byte[] codes, float[]? vectors)
    {
        Check(generation);
        var outcome = await Write(_shard.UpsertAsync(ids, codes, _collection.Rerank ? vectors : null)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return new ShardWrite(outcome.Affected, outcome.Count);
    }

    /// <inheritdoc/>
    public async Task<ShardWrite> Delete(Guid generation, long[] ids)
    {
        Check(generation);
        var outcome = await Write(_shard.DeleteAsync(ids)).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return new ShardWrite(outcome.Affected, outcome.Count);
    }

    /// <inheritdoc/>
    public async Task<ShardHits> Search(Guid generation, byte[] queries, int count, float[] vectors, int length, bool l2)
    {
        Check(generation);
        long start = Stopwatch.GetTimestamp();
        var (state, model) = (_shard.State, _shard.Model);
        var lists = await Task.Run(() => CollectionSearch.Shortlist(state, new PackedCodes(count, model.Bits, queries), vectors, model.Dimension, length, l2))
            .ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        var starts = new int[count + 1];
        for (int q = 0; q < count; q++) starts[q + 1] = starts[q] + lists[q].Length;
        var ids = new long[starts[count]];
        var distances = new int[ids.Length];
        var squared = l2 ? new double[ids.Length] : [];
        for (int q = 0; q < count; q++)
        {
            for (int i = 0; i < lists[q].Length; i++)
            {
                var candidate = lists[q][i];
                ids[starts[q] + i] = candidate.Id;
                distances[starts[q] + i] = candidate.Distance;
                if (l2) squared[starts[q] + i] = candidate.L2;
            }
        }
        metrics.RecordShardSearch(_tags, Stopwatch.GetElapsedTime(start));
        return new ShardHits(starts, ids, distances, squared);
    }

    /// <inheritdoc/>
    public async Task<float[]?> FindVector(Guid generation, long id)
    {
        Check(generation);
        return await _shard.FindVectorAsync(id).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    /// <inheritdoc/>
    public Task<ShardStatus> Describe(Guid generation)
    {
        Check(generation);
        var state = _shard.State;
        return Task.FromResult(new ShardStatus(_index, silo.SiloAddress.ToParsableString(), state.Count, state.DeletedCount, state.Segments.Length,
            _shard.MemoryBytes, _shard.StoredBytes, state.Lsn));
    }

    /// <inheritdoc/>
    public Task Drop(Guid generation)
    {
        Check(generation);
        this.DeactivateOnIdle();
        return Task.CompletedTask;
    }

    private void Check(Guid generation)
    {
        if (generation != _collection.Generation) throw new CollectionGoneException(_collection.Name);
    }

    private async Task<WriteOutcome> Write(Task<WriteOutcome> write)
    {
        try
        {
            return await write.ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        catch (StorageException e) when (e.InnerException is ShardFencedException)
        {
            // A newer activation owns the shard: this one is a stale duplicate, and would fail every write from now on.
            Leave("a newer activation took its storage");
            throw new ShardMovedException($"shard {_index} of collection '{_collection.Name}' moved to a newer activation; nothing was written");
        }
        catch (StorageException e)
        {
            throw new ShardStorageException(e.Message, e.DiskFull);
        }
    }

    /// <summary>Opens the shard's store, waiting while its previous owner (a silo shutting it down, or dying) still holds it.</summary>
    private async Task<ICollectionStore> OpenStore(CancellationToken cancellationToken)
    {
        var patience = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await Task.Run(() => storage.OpenShard(_collection, _index), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
            catch (IOException e) when (patience.Elapsed < OpenPatience)
            {
                Log.ShardBusy(logger, e, _collection.Name, _index);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
            }
        }
    }

    private async Task CheckHome(CancellationToken cancellationToken)
    {
        var active = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Active).Select(m => m.SiloAddress).ToArray();
        if (active.Length > 0 && !SpreadPlacement.Home(this.GetPrimaryKeyString(), active).Equals(silo.SiloAddress))
        {
            // Migration, not deactivation: the grain directory then points callers at the new home. A plain
            // deactivation lets the next caller's cached address recreate the shard where it was.
            Log.Moving(logger, _collection.Name, _index, active.Length);
            this.MigrateOnIdle();
            return;
        }
        // A stale duplicate that only serves reads never meets the fence on a write: ask the storage.
        if (_store is IFencedShardStore fenced)
        {
            try
            {
                if (!await fenced.StillOwnsAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext))
                    Leave("a newer activation took its storage");
            }
            catch (Exception e) when (e is Npgsql.NpgsqlException or IOException or ObjectDisposedException)
            {
                // The storage is unreachable for now: the next check asks again.
            }
        }
    }

    /// <summary>Deactivates this activation, which is not the shard's owner any more.</summary>
    private void Leave(string why)
    {
        Log.Stale(logger, _collection.Name, _index, why);
        this.DeactivateOnIdle();
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "collection {Name} shard {Shard}: its state is still held by its previous owner; waiting")]
        public static partial void ShardBusy(ILogger logger, Exception exception, string name, int shard);

        [LoggerMessage(Level = LogLevel.Information, Message = "collection {Name} shard {Shard}: moving to its home among {Silos} active silos")]
        public static partial void Moving(ILogger logger, string name, int shard, int silos);

        [LoggerMessage(Level = LogLevel.Warning, Message = "collection {Name} shard {Shard}: this activation is stale ({Why}); leaving")]
        public static partial void Stale(ILogger logger, string name, int shard, string why);
    }
}
