using System.CommandLine;

namespace Objex.Cli.Commands;

/// <summary>`objex formats`: the dump and analysis format versions this build understands.</summary>
internal static class VersionCommandHandler
{
    internal static void Register(RootCommand root)
    {
        var command = new Command("formats", "Print the dump and analysis format versions this build reads and writes");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine($"dump format {ObjexVersion.DumpFormat}, analysis format {ObjexVersion.AnalysisFormat}");
            return 0;
        });
        root.Subcommands.Add(command);
    }
}
