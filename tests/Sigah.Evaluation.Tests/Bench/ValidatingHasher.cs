using Sigah.Core.Codes;
using Sigah.Core.Data;
using Sigah.Hashing;

namespace Sigah.Evaluation.Tests.Bench;

/// <summary>
/// A test-only hasher that scores two validation rankings of known mAP (1 and 1/2) with the bench's metric while it
/// fits, then returns a random-projection model: the bench must record the better score as the run's validation mAP.
/// </summary>
internal sealed class ValidatingHasher(int bits) : IHasher
{
    public const string Name = "validating";

    public static readonly HasherInfo Info = new(Name, "scores known rankings while fitting (test only)",
        CodeLengthOnly.Settings(bits => new ValidatingHasher(bits)), (r, h) => RandomProjectionModel.Read(r, h));

    public string Method => Name;

    public IHashModel Fit(FloatMatrix train, TrainingContext context)
    {
        // Base codes 00000000 and 11111111, query 00000000: item 0 ranks first (AP 1), item 1 second (AP 1/2).
        var baseCodes = new PackedCodes(2, 8, [0x00, 0xFF]);
        var query = new PackedCodes(1, 8, [0x00]);
        context.ValidationMetric!.Score(baseCodes, query, [[1]]);
        context.ValidationMetric.Score(baseCodes, query, [[0]]);
        return new RandomProjectionHasher(bits).Fit(train, context);
    }
}
