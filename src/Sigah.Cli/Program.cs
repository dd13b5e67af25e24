using System.CommandLine;
using Sigah.Cli;
using Sigah.Cli.Commands;

var root = new RootCommand("Sigah: learn compact binary codes for vectors and search them in Hamming space.");
root.Options.Add(CommonOptions.Verbose);
foreach (var command in new[]
{
    GtCommand.Create(), TrainCommand.Create(), EncodeCommand.Create(), SearchCommand.Create(),
    IndexCommand.Create(), EvalCommand.Create(), BenchCommand.Create(), ExportCommand.Create(), ServeCommand.Create(), IngestCommand.Create(),
})
    root.Subcommands.Add(command);

return CliRunner.Run(root, args);
