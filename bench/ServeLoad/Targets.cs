namespace Sigah.Bench.ServeLoad;

/// <summary>A system under load: sigah serve over HTTP, or PostgreSQL.</summary>
internal interface ITarget : IAsyncDisposable
{
    /// <summary>The name in the results (sigah, postgres).</summary>
    string Name { get; }

    /// <summary>How many base rows the target holds now.</summary>
    Task<long> CountAsync();

    /// <summary>A client for one of the concurrent loops (PostgreSQL: its own connection).</summary>
    Task<IClient> ConnectAsync();
}

/// <summary>One loop's client. Each call throws <see cref="LoadException"/> when the target answers with an error.</summary>
internal interface IClient : IAsyncDisposable
{
    /// <summary>Searches the k = 10 nearest neighbours of query <paramref name="query"/> and drops the answer.</summary>
    Task SearchAsync(int query);

    /// <summary>The same search, its answer parsed: ids nearest first and their Hamming distances.</summary>
    Task<(long[] Ids, int[] Distances)> AnswerAsync(int query);

    /// <summary>Adds query <paramref name="query"/>'s vector (or code) as the new id <paramref name="id"/>.</summary>
    Task AddAsync(long id, int query);

    /// <summary>Deletes <paramref name="id"/>.</summary>
    Task DeleteAsync(long id);
}

/// <summary>A request the target refused or failed.</summary>
internal sealed class LoadException : Exception
{
    public LoadException() { }

    public LoadException(string message) : base(message) { }

    public LoadException(string message, Exception inner) : base(message, inner) { }
}
