using CsCheck;
using Sigah.Hashing.Numerics;

namespace Sigah.Hashing.Tests.Numerics;

public class SelectionTests
{
    [Fact]
    public void Nth_equals_the_entry_of_the_sorted_array_including_duplicates()
    {
        // Small value range so many arrays hold repeated values, the case Hoare partitioning must get right.
        Gen.Int[-5, 5].Select(i => (float)i).Array[1, 60].SelectMany(a => Gen.Int[0, a.Length - 1].Select(r => (a, r)))
            .Sample(t =>
            {
                var (values, rank) = t;
                var sorted = values.Order().ToArray();
                Assert.Equal(sorted[rank], Selection.Nth(values.ToArray(), rank));
            });
    }

    [Fact]
    public void Nth_rejects_a_rank_outside_the_array()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Selection.Nth(new float[3], 3));
    }
}
