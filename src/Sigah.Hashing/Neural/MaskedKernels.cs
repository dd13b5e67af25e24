using System.Numerics;
using System.Runtime.InteropServices;

namespace Sigah.Hashing.Neural;

/// <summary>
/// The element-wise kernels <see cref="System.Numerics.Tensors.TensorPrimitives"/> has no single call for
/// (selects by a comparison), written once over <see cref="Vector{T}"/> with a scalar tail. Every span of a
/// call has the same length; outputs may alias inputs element for element.
/// </summary>
internal static class MaskedKernels
{
    /// <summary>dx = y &gt; 0 ? dy : 0 (ReLU backward from its output).</summary>
    internal static void PassWherePositive(ReadOnlySpan<float> y, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float ry = ref MemoryMarshal.GetReference(y), rdy = ref MemoryMarshal.GetReference(dy), rdx = ref MemoryMarshal.GetReference(dx);
            for (; i <= y.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var mask = Vector.GreaterThan(Vector.LoadUnsafe(ref ry, (nuint)i), Vector<float>.Zero);
                Vector.ConditionalSelect(mask, Vector.LoadUnsafe(ref rdy, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < y.Length; i++) dx[i] = y[i] > 0 ? dy[i] : 0f;
    }

    /// <summary>y = x &gt; 0 ? +1 : −1 (the code-bit convention of <see cref="Sigah.Core.Codes.PackedCodes.FromSigns"/>: 0 maps to −1).</summary>
    internal static void Sign(ReadOnlySpan<float> x, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rx = ref MemoryMarshal.GetReference(x), ry = ref MemoryMarshal.GetReference(y);
            var minusOne = new Vector<float>(-1f);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var mask = Vector.GreaterThan(Vector.LoadUnsafe(ref rx, (nuint)i), Vector<float>.Zero);
                Vector.ConditionalSelect(mask, Vector<float>.One, minusOne).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < x.Length; i++) y[i] = x[i] > 0 ? 1f : -1f;
    }

    /// <summary>dx = |x| ≤ 1 ? dy : 0 (the hard-tanh derivative used as the straight-through gradient of sign).</summary>
    internal static void PassWhereWithinUnit(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rx = ref MemoryMarshal.GetReference(x), rdy = ref MemoryMarshal.GetReference(dy), rdx = ref MemoryMarshal.GetReference(dx);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var mask = Vector.LessThanOrEqual(Vector.Abs(Vector.LoadUnsafe(ref rx, (nuint)i)), Vector<float>.One);
                Vector.ConditionalSelect(mask, Vector.LoadUnsafe(ref rdy, (nuint)i), Vector<float>.Zero).StoreUnsafe(ref rdx, (nuint)i);
            }
        }
        for (; i < x.Length; i++) dx[i] = MathF.Abs(x[i]) <= 1f ? dy[i] : 0f;
    }

    /// <summary>y = ReLU(v − λ) − ReLU(−v − λ) = max(v − λ, 0) + min(v + λ, 0), one row (λ per feature).</summary>
    internal static void SoftThreshold(ReadOnlySpan<float> v, ReadOnlySpan<float> lambda, Span<float> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rv = ref MemoryMarshal.GetReference(v), rl = ref MemoryMarshal.GetReference(lambda), ry = ref MemoryMarshal.GetReference(y);
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref rv, (nuint)i);
                var l = Vector.LoadUnsafe(ref rl, (nuint)i);
                (Vector.Max(x - l, Vector<float>.Zero) + Vector.Min(x + l, Vector<float>.Zero)).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < v.Length; i++) y[i] = MathF.Max(v[i] - lambda[i], 0f) + MathF.Min(v[i] + lambda[i], 0f);
    }

    /// <summary>
    /// Soft-threshold backward for one row: dv = dy·([v &gt; λ] + [v &lt; −λ]) (written when <paramref name="dv"/> is
    /// not empty) and dλ += dy·([v &lt; −λ] − [v &gt; λ]) (added when <paramref name="dLambda"/> is not empty).
    /// </summary>
    internal static void SoftThresholdBackward(ReadOnlySpan<float> v, ReadOnlySpan<float> lambda, ReadOnlySpan<float> dy,
        Span<float> dv, Span<float> dLambda)
    {
        bool wantV = !dv.IsEmpty, wantLambda = !dLambda.IsEmpty;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            ref float rv = ref MemoryMarshal.GetReference(v), rl = ref MemoryMarshal.GetReference(lambda), rdy = ref MemoryMarshal.GetReference(dy);
            ref float rdv = ref MemoryMarshal.GetReference(dv), rdl = ref MemoryMarshal.GetReference(dLambda);
            for (; i <= v.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var x = Vector.LoadUnsafe(ref rv, (nuint)i);
                var l = Vector.LoadUnsafe(ref rl, (nuint)i);
                var g = Vector.LoadUnsafe(ref rdy, (nuint)i);
                var above = Vector.ConditionalSelect(Vector.GreaterThan(x, l), g, Vector<float>.Zero);
                var below = Vector.ConditionalSelect(Vector.LessThan(x, -l), g, Vector<float>.Zero);
                if (wantV) (above + below).StoreUnsafe(ref rdv, (nuint)i);
                if (wantLambda) (Vector.LoadUnsafe(ref rdl, (nuint)i) + below - above).StoreUnsafe(ref rdl, (nuint)i);
            }
        }
        for (; i < v.Length; i++)
        {
            float above = v[i] > lambda[i] ? dy[i] : 0f, below = v[i] < -lambda[i] ? dy[i] : 0f;
            if (wantV) dv[i] = above + below;
            if (wantLambda) dLambda[i] += below - above;
        }
    }
}
