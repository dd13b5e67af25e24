using System.Numerics.Tensors;

namespace Sigah.Hashing.Neural;

/// <summary>Rescaling of accumulated gradients before an optimiser step.</summary>
public static class GradientClipping
{
    /// <summary>
    /// The global ℓ2 norm of all gradients of <paramref name="parameters"/> taken together; when it exceeds
    /// <paramref name="maxNorm"/>, every gradient is scaled by maxNorm / norm so the global norm becomes maxNorm
    /// (directions kept). Returns the norm before clipping.
    /// </summary>
    public static double ClipGlobalNorm(IEnumerable<Parameter> parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "must be positive");
        var list = parameters as IReadOnlyList<Parameter> ?? parameters.ToArray();
        double squares = 0;
        foreach (var p in list) squares += TensorPrimitives.SumOfSquares<float>(p.Gradient);
        double norm = Math.Sqrt(squares);
        if (norm > maxNorm)
        {
            float scale = (float)(maxNorm / norm);
            foreach (var p in list) TensorPrimitives.Multiply(p.Gradient, scale, p.Gradient);
        }
        return norm;
    }
}
