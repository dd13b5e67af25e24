using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Sigah.Cluster.Grains;
using Sigah.Cluster.Storage;
using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Hashing;
using Sigah.Server.Api;
using Sigah.Server.Collections;

namespace Sigah.Cluster.Api;

/// <summary>
/// A clustered collection as the HTTP API sees it on one node: the model (loaded once per node), and every read and
/// write turned into calls to its shard grains — writes to the shards owning their ids, searches to every shard in
/// parallel, whose shortlists are selected once (<see cref="CollectionSearch.Select"/>) into the exact answer. A
/// shard that does not answer makes the whole request a 503 with <c>Retry-After</c>, never a partial answer.
/// </summary>
internal sealed class ClusteredCollection(ClusterCollection description, IHashModel model, IGrainFactory grains, Action<string> forget, ILogger logger)
    : IServedCollection
{
    private readonly int[] _counts = new int[description.Shards];

    /// <summary>What the catalog records.</summary>
    public ClusterCollection Description { get; } = description;

    /// <inheritdoc/>
    public string Name => Description.Name;

    /// <inheritdoc/>
    public IHashModel Model { get; } = model;

    /// <inheritdoc/>
    public CollectionSettings Settings { get; } = new(description.Rerank);

    /// <summary>The grain of shard <paramref name="shard"/>.</summary>
    public IShardGrain Shard(int shard) => grains.GetGrain<IShardGrain>(ShardMap.Key(Name, shard));

    /// <inheritdoc/>
    public async Task<CollectionInfo> DescribeAsync()
    {
        var shards = await ShardsAsync().ConfigureAwait(false);
        return new CollectionInfo(Name, Model.Method, Model.Bits, Model.Dimension, shards.Sum(s => s.Count), Description.Rerank, shards.Sum(s => s.Deleted),
            shards.Sum(s => s.Segments), shards.Sum(s => s.MemoryBytes), shards.Sum(s => s.StoredBytes), shards.Sum(s => s.LogPosition));
    }

    /// <summary>Every shard's status, in shard order (their counts are then the ones writes report from).</summary>
    public async Task<ShardStatus[]> ShardsAsync()
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Description.Shards).Select(s => Call(s, g => g.Describe(Description.Generation)))).ConfigureAwait(false);
        foreach (var shard in shards) Volatile.Write(ref _counts[shard.Shard], shard.Count);
        return shards;
    }

    /// <inheritdoc/>
    public async Task<WriteOutcome> UpsertAsync(long[] ids, byte[] codes, float[]? vectors)
    {
        int bytes = Model.Bits / 8, d = Model.Dimension;
        var parts = Split(ids);
        var writes = parts.Select(part =>
        {
            var partCodes = new byte[part.Rows.Count * bytes];
            float[]? partVectors = vectors is null ? null : new float[part.Rows.Count * d];
            for (int i = 0; i < part.Rows.Count; i++)
            {
                codes.AsSpan(part.Rows[i] * bytes, bytes).CopyTo(partCodes.AsSpan(i * bytes));
                vectors?.AsSpan(part.Rows[i] * d, d).CopyTo(partVectors.AsSpan(i * d));
            }
            return Call(part.Shard, g => g.Upsert(Description.Generation, [.. part.Rows.Select(r => ids[r])], partCodes, partVectors));
        });
        return Total(parts, await Task.WhenAll(writes).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<WriteOutcome> DeleteAsync(long[] ids)
    {
        var parts = Split(ids);
        var writes = parts.Select(part => Call(part.Shard, g => g.Delete(Description.Generation, [.. part.Rows.Select(r => ids[r])])));
        return Total(parts, await Task.WhenAll(writes).ConfigureAwait(false));
    }

    /// <inheritdoc/>
    public async Task<Neighbours[]> SearchAsync(PackedCodes queries, float[] vectors, int k, int rerank, int? radius)
    {
        ArgumentNullException.ThrowIfNull(queries);
        int length = CollectionSearch.ShortlistLength(k, rerank);
        bool l2 = rerank > 0;
        var shortlists = await Task.WhenAll(Enumerable.Range(0, Description.Shards)
            .Select(s => Call(s, g => g.Search(Description.Generation, queries.Data, queries.Count, l2 ? vectors : [], length, l2)))).ConfigureAwait(false);
        var answers = new Neighbours[queries.Count];
        for (int q = 0; q < answers.Length; q++)
        {
            var union = new Candidate[shortlists.Sum(h => h.Starts[q + 1] - h.Starts[q])];
            int at = 0;
            foreach (var hits in shortlists)
                for (int i = hits.Starts[q]; i < hits.Starts[q + 1]; i++) union[at++] = new Candidate(hits.Ids[i], hits.Distances[i], l2 ? hits.L2[i] : 0);
            answers[q] = CollectionSearch.Select(union, k, rerank, radius);
        }
        return answers;
    }

    /// <inheritdoc/>
    public Task<float[]?> FindVectorAsync(long id)
    {
        int shard = ShardMap.Of(id, Description.Shards);
        return Call(shard, g => g.FindVector(Description.Generation, id));
    }

    /// <summary>Asks every shard to close its state before the collection's storage goes.</summary>
    public Task DropAsync() => Task.WhenAll(Enumerable.Range(0, Description.Shards).Select(s => Call(s, async g =>
    {
        await g.Drop(Description.Generation).ConfigureAwait(false);
        return true;
    })));

    private List<(int Shard, List<int> Rows)> Split(long[] ids)
    {
        var rows = new List<int>?[Description.Shards];
        for (int i = 0; i < ids.Length; i++) (rows[ShardMap.Of(ids[i], Description.Shards)] ??= []).Add(i);
        var parts = new List<(int, List<int>)>();
        for (int s = 0; s < rows.Length; s++) if (rows[s] is { } part) parts.Add((s, part));
        return parts;
    }

    /// <summary>Ids affected by a write, and the collection's count: each shard's count as last reported.</summary>
    private WriteOutcome Total(List<(int Shard, List<int> Rows)> parts, ShardWrite[] results)
    {
        for (int i = 0; i < parts.Count; i++) Volatile.Write(ref _counts[parts[i].Shard], results[i].Count);
        long count = 0;
        for (int s = 0; s < _counts.Length; s++) count += Volatile.Read(ref _counts[s]);
        return new WriteOutcome(results.Sum(r => r.Affected), (int)Math.Min(count, int.MaxValue));
    }

    /// <summary>One call to a shard, its failures turned into the API's problems.</summary>
    private async Task<T> Call<T>(int shard, Func<IShardGrain, Task<T>> call)
    {
        try
        {
            return await call(Shard(shard)).ConfigureAwait(false);
        }
        catch (CollectionGoneException)
        {
            forget(Name);
            throw new ApiProblem(StatusCodes.Status404NotFound, "name", $"collection '{Name}' does not exist");
        }
        catch (ShardStorageException e)
        {
            throw new ApiProblem(e.DiskFull ? StatusCodes.Status507InsufficientStorage : StatusCodes.Status500InternalServerError, null, e.Message);
        }
        catch (UserInputException e)
        {
            throw new ApiProblem(StatusCodes.Status500InternalServerError, null, $"shard {shard} of collection '{Name}' cannot be opened: {e.Message}");
        }
        catch (Exception e) when (e is not ApiProblem and not OperationCanceledException)
        {
            ClusterLog.ShardUnavailable(logger, e, Name, shard);
            throw ApiProblem.Unavailable($"shard {shard} of collection '{Name}' is not answering ({e.GetType().Name}); it moves to another node: retry", 1);
        }
    }
}
