using Microsoft.AspNetCore.Http;
using Orleans.Concurrency;
using Orleans.Runtime;
using Sigah.Cluster.Api;
using Sigah.Cluster.Placement;
using Sigah.Cluster.Storage;
using Sigah.Core.Data;
using Sigah.Hashing;
using Sigah.Server.Api;

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
        try
        {
            await served.UpsertAsync(ids, codes.Data, served.Settings.Rerank ? vectors : null).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext);
        }
        catch (ApiProblem e)
        {
            // The HTTP layer's problem cannot cross a grain call (Orleans has no codec for it: the silo fails to send
            // the response and the client hears nothing until its response timeout), so it goes back as exceptions
            // Orleans carries: the collection gone (the client stops), or the failure's message (the client retries).
            if (e.Status == StatusCodes.Status404NotFound) throw new CollectionGoneException(collection);
            throw new OrleansException(e.Message);
        }
        return rows;
    }
}
