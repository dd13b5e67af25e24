using Sigah.Core.Knn;

namespace Sigah.Core.Tests.Knn;

public sealed class PercentOfBaseTests
{
    [Theory]
    [InlineData(2.0, 60000, 1200)]
    [InlineData(5.0, 30, 2)]       // 1.5 rounds up
    [InlineData(0.1, 30, 1)]       // 0.03 rounds to 0, but a query needs a neighbour
    [InlineData(100.0, 7, 7)]
    public void Shares_round_to_the_nearest_count_within_the_base(double percent, int baseCount, int expected) =>
        Assert.Equal(expected, PercentOfBase.Neighbours(percent, baseCount));

    [Theory]
    [InlineData(0.0, 10, "percent")]
    [InlineData(100.5, 10, "percent")]
    [InlineData(double.NaN, 10, "percent")]
    [InlineData(2.0, 0, "baseCount")]
    public void Arguments_out_of_range_name_the_parameter(double percent, int baseCount, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => PercentOfBase.Neighbours(percent, baseCount)).ParamName);
}
