using System.Runtime.Intrinsics.X86;
using Sigah.Core.Hamming;

namespace Sigah.Core.Tests.Hamming;

public class HammingKernelsTests
{
    // By name: the kernel paths are internal, and xunit's theory methods public.
    public static TheoryData<string> Paths => new() { nameof(HammingKernelPath.Scalar), nameof(HammingKernelPath.Avx2), nameof(HammingKernelPath.Best) };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_code_length_and_tail_matches_the_scalar_reference(string pathName)
    {
        var path = Enum.Parse<HammingKernelPath>(pathName);
        var rng = new Random(7);
        for (int bits = 8; bits <= 1024; bits += 8)
        {
            int bytes = bits / 8;
            foreach (int n in new[] { 1, 15, 16, 17, 33, 50 })
            {
                var query = new byte[bytes];
                var codes = new byte[n * bytes];
                rng.NextBytes(query);
                rng.NextBytes(codes);
                // A few codes sit at distance 0 and at the largest distance.
                query.CopyTo(codes, 0);
                if (n > 1) for (int j = 0; j < bytes; j++) codes[bytes + j] = (byte)~query[j];
                var expected = new int[n];
                var actual = new int[n];
                HammingDistance.OneToMany(query, codes, expected);
                HammingKernels.OneToMany(query, codes, actual, path);
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"bits {bits}, n {n}, path {path}");
            }
        }
    }

    [Theory]
    [InlineData(2048)]
    [InlineData(4096)]
    public void Longest_codes_do_not_overflow_the_vector_lanes(int bits)
    {
        int bytes = bits / 8;
        var query = new byte[bytes];
        var codes = new byte[16 * bytes];
        Array.Fill(codes, (byte)0xFF);
        var distances = new int[16];
        HammingKernels.OneToMany(query, codes, distances, HammingKernelPath.Avx2);
        Assert.All(distances, d => Assert.Equal(bits, d));
    }

    [Fact]
    public void Avx2_path_is_vectorised_for_the_specialised_lengths_where_available()
    {
        var seen = new List<(int Bytes, Type Kernel)>();
        foreach (int bytes in new[] { 8, 16, 32, 64, 96, 128, 24 })
        {
            var probe = new KernelProbe();
            HammingKernels.Select(bytes, ref probe, HammingKernelPath.Avx2);
            seen.Add((bytes, probe.Kernel!));
        }
        if (!Avx2.IsSupported) return;
        Assert.Equal(
            new[] { typeof(Avx2x64Kernel), typeof(Avx2x128Kernel), typeof(Avx2x256Kernel), typeof(Avx2x512Kernel), typeof(Avx2WideKernel), typeof(Avx2WideKernel), typeof(ScalarAnyKernel) },
            seen.Select(s => s.Kernel));
    }

    [Fact]
    public void Scalar_path_picks_the_specialised_scalar_kernels()
    {
        var kernels = new[] { 8, 16, 32, 64, 40 }.Select(bytes =>
        {
            var probe = new KernelProbe();
            HammingKernels.Select(bytes, ref probe, HammingKernelPath.Scalar);
            return probe.Kernel;
        });
        Assert.Equal(new[] { typeof(Scalar64Kernel), typeof(Scalar128Kernel), typeof(Scalar256Kernel), typeof(Scalar512Kernel), typeof(ScalarAnyKernel) }, kernels);
    }

    [Fact]
    public void One_to_many_rejects_mismatched_buffers()
    {
        Assert.Throws<ArgumentException>("codes", () => HammingKernels.OneToMany(new byte[8], new byte[12], new int[2]));
        Assert.Throws<ArgumentException>("distances", () => HammingKernels.OneToMany(new byte[8], new byte[24], new int[2]));
        Assert.Throws<ArgumentException>("query", () => HammingKernels.OneToMany([], new byte[8], new int[1]));
    }

    private struct KernelProbe : IHammingKernelUser
    {
        public Type? Kernel;
        public void Run<TKernel>() where TKernel : struct, IHammingKernel => Kernel = typeof(TKernel);
    }
}
