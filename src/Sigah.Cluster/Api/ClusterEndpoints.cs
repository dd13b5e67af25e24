using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;
using Sigah.Server.Api;

namespace Sigah.Cluster.Api;

/// <summary>The cluster's own route: <c>GET /cluster</c> (docs/cluster.md).</summary>
internal static class ClusterEndpoints
{
    /// <summary>Maps <c>GET /cluster</c>.</summary>
    public static void Map(IEndpointRouteBuilder app, ClusterCollections collections, IClusterMembershipService membership, string clusterId)
    {
        app.MapGet("/cluster", async () =>
        {
            var silos = membership.CurrentSnapshot.Members.Values.OrderBy(m => m.SiloAddress)
                .Select(m => new SiloInfo(m.SiloAddress.ToParsableString(), m.Name, m.Status.ToString())).ToArray();
            var all = await collections.ListAsync().ConfigureAwait(false);
            var placed = await Task.WhenAll(all.Cast<ClusteredCollection>().Select(async c =>
                new ClusterCollectionInfo(c.Name, c.Description.Shards, await c.ShardsAsync().ConfigureAwait(false)))).ConfigureAwait(false);
            return TypedResults.Json(new ClusterResponse(clusterId, collections.Storage.Description, silos, placed), ClusterApiJson.Default.ClusterResponse);
        }).WithTags("cluster").WithSummary("The silos, the shard storage, and each shard's silo and sizes")
            .Produces<ClusterResponse>().Produces<Problem>(StatusCodes.Status503ServiceUnavailable, "application/problem+json");
    }
}
