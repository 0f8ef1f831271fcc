using System.CommandLine;
using System.Runtime.InteropServices;
using Objex.Analysis;
using Objex.Cli.Terminal;
using Objex.Snapshot;

namespace Objex.Cli.Commands;

/// <summary>`objex make-analysis-db DUMP ANALYSIS [--force]`: turns a dump into an analysis database.</summary>
internal static class MakeAnalysisDbCommandHandler
{
    private static readonly Argument<string> DumpArgument = new("dump") { Description = "The dump written by the collector (dump.db)" };
    private static readonly Argument<string> OutputArgument = new("analysis") { Description = "The analysis database to write (analysis.db)" };
    private static readonly Option<bool> ForceOption = new("--force") { Description = "Replace the analysis database if it exists" };

    internal static void Register(RootCommand root)
    {
        var command = new Command("make-analysis-db", "Read a dump once and write the analysis database the explorer opens")
        {
            DumpArgument,
            OutputArgument,
            ForceOption,
        };
        command.SetAction((parse, cancel) => Task.FromResult(Run(parse.GetValue(DumpArgument)!, parse.GetValue(OutputArgument)!, parse.GetValue(ForceOption), cancel)));
        root.Subcommands.Add(command);
    }

    private static int Run(string dump, string output, bool force, CancellationToken invocationCancel)
    {
        AnalysisReport report;
        try
        {
            // A synchronous invocation gets no signal handling from System.CommandLine: without these, SIGINT and
            // SIGTERM kill the process at once and leave a temporary file as large as the dump. Each cancels the
            // build instead, which deletes the temporary file and ends as "cancelled" below.
            using var signals = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(invocationCancel, signals.Token);
            using var sigint = CancelOn(PosixSignal.SIGINT, signals);
            using var sigterm = CancelOn(PosixSignal.SIGTERM, signals);
            using var progress = TerminalProgress.ForStandardError();
            report = AnalysisBuilder.Build(dump, output, force, progress, linked.Token);
        }
        catch (ObjexFileException e)
        {
            return CliErrors.Report(e);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("objex: make-analysis-db cancelled; nothing was written");
            return 130;
        }

        if (report.DanglingReferences > 0)
        {
            CliErrors.Warn($"{dump}: {report.DanglingReferences:N0} references name objects that do not exist; skipped");
        }

        if (report.NonIntegerReferences > 0)
        {
            CliErrors.Warn($"{dump}: {report.NonIntegerReferences:N0} references with a NULL or non-integer id were skipped");
        }

        if (report.UnreadableSizes > 0)
        {
            CliErrors.Warn($"{dump}: {report.UnreadableSizes:N0} objects with a NULL, non-integer or negative size were counted as 0 bytes");
        }

        if (report.CappedSizes > 0)
        {
            CliErrors.Warn($"{dump}: {report.CappedSizes:N0} objects with a size over {report.SizeCap:N0} bytes were counted as {report.SizeCap:N0} (so no retained size overflows)");
        }

        Console.Out.WriteLine(
            $"wrote {output}: {report.ObjectCount:N0} objects, {report.EdgeCount:N0} references, " +
            $"{report.HeldFromC:N0} held from C, {report.Unreachable:N0} garbage, in {report.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static PosixSignalRegistration CancelOn(PosixSignal signal, CancellationTokenSource cancel) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            cancel.Cancel();
        });
}
