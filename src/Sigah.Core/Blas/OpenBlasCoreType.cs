using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace Sigah.Core.Blas;

/// <summary>
/// Names OpenBLAS's kernel family before the library loads. OpenBLAS 0.3.21 (Debian 12) chooses its kernels by CPU
/// model and falls back to its SSE3 "Prescott" kernels on models newer than its table: on the AVX-512 Xeon this
/// project is measured on, sgemm then runs at 63 GFLOP/s instead of 299. The instruction sets the runtime reports
/// decide instead, through <c>OPENBLAS_CORETYPE</c>; a value the user set is left alone.
/// </summary>
internal static partial class OpenBlasCoreType
{
    internal const string Variable = "OPENBLAS_CORETYPE";

    /// <summary>The kernel family this CPU's instruction sets allow: SkylakeX (AVX-512), Haswell (AVX2 + FMA), else null.</summary>
    internal static string? ForThisCpu() =>
        Avx512F.IsSupported && Avx512F.VL.IsSupported && Avx512BW.IsSupported && Avx512DQ.IsSupported ? "SkylakeX"
        : Avx2.IsSupported && Fma.IsSupported ? "Haswell"
        : null;

    /// <summary>Sets <c>OPENBLAS_CORETYPE</c> in the native environment (which OpenBLAS reads as it loads) unless already set.</summary>
    internal static void Apply()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))) return;
        var name = ForThisCpu();
        // .NET keeps its own copy of the environment on Unix: only libc's setenv reaches the library's getenv.
        if (name is not null && OperatingSystem.IsLinux()) SetEnv(Variable, name, overwrite: 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
