using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Spherical;

/// <summary>
/// Spherical Hashing (Heo, Lee, He, Chang &amp; Yoon, CVPR 2012): one hypersphere per bit, placed by
/// <see cref="SphereOptimizer"/> on a random sample of the training rows.
/// Settings: <c>samples</c> (rows the spheres are fitted on, default 10000), <c>iterations</c> (most force steps,
/// default 100), <c>epsilon-mean</c> and <c>epsilon-std</c> (balance tolerances, defaults 0.1 and 0.15 as in the paper).
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

    /// <summary>Reads the settings from <paramref name="options"/>.</summary>
    public SphericalHasher(HasherOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bits = options.Bits;
        _samples = options.GetInt("samples", 10000);
        _iterations = options.GetInt("iterations", 100);
        _meanTolerance = options.GetDouble("epsilon-mean", 0.1);
        _stdTolerance = options.GetDouble("epsilon-std", 0.15);
        if (_samples < 2) throw Invalid("samples", _samples, "must be at least 2");
        if (_iterations < 0) throw Invalid("iterations", _iterations, "must not be negative");
        if (!(_meanTolerance >= 0)) throw Invalid("epsilon-mean", _meanTolerance, "must not be negative");
        if (!(_stdTolerance >= 0)) throw Invalid("epsilon-std", _stdTolerance, "must not be negative");
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
        var fit = SphereOptimizer.Optimize(sample, _bits, _iterations, _meanTolerance, _stdTolerance, random, context.Cancellation);
        var last = fit.History[^1];
        context.Progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"sph: {fit.Iterations} force steps, overlap mean deviation {last.MeanDeviation / (last.Points / 4.0):P1} and std {last.StandardDeviation / (last.Points / 4.0):P1} of n/4"));
        return new SphericalModel(train.Cols, _bits, fit.Centres, fit.SquaredRadii);
    }

    private static UserInputException Invalid(string name, double value, string problem) =>
        new(string.Create(CultureInfo.InvariantCulture, $"--param: {name}={value} {problem}"));
}
