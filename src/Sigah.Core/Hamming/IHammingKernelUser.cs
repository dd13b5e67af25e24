namespace Sigah.Core.Hamming;

/// <summary>
/// Code that runs with whichever kernel <see cref="HammingKernels.Select{TUser}"/> picks: implement
/// <see cref="Run{TKernel}"/> as a generic method and the JIT specialises it for each kernel.
/// </summary>
internal interface IHammingKernelUser
{
    /// <summary>Does the work with kernel <typeparamref name="TKernel"/>.</summary>
    void Run<TKernel>() where TKernel : struct, IHammingKernel;
}
