// Usage: Sigah.SlowWriter PATH BYTES
// Writes PATH through AtomicFile: the first half of BYTES bytes (value 0xAB), flushed, then prints
// "half-written" on stdout and waits for a line on stdin before writing the rest. A test kills the
// process while it waits, or sends a line to let it finish.
using Sigah.IO;

string path = args[0];
int bytes = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
var first = new byte[bytes / 2];
var rest = new byte[bytes - first.Length];
Array.Fill(first, (byte)0xAB);
Array.Fill(rest, (byte)0xAB);
AtomicFile.Write(path, stream =>
{
    stream.Write(first);
    stream.Flush();
    Console.Out.WriteLine("half-written");
    Console.Out.Flush();
    Console.In.ReadLine();
    stream.Write(rest);
});
return 0;
