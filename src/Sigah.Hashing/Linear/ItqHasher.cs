using Sigah.Core.Data;

namespace Sigah.Hashing.Linear;

/// <summary>
/// Iterative quantization (Gong &amp; Lazebnik, CVPR 2011): centre, project onto the top-m principal directions
/// (V = (X − mean)·W), start from a random orthogonal R, then alternate B = sign(V·R) and R from the SVD of BᵀV
/// (the orthogonal Procrustes solution minimising ‖B − V·R‖). Bits ≤ d. Options: <see cref="ItqOptions"/>.
/// The fitted <see cref="ItqModel"/> exposes the mean, W and R.
/// </summary>
public sealed class ItqHasher : IHasher
{
    private readonly int _bits;
    private readonly int _iterations;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public ItqHasher(ItqOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bits = options.Bits;
        _iterations = options.Iterations;
    }

    /// <inheritdoc/>
    public string Method => "itq";

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context) => FitModel(train, context);

    /// <summary>As <see cref="Fit"/>, typed: the fitted ITQ model with its mean, projection and rotation.</summary>
    internal ItqModel FitModel(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        TrainingInput.CheckBitsAtMostDimension(Method, _bits, train.Cols);
        context.Progress.Report("itq: pca", 0, 1);
        var pca = Pca.Fit(train, _bits);
        var projected = new float[(long)train.Rows * _bits];
        pca.Map.Project(train.Data, train.Rows, projected);
        context.Progress.Report("itq: pca", 1, 1);
        var rotation = ItqRotation.Learn(projected, train.Rows, _bits, _iterations, new Random(context.Seed), context);
        return new ItqModel(pca.Mean, pca.Projection, rotation, _bits);
    }
}
