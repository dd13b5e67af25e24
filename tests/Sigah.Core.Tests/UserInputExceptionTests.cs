namespace Sigah.Core.Tests;

public sealed class UserInputExceptionTests
{
    [Theory]
    [InlineData("plain message", "plain message")]
    [InlineData("a\nb\rc\td", "a\\nb\\rc\\td")]
    [InlineData("bell\u0007 and nul\u0000", "bell\\u0007 and nul\\u0000")]
    public void Messages_are_always_one_line(string message, string expected)
    {
        Assert.Equal(expected, new UserInputException(message).Message);
        Assert.Equal(expected, new UserInputException(message, new IOException("cause")).Message);
    }

    [Fact]
    public void ForFile_names_the_file_only_and_escapes_newlines_in_the_name() =>
        Assert.Equal("odd\\nname.npy: no such file", UserInputException.ForFile("/some/dir/odd\nname.npy", "no such file").Message);

    [Fact]
    public void Quote_cuts_long_values_short()
    {
        Assert.Equal("'<f4'", UserInputException.Quote("<f4"));
        string forty = new('x', UserInputException.MaxQuotedLength);
        Assert.Equal($"'{forty}'", UserInputException.Quote(forty));
        Assert.Equal($"'{forty}...'", UserInputException.Quote(forty + "y"));
    }
}
