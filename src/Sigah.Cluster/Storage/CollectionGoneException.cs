namespace Sigah.Cluster.Storage;

/// <summary>A shard was asked for a collection that was deleted or created again since the caller learned of it.</summary>
[GenerateSerializer]
internal sealed class CollectionGoneException : Exception
{
    /// <summary>The collection <paramref name="name"/> is gone (or is another one now).</summary>
    public CollectionGoneException(string name) : base($"collection '{name}' does not exist (any more)") => Name = name;

    /// <summary>The collection's name.</summary>
    [Id(0)]
    public string Name { get; } = "";
}
