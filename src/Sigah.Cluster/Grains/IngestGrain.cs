using Orleans.Concurrency;
using Sigah.Cluster.Api;
using Sigah.Cluster.Placement;
using Sigah.Cluster.Storage;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Cluster.Grains;

/// <summary>
/// <see cref="IIngestGrain"/>: encoding runs on the thread pool (all the silo's cores, off the grain scheduler) and
/// the writes go through the node's <see cref="ClusterCollections"/>, as an HTTP add would. Reentrant, so a
/// client's next range is encoded while the previous one's shards are writing.
/// </summary>
[Reentrant, SpreadPlacement]
internal sealed class IngestGrain(ClusterCollections collections) : Grain, IIngestGrain
{
    /// <inheritdoc/>
    public async Task<(int Dimension, int Bits)> Describe(string collection)
    {
        var served = await collections.FindAsync(collection).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext)
            ?? throw new CollectionGoneException(collection);
        return (served.Model.Dimension, served.Model.Bits);
    }

    /// <inheritdoc/>
    public async Task<int> Add(string collection, long firstId, int rows, float[] vectors)
    {
        var served = await collections.FindAsync(collection).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext)
            ?? throw new CollectionGoneException(collection);
        var model = served.Model;
        var codes = await Task.Run(() => model.EncodeAll(new FloatMatrix(rows, model.Dimension, vectors))).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        var ids = new long[rows];
        for (int i = 0; i < rows; i++) ids[i] = firstId + i;
        await served.UpsertAsync(ids, codes.Data, served.Settings.Rerank ? vectors : null).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        return rows;
    }
}
