namespace Sigah.Fuzz;

/// <summary>
/// One parser under fuzzing. The fuzzer's bytes become a file that <see cref="Parse"/> opens: when the
/// parser reads several formats (<see cref="Extensions"/> has more than one entry), the first byte picks the
/// extension and the rest is the file's content; otherwise all bytes are the content.
/// </summary>
/// <param name="Name">Name used on the command line and for the corpus folder.</param>
/// <param name="Extensions">File name endings the parser accepts, each with its dot (e.g. <c>.fvecs</c>).</param>
/// <param name="Parse">Opens the file at the given path with the parser and reads all of it.</param>
/// <param name="EntitledBytes">
/// How many bytes of data the content stands for (its own length unless it is compressed); the parser may
/// allocate a bounded multiple of this, see <see cref="FuzzRunner"/>.
/// </param>
/// <param name="Repair">
/// Rewrites the content's checksum to match its bytes, for formats that carry one: without it nearly every
/// mutation stops at the checksum, and the parsing behind it would go untested.
/// </param>
internal sealed record FuzzTarget(string Name, string[] Extensions, Action<string> Parse,
    Func<byte[], string, long>? EntitledBytes = null, Action<byte[]>? Repair = null)
{
    /// <summary>Splits fuzzer bytes into the file's extension and content.</summary>
    public (string Extension, byte[] Content) Decode(ReadOnlySpan<byte> input) =>
        Extensions.Length == 1 || input.IsEmpty
            ? (Extensions[0], input.ToArray())
            : (Extensions[input[0] % Extensions.Length], input[1..].ToArray());

    /// <summary>Builds fuzzer bytes for a file with <paramref name="extension"/> and <paramref name="content"/> (the inverse of <see cref="Decode"/>).</summary>
    public byte[] Encode(string extension, ReadOnlySpan<byte> content)
    {
        int index = Array.IndexOf(Extensions, extension);
        if (index < 0) throw new ArgumentException($"{Name} does not read {extension}", nameof(extension));
        return Extensions.Length == 1 ? content.ToArray() : [(byte)index, .. content];
    }
}
