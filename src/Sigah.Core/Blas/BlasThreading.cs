namespace Sigah.Core.Blas;

/// <summary>
/// For code that parallelises over independent blocks itself: inside a <see cref="SingleThreaded"/> scope every
/// BLAS call runs on its calling thread, so the caller's parallel loop does not fight BLAS's own threads. Thin
/// products (small outputs over many rows) gain most: BLAS threading splits their small output and synchronises
/// finely, which on a busy machine costs more than the work. Scopes may nest and overlap across threads; the
/// thread count in effect before the first one is restored when the last one ends.
/// </summary>
public static class BlasThreading
{
    private static readonly Lock Gate = new();
    private static int _open;
    private static int _restore;

    /// <summary>Opens a scope; dispose it to end it. <see cref="Scope.Threads"/> is the thread count to parallelise with.</summary>
    public static Scope SingleThreaded()
    {
        lock (Gate)
        {
            if (_open++ == 0)
            {
                _restore = Gemm.Threads;
                Gemm.Threads = 1;
            }
            return new Scope(_restore);
        }
    }

    /// <summary>An open single-threaded BLAS scope.</summary>
    public sealed class Scope : IDisposable
    {
        private int _disposed;

        internal Scope(int threads) => Threads = threads;

        /// <summary>The BLAS thread count in effect before the scopes began: how many threads the caller may use.</summary>
        public int Threads { get; }

        /// <summary>Ends the scope (once; later calls do nothing).</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (Gate)
            {
                if (--_open == 0) Gemm.Threads = _restore;
            }
        }
    }
}
