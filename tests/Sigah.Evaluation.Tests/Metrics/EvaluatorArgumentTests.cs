using Sigah.Core;
using Sigah.Core.Codes;
using Sigah.Evaluation.Metrics;

namespace Sigah.Evaluation.Tests.Metrics;

public class EvaluatorArgumentTests
{
    [Theory]
    [InlineData(new[] { 5 }, "gt.npy: query 0 lists neighbour 5, outside the 3 base codes")]
    [InlineData(new[] { 1, 1 }, "gt.npy: query 0 lists neighbour 1 twice")]
    [InlineData(new int[0], "gt.npy: query 0 has no neighbours")]
    public void Unusable_ground_truth_is_a_user_error_naming_the_file(int[] truth, string message)
    {
        var e = Assert.Throws<UserInputException>(() => GroundTruthLists.Validate([truth], 1, 3, "/tmp/x/gt.npy"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Ground_truth_for_another_number_of_queries_is_named()
    {
        Assert.Equal("has 2 queries, the query codes have 1", GroundTruthLists.FindProblem([[0], [1]], 1, 3));
    }

    [Fact]
    public void Codes_of_different_lengths_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(new PackedCodes(3, 8), new PackedCodes(1, 16), [[0]]));
        Assert.Equal("queryCodes", e.ParamName);
    }

    [Fact]
    public void Cutoffs_must_ascend_within_the_base()
    {
        var e = Assert.Throws<ArgumentException>(() => RetrievalEvaluator.Evaluate(new PackedCodes(3, 8), new PackedCodes(1, 8), [[0]], [1, 4]));
        Assert.Equal("cutoffs", e.ParamName);
    }

    [Fact]
    public void Truncation_keeps_the_first_k_neighbours()
    {
        Assert.Equal([[3, 1], [2]], GroundTruthLists.Truncate([[3, 1, 0], [2]], 2));
    }

    [Theory]
    [InlineData(1, new[] { 1 })]
    [InlineData(10, new[] { 1, 10 })]
    [InlineData(60000, new[] { 1, 10, 100, 1000, 10000, 60000 })]
    public void Powers_of_ten_end_at_the_base_size(int n, int[] expected) => Assert.Equal(expected, Cutoffs.PowersOfTen(n));

    [Fact]
    public void One_two_five_grid_ends_at_the_base_size() =>
        Assert.Equal([1, 2, 5, 10, 20, 50, 100, 200, 300], Cutoffs.OneTwoFive(300));
}
