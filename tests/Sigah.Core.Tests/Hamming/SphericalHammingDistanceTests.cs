using Sigah.Core.Hamming;

namespace Sigah.Core.Tests.Hamming;

public class SphericalHammingDistanceTests
{
    [Fact]
    public void Differing_bits_over_shared_ones_on_a_hand_computed_pair()
    {
        // a = 0000_1111, b = 0011_1100: a xor b = 0011_0011 (4 bits), a and b = 0000_1100 (2 bits) → 4 / 2.
        Assert.Equal(2.0, SphericalHammingDistance.Between([0b0000_1111], [0b0011_1100]));
    }

    [Fact]
    public void Counts_bits_in_the_eight_byte_blocks_and_in_the_tail()
    {
        // 9 bytes: byte 0 shares 3 ones and differs in 1 bit; byte 8 (the tail) shares 1 one and differs in 2 bits.
        var a = new byte[9];
        var b = new byte[9];
        a[0] = 0b1111; b[0] = 0b0111;
        a[8] = 0b0011; b[8] = 0b0110;
        Assert.Equal(3.0 / 4.0, SphericalHammingDistance.Between(a, b));
    }

    [Fact]
    public void Identical_codes_are_at_zero_and_codes_sharing_no_one_at_infinity()
    {
        Assert.Equal(0.0, SphericalHammingDistance.Between([0, 0], [0, 0]));
        Assert.Equal(0.0, SphericalHammingDistance.Between([5, 9], [5, 9]));
        Assert.Equal(double.PositiveInfinity, SphericalHammingDistance.Between([0b01], [0b10]));
    }

    [Fact]
    public void One_to_many_agrees_with_between()
    {
        byte[] query = [0b1010_1010, 0xFF];
        byte[] codes = [0b1010_1010, 0xFF, 0b0101_0101, 0x00, 0b1000_0000, 0x0F];
        var distances = new double[3];
        SphericalHammingDistance.OneToMany(query, codes, distances);
        Assert.Equal([0.0, double.PositiveInfinity, 7.0 / 5.0], distances);
    }
}
