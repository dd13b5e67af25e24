// Fuzz harness for Sigah's file parsers. fuzz/run.sh drives it; see fuzz/README.md.
//   Sigah.Fuzz list                      names of the targets
//   Sigah.Fuzz afl TARGET                the AFL++ fork-server loop (run under afl-fuzz, on instrumented assemblies)
//   Sigah.Fuzz replay TARGET PATH...     runs files (or every file of folders) once each and reports findings
//   Sigah.Fuzz seed DIR                  writes the seed corpus, DIR/TARGET/*, with Sigah's own writers
using System.Diagnostics;
using Sigah.Fuzz;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.Error.WriteLine("usage: Sigah.Fuzz list | afl TARGET | replay TARGET PATH... | seed DIR");
    return 2;
}
switch (args[0])
{
    case "list":
        foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name}\t{string.Join(' ', t.Extensions)}");
        return 0;
    case "afl" when args.Length == 2:
    {
        var runner = new FuzzRunner(FuzzTargets.Find(args[1]), WorkDirectory());
        SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            runner.Run(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        });
        return 0;
    }
    case "replay" when args.Length >= 3:
        return Replay(FuzzTargets.Find(args[1]), args[2..]);
    case "seed" when args.Length == 2:
        SeedCorpus.Write(args[1]);
        return 0;
    default:
        Console.Error.WriteLine($"unknown or incomplete command: {string.Join(' ', args)}");
        return 2;
}

static int Replay(FuzzTarget target, string[] paths)
{
    var runner = new FuzzRunner(target, WorkDirectory());
    int findings = 0, rejected = 0, accepted = 0;
    var files = paths.SelectMany(p => Directory.Exists(p)
        ? Directory.EnumerateFiles(p).Where(f => !f.EndsWith("README.txt", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
        : (IEnumerable<string>)[p]);
    foreach (string file in files)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            string? rejection = runner.Run(File.ReadAllBytes(file));
            if (rejection is null) accepted++;
            else rejected++;
            Console.WriteLine($"{Path.GetFileName(file)}: {(rejection is null ? "accepted" : "rejected: " + rejection)} ({clock.ElapsedMilliseconds} ms)");
        }
        catch (Exception e)
        {
            findings++;
            Console.WriteLine($"{Path.GetFileName(file)}: FINDING: {e}");
        }
    }
    Console.WriteLine($"{target.Name}: {accepted} accepted, {rejected} rejected, {findings} findings");
    return findings == 0 ? 0 : 1;
}

// Inputs are written to a file per process (the parsers read paths), in memory when /dev/shm exists.
static string WorkDirectory()
{
    string root = Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();
    string dir = Path.Combine(root, $"sigah-fuzz-{Environment.ProcessId}");
    Directory.CreateDirectory(dir);
    return dir;
}
