using System.Globalization;
using Sigah.Core;
using Sigah.Core.Data;

namespace Sigah.Hashing.Spectral;

/// <summary>
/// Spectral Hashing (Weiss, Torralba &amp; Fergus, NIPS 2008): PCA to min(bits, d) directions, a uniform distribution
/// assumed over each direction's training range, and the bits lowest-frequency one-dimensional eigenfunctions of
/// <see cref="SpectralModes"/>, thresholded at 0. No settings.
/// </summary>
public sealed class SpectralHasher : IHasher
{
    /// <summary>The registered method name.</summary>
    public const string MethodName = "sh";

    private readonly int _bits;

    /// <summary>Creates the hasher from <paramref name="options"/>, which it validates (<see cref="HasherOptions.Validate"/>).</summary>
    public SpectralHasher(SpectralOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _bits = options.Bits;
    }

    /// <inheritdoc/>
    public string Method => MethodName;

    /// <inheritdoc/>
    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        TrainingInput.Check(train, context);
        int m = Math.Min(_bits, train.Cols);
        var pca = Pca.Fit(train, m);
        var projected = new float[(long)train.Rows * m];
        pca.Map.Project(train.Data, train.Rows, projected);
        var minimums = new float[m];
        var ranges = new double[m];
        for (int j = 0; j < m; j++)
        {
            float low = float.PositiveInfinity, high = float.NegativeInfinity;
            for (long i = j; i < projected.LongLength; i += m)
            {
                low = Math.Min(low, projected[i]);
                high = Math.Max(high, projected[i]);
            }
            minimums[j] = low;
            ranges[j] = (double)high - low;
        }
        if (ranges.All(r => r == 0))
            throw UserInputException.ForFile(context.InputName, "spectral hashing needs training vectors that are not all identical");
        var modes = SpectralModes.Select(ranges, _bits);
        context.Progress.Message(string.Create(CultureInfo.InvariantCulture,
            $"sh: {m} principal directions, {modes.Select(x => x.Dimension).Distinct().Count()} of them used, highest mode k = {modes.Max(x => x.Multiple)}"));
        return new SpectralModel(pca.Map, minimums, modes.Select(x => x.Dimension).ToArray(), modes.Select(x => x.Frequency).ToArray());
    }
}
