using System.Globalization;
using System.Text.Json;
using Sigah.Server.Storage;

namespace Sigah.Cluster.Storage;

/// <summary>
/// The cluster's storage as a directory every silo mounts (one machine, or a network file system):
/// <c>{root}/{name}/collection.json</c> and <c>model.sgm</c> describe a collection, <c>{root}/{name}/shard-{i}/</c>
/// hold a shard's log and snapshots (<see cref="DirectoryStore"/>, locked by its owner). A collection is written in
/// a hidden directory and renamed into place, which fails when the name is taken, so creation is atomic across silos;
/// deletion renames it away first.
/// </summary>
internal sealed class DirectoryShardStorage(string root) : IShardStorage
{
    private const string DescriptionFile = "collection.json", ModelFile = "model.sgm";

    /// <inheritdoc/>
    public string Description => $"directory {root}";

    /// <inheritdoc/>
    public Task<ClusterCollection?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(Path.Combine(root, name)));

    /// <inheritdoc/>
    public Task<IReadOnlyList<ClusterCollection>> ListAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(root);
        IReadOnlyList<ClusterCollection> all = [.. Directory.EnumerateDirectories(root)
            .Where(d => !Path.GetFileName(d).StartsWith('.'))
            .Select(Read).OfType<ClusterCollection>().OrderBy(c => c.Name, StringComparer.Ordinal)];
        return Task.FromResult(all);
    }

    /// <inheritdoc/>
    public Task<(bool Created, ClusterCollection Collection)> CreateAsync(ClusterCollection collection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(collection);
        string final = Path.Combine(root, collection.Name);
        if (Read(final) is { } existing) return Task.FromResult((false, existing));
        Directory.CreateDirectory(root);
        string staging = Path.Combine(root, ".new-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        Sigah.IO.AtomicFile.Write(Path.Combine(staging, ModelFile), s => s.Write(collection.Model));
        var description = new StoredDescription(collection.Generation, collection.Rerank, collection.Shards);
        Sigah.IO.AtomicFile.Write(Path.Combine(staging, DescriptionFile), s => JsonSerializer.Serialize(s, description, ClusterJson.Default.StoredDescription));
        DirectorySync.Flush(staging);
        try
        {
            Directory.Move(staging, final);
            DirectorySync.Flush(root);
            return Task.FromResult((true, collection));
        }
        catch (IOException) when (Read(final) is { } winner)
        {
            Directory.Delete(staging, recursive: true);
            return Task.FromResult((false, winner));
        }
    }

    /// <inheritdoc/>
    public Task<bool> DeleteAsync(string name, Guid generation, CancellationToken cancellationToken = default)
    {
        string directory = Path.Combine(root, name);
        if (Read(directory) is not { } existing || existing.Generation != generation) return Task.FromResult(false);
        string doomed = Path.Combine(root, ".deleted-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.Move(directory, doomed);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult(false);
        }
        DirectorySync.Flush(root);
        Directory.Delete(doomed, recursive: true);
        return Task.FromResult(true);
    }

    /// <inheritdoc/>
    public ICollectionStore OpenShard(ClusterCollection collection, int shard)
    {
        ArgumentNullException.ThrowIfNull(collection);
        string directory = Path.Combine(root, collection.Name);
        if (Read(directory) is not { } current || current.Generation != collection.Generation)
            throw new CollectionGoneException(collection.Name);
        return new DirectoryStore(Path.Combine(directory, "shard-" + shard.ToString(CultureInfo.InvariantCulture)), exclusive: true);
    }

    private static ClusterCollection? Read(string directory)
    {
        string path = Path.Combine(directory, DescriptionFile);
        try
        {
            var description = JsonSerializer.Deserialize(File.ReadAllBytes(path), ClusterJson.Default.StoredDescription)
                ?? throw Sigah.Core.UserInputException.ForFile(path, "empty collection description");
            return new ClusterCollection(Path.GetFileName(directory), description.Generation, File.ReadAllBytes(Path.Combine(directory, ModelFile)),
                description.Rerank, description.Shards);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }
}

/// <summary>What <c>collection.json</c> holds.</summary>
internal sealed record StoredDescription(Guid Generation, bool Rerank, int Shards);
