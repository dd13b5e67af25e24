using Sigah.Core.Blas;

namespace Sigah.Core.Tests.Blas;

public class BlasThreadingTests
{
    [Fact]
    public void Overlapping_scopes_run_blas_on_one_thread_and_the_last_one_restores_the_count()
    {
        int before = Gemm.Threads;
        var outer = BlasThreading.SingleThreaded();
        var inner = BlasThreading.SingleThreaded();
        Assert.Equal(1, Gemm.Threads);
        Assert.Equal(before, outer.Threads);
        Assert.Equal(before, inner.Threads);

        outer.Dispose();
        Assert.Equal(1, Gemm.Threads);
        outer.Dispose();
        Assert.Equal(1, Gemm.Threads);
        inner.Dispose();
        Assert.Equal(before, Gemm.Threads);
    }
}
