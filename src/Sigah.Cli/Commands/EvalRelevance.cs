using Sigah.Core;
using Sigah.IO;
using Sigah.Evaluation.Metrics;

namespace Sigah.Cli.Commands;

/// <summary>
/// What <c>sigah eval</c> scores against: ground truth (<c>--gt</c>, optionally cut to <c>--gt-k</c>), or class labels
/// (<c>--base-labels</c> with <c>--query-labels</c>, relevant = same label). Exactly one of the two is given.
/// </summary>
internal sealed record EvalRelevance(string? GroundTruth, int? GroundTruthK, string? BaseLabels, string? QueryLabels)
{
    /// <summary>Checks the combination of options, before any file is read.</summary>
    public void Check()
    {
        bool labels = BaseLabels is not null || QueryLabels is not null;
        if (GroundTruth is null && !labels) throw new UserInputException("give --gt, or --base-labels with --query-labels");
        if (GroundTruth is not null && labels) throw new UserInputException("give either --gt or --base-labels with --query-labels, not both");
        if (labels && BaseLabels is null) throw new UserInputException("--query-labels needs --base-labels");
        if (labels && QueryLabels is null) throw new UserInputException("--base-labels needs --query-labels");
        if (labels && GroundTruthK is not null) throw new UserInputException("--gt-k applies only with --gt");
        if (GroundTruthK <= 0) throw new UserInputException($"--gt-k: {GroundTruthK} is not a positive number of neighbours");
    }

    /// <summary>Reads the ground truth or the labels and checks them against <paramref name="baseCount"/> base and <paramref name="queryCount"/> query codes.</summary>
    public Relevance Read(int baseCount, int queryCount)
    {
        if (GroundTruth is not null)
        {
            var truth = NeighbourFile.ReadGroundTruth(GroundTruth, GroundTruthK);
            GroundTruthLists.Validate(truth, queryCount, baseCount, GroundTruth);
            return new NeighbourRelevance(truth);
        }
        int[] baseLabels = LabelFile.Read(BaseLabels!), queryLabels = LabelFile.Read(QueryLabels!);
        if (baseLabels.Length != baseCount) throw new UserInputException($"{Name(BaseLabels!)}: has {baseLabels.Length} labels, the base codes have {baseCount}");
        if (queryLabels.Length != queryCount) throw new UserInputException($"{Name(QueryLabels!)}: has {queryLabels.Length} labels, the query codes have {queryCount}");
        var relevance = new LabelRelevance(baseLabels, queryLabels);
        if (relevance.FindProblem(queryCount, baseCount) is { } problem) throw new UserInputException($"{Name(QueryLabels!)}: {problem}");
        return relevance;
    }

    /// <summary>A label spec as messages name it: the file name, with the variable of a .mat file.</summary>
    private static string Name(string spec) => Path.GetFileName(spec);
}
