using System.Diagnostics;
using Objex.Analysis;

namespace Objex.Cli.Terminal;

/// <summary>
/// Phase and percentage on one rewritten stderr line, only when stderr is a terminal (a pipe or
/// a file gets nothing). Redraws at most every 100 ms.
/// </summary>
internal sealed class TerminalProgress : IProgress<AnalysisProgress>, IDisposable
{
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private string _lastPhase = "";
    private bool _drawn;

    private TerminalProgress()
    {
    }

    /// <summary>A progress line on stderr, or null when stderr is not a terminal.</summary>
    internal static TerminalProgress? ForStandardError() => Console.IsErrorRedirected ? null : new TerminalProgress();

    public void Report(AnalysisProgress value)
    {
        lock (_gate)
        {
            if (value.Phase == _lastPhase && _sinceDraw.ElapsedMilliseconds < 100)
            {
                return;
            }

            _lastPhase = value.Phase;
            _sinceDraw.Restart();
            Console.Error.Write($"\r\u001b[Kobjex: {value.Phase} {Math.Clamp(value.Fraction, 0, 1) * 100:0}%");
            _drawn = true;
        }
    }

    /// <summary>Clears the progress line.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_drawn)
            {
                Console.Error.Write("\r\u001b[K");
            }
        }
    }
}
