using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Spherical;

/// <summary>
/// Spherical Hashing (Heo, Lee, He, Chang &amp; Yoon, CVPR 2012): one hypersphere per bit, placed by
/// <see cref="SphereOptimiser"/> on a random sample of the training rows. Options: <see cref="SphericalOptions"/>.
/// </summary>
public sealed class SphericalHasher : IHasher
{
    /// <summary>The registered method name.</summary>
    public const string MethodName = "sph";

    private readonly int _bits;
    private readonly int _samples;
    private readonly int _iterations;
    private readonly double _meanTolerance;
    private readonly double _stdTolerance;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public SphericalHasher(SphericalOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bits = options.Bits;
        _samples = options.Samples;
        _iterations = options.Iterations;
        _meanTolerance = options.EpsilonMean;
        _stdTolerance = options.EpsilonStd;
    }

    /// <inheritdoc/>
    public string Method => MethodName;

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        if (train.Rows < 2) throw UserInputException.ForFile(context.InputName, $"spherical hashing needs at least 2 training vectors, got {train.Rows}");
        var random = new Random(context.Seed);
        var sample = train.Rows <= _samples ? train : train.SelectRows(RowSampling.Distinct(train.Rows, _samples, random));
        var fit = SphereOptimiser.Optimise(sample, _bits, _iterations, _meanTolerance, _stdTolerance, random, context.Cancellation);
        var last = fit.History[^1];
        context.Progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"sph: {fit.Iterations} force steps, overlap mean deviation {last.MeanDeviation / (last.Points / 4.0):P1} and std {last.StandardDeviation / (last.Points / 4.0):P1} of n/4"));
        return new SphericalModel(train.Cols, _bits, fit.Centres, fit.SquaredRadii);
    }
}
