using System.Diagnostics;
using Sigah.IO;
using Sigah.Index;

// The in-process part of `sigah search --method mih`, timed step by step: open the index file (map, checksum,
// table check), then search the queries several times (the first run includes JIT compilation).
// usage: MihProfile INDEX QUERIES.npy [-k K] [--threads T] [--repeats R] [--rebuild]
//   --rebuild drops the stored tables and times building them in memory (what a search of an index without
//   stored tables pays on every run).
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: MihProfile INDEX QUERIES.npy [-k K] [--threads T] [--repeats R] [--rebuild]");
    return 1;
}
int k = 10, threads = 0, repeats = 5;
bool rebuild = false;
for (int i = 2; i < args.Length; i++)
{
    switch (args[i])
    {
        case "-k": k = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--threads": threads = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--repeats": repeats = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
        case "--rebuild": rebuild = true; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}
// CPU time (all threads) is the steadier measure on a shared machine; wall time is what a user waits for.
var process = Process.GetCurrentProcess();
double CpuMilliseconds()
{
    process.Refresh();
    return process.TotalProcessorTime.TotalMilliseconds;
}
double openCpu = CpuMilliseconds();
var clock = Stopwatch.StartNew();
using var index = HammingIndex.Open(args[0]);
Console.WriteLine($"open        {clock.Elapsed.TotalMilliseconds,8:F1} ms  cpu {CpuMilliseconds() - openCpu,8:F1} ms  ({index.Count} codes of {index.Bits} bits, tables {(index.Tables is null ? "none" : $"{index.Tables.Layout.Count} × {index.Tables.SizeInBytes / index.Tables.Layout.Count / 1e6:F2} MB")})");
var queries = CodesFile.Read(args[1]);
if (rebuild)
{
    double cpu = CpuMilliseconds();
    clock.Restart();
    index.BuildMihTables();
    Console.WriteLine($"build       {clock.Elapsed.TotalMilliseconds,8:F1} ms  cpu {CpuMilliseconds() - cpu,8:F1} ms  ({index.Tables!.Layout.Count} tables, {index.Tables.SizeInBytes / 1e6:F2} MB)");
}
var options = new SearchOptions(SearchMethod.Mih, threads);
for (int r = 0; r < repeats; r++)
{
    double cpu = CpuMilliseconds();
    clock.Restart();
    var result = index.Search(queries, k, options);
    double wall = clock.Elapsed.TotalMilliseconds;
    Console.WriteLine($"search {r + 1,2}   {wall,8:F1} ms  cpu {CpuMilliseconds() - cpu,8:F1} ms  (sum of distances {result.Distances.Sum()})");
}
return 0;
