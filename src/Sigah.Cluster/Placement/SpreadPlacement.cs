using Orleans.Placement;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace Sigah.Cluster.Placement;

/// <summary>
/// Places the grains keyed <c>{group}/{index}</c> (a collection's shards, the ingest workers) on the active silos in
/// turn: index i of a group goes to silo (h + i) mod n of the silos sorted by address, h a stable hash of the group.
/// S shards over n silos thus differ by at most one per silo, and every node computes the same home for a shard
/// (<see cref="Home"/>) — which is how a shard notices, after a silo joined or left, that it should move.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
internal sealed class SpreadPlacement : PlacementStrategy
{
    /// <summary>The one instance.</summary>
    public static SpreadPlacement Instance { get; } = new();

    /// <summary>The silo (of <paramref name="silos"/>, in any order) where the grain keyed <paramref name="key"/> belongs.</summary>
    public static SiloAddress Home(string key, IReadOnlyCollection<SiloAddress> silos)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(silos);
        if (silos.Count == 0) throw new OrleansException("no active silo to place a grain on");
        var sorted = silos.Order().ToArray();
        int slash = key.LastIndexOf('/');
        uint group = System.IO.Hashing.XxHash32.HashToUInt32(System.Text.Encoding.UTF8.GetBytes(key[..Math.Max(slash, 0)]));
        uint index = slash >= 0 && uint.TryParse(key.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out uint i) ? i : 0;
        return sorted[(int)((group + (ulong)index) % (ulong)sorted.Length)];
    }
}

/// <summary>Marks a grain class as placed by <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
internal sealed class SpreadPlacementAttribute : PlacementAttribute
{
    /// <summary>The attribute.</summary>
    public SpreadPlacementAttribute() : base(SpreadPlacement.Instance)
    {
    }
}

/// <summary>
/// Chooses a new activation's silo by <see cref="SpreadPlacement.Home"/> over the silos that can host it and that
/// the membership calls active — the same set a shard checks its home against, so the two never disagree for long
/// (the cluster manifest behind the compatible silos can list a dead silo for a while after the membership does not).
/// </summary>
internal sealed class SpreadPlacementDirector(IClusterMembershipService membership) : IPlacementDirector
{
    /// <inheritdoc/>
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var compatible = context.GetCompatibleSilos(target);
        var snapshot = membership.CurrentSnapshot;
        var active = compatible.Where(s => snapshot.GetSiloStatus(s) == SiloStatus.Active).ToArray();
        return Task.FromResult(SpreadPlacement.Home(target.GrainIdentity.Key.ToString()!, active.Length > 0 ? active : compatible));
    }
}
