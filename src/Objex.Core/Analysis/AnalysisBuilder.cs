using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Objex.Dump;
using Objex.Graph;
using Objex.Snapshot;

namespace Objex.Analysis;

/// <summary>
/// make-analysis-db: dump.db → analysis.db. The input is only ever read (copied byte for byte,
/// with a WAL beside it copied too so its committed pages count); the output starts as that
/// copy in a temporary file beside the target, is extended, and is renamed into place only
/// when complete.
/// </summary>
public static class AnalysisBuilder
{
    /// <summary>
    /// Builds <paramref name="outputPath"/> from <paramref name="dumpPath"/>. Throws
    /// <see cref="ObjexFileException"/> (one line naming the file) for every bad input or an
    /// output that exists without <paramref name="force"/>; nothing is left behind then.
    /// </summary>
    public static AnalysisReport Build(
        string dumpPath, string outputPath, bool force, IProgress<AnalysisProgress>? progress = null, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        var fullOutput = CheckOutput(dumpPath, outputPath, force);
        SqliteFileProbe.RequireSqliteFile(dumpPath);
        var temp = OutputFile.TemporaryFor(outputPath);
        try
        {
            progress?.Report(new AnalysisProgress("copying dump", 0));
            var steps = new StepClock();
            CopyDump(dumpPath, temp, cancel);
            steps.Done("copy");
            AnalysisReport report;
            using (var connection = OpenWorkingCopy(temp, dumpPath))
            {
                using var interrupt = InterruptOnCancel(connection, cancel);
                DumpValidator.Validate(connection, dumpPath);
                report = Analyze(connection, dumpPath, progress, steps, cancel);
            }

            // The last moment a cancel can still leave nothing behind: after this the output is in place.
            cancel.ThrowIfCancellationRequested();

            SqliteConnection.ClearAllPools();
            DeleteSidecars(temp);
            File.Move(temp, fullOutput, overwrite: force);
            progress?.Report(new AnalysisProgress("done", 1));
            steps.Done("finish");
            return report with { StepSeconds = steps.Steps, DumpBytes = new FileInfo(dumpPath).Length, OutputBytes = new FileInfo(fullOutput).Length, Elapsed = clock.Elapsed };
        }
        catch (SqliteException e) when (cancel.IsCancellationRequested)
        {
            // SQLITE_INTERRUPT from the progress handler below, or whatever a statement cut short reports.
            throw new OperationCanceledException("make-analysis-db cancelled", e, cancel);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 13)
        {
            throw new ObjexFileException(outputPath, "cannot be written: the disk is full", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 3 or 8 or 14)
        {
            // SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN: about the working copy, which is the output.
            throw new ObjexFileException(outputPath, $"cannot be written ({e.Message.Split('\n')[0]})", e);
        }
        catch (SqliteException e)
        {
            throw SqliteFileProbe.Corrupt(dumpPath, e);
        }
        catch (FileNotFoundException e) when (string.Equals(e.FileName, Path.GetFullPath(dumpPath), StringComparison.Ordinal))
        {
            throw new ObjexFileException(dumpPath, "no such file (it went away while being read)", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjexFileException(outputPath, OutputFile.Problem(e, outputPath), e);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            OutputFile.DeleteQuietly(temp);
            DeleteSidecars(temp);
        }
    }

    private static string CheckOutput(string dumpPath, string outputPath, bool force)
    {
        FileChecks.RequireName(dumpPath);
        FileChecks.RequireName(outputPath);
        if (string.Equals(Path.GetFullPath(dumpPath), Path.GetFullPath(outputPath), StringComparison.Ordinal))
        {
            throw new ObjexFileException(outputPath, "is the dump itself: choose another output file");
        }

        return FileChecks.RequireOutput(outputPath, force, "analysis database");
    }

    /// <summary>
    /// SQLite statements (the dump's checks, index builds, blob writes) run for seconds on a big dump and know
    /// nothing of the token: a progress handler polls it every 1,000 virtual-machine steps and interrupts the
    /// statement (SQLITE_INTERRUPT), the way the REPL's `sql` ends a long query. Removed when disposed.
    /// </summary>
    private static ProgressHandlerRemoval InterruptOnCancel(SqliteConnection connection, CancellationToken cancel)
    {
        var handle = connection.Handle!;
        SQLitePCL.raw.sqlite3_progress_handler(handle, 1000, _ => cancel.IsCancellationRequested ? 1 : 0, null);
        return new ProgressHandlerRemoval(handle);
    }

    private static void CopyDump(string dumpPath, string temp, CancellationToken cancel)
    {
        OutputFile.DeleteQuietly(temp);
        DeleteSidecars(temp);
        File.Copy(dumpPath, temp, overwrite: true);
        cancel.ThrowIfCancellationRequested();

        // The copy inherits the dump's permissions; a read-only dump must not make a read-only analysis.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        var wal = dumpPath + "-wal";
        if (File.Exists(wal) && new FileInfo(wal).Length > 0)
        {
            File.Copy(wal, temp + "-wal", overwrite: true);
        }
    }

    private static SqliteConnection OpenWorkingCopy(string temp, string dumpPath)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = temp, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();

            // A copied WAL is merged into the copy first; then the copy needs no journal at all:
            // if anything fails it is deleted, never renamed into place.
            command.CommandText = "PRAGMA journal_mode";
            if (command.ExecuteScalar() is string mode && mode.Equals("wal", StringComparison.OrdinalIgnoreCase))
            {
                command.CommandText = "PRAGMA journal_mode = DELETE";
                command.ExecuteNonQuery();
            }

            command.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -131072";
            command.ExecuteNonQuery();
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw SqliteFileProbe.Corrupt(dumpPath, e);
        }
    }

    private static AnalysisReport Analyze(
        SqliteConnection connection, string dumpPath, IProgress<AnalysisProgress>? progress, StepClock steps, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var readProgress = progress is null ? null : new InlineProgress(f => progress.Report(new AnalysisProgress("reading dump", 0.05 + (0.4 * f))));
        var dump = DumpReader.Read(connection, dumpPath, readProgress, cancel);
        var graph = dump.Graph;
        steps.Done("read");

        // SQLite work that needs only the dump runs on its own thread while the graph is analysed. Whatever
        // ends the analysis early (a cancel, an error), both tasks are waited for before the connection and the
        // temporary file go: a task still writing to a closed connection would crash the process.
        var additions = Task.Run(() => AnalysisWriter.WriteDumpAdditions(connection, dump, dumpPath), cancel);
        progress?.Report(new AnalysisProgress("root paths", 0.45));
        var moduleTree = Task.Run(() => RootPathBfs.Run(graph, dump.Modules, cancel), cancel);
        try
        {
            return AnalyzeGraph(connection, dump, dumpPath, additions, moduleTree, progress, steps, cancel);
        }
        catch
        {
            WaitQuietly(additions);
            WaitQuietly(moduleTree);
            throw;
        }
    }

    private static void WaitQuietly(Task task)
    {
        try
        {
            task.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    private static AnalysisReport AnalyzeGraph(
        SqliteConnection connection,
        DumpContents dump,
        string dumpPath,
        Task<long> additions,
        Task<(EdgeId[] Parent, int[] Distance)> moduleTree,
        IProgress<AnalysisProgress>? progress,
        StepClock steps,
        CancellationToken cancel)
    {
        var graph = dump.Graph;
        var unseen = UnseenReferences.Compute(graph, dump.Refcount, dump.ObjectsWithClassReference);
        var reverse = StrongReverse.Build(graph, dump.Modules, dump.StackFrames, unseen);
        var frameSources = FrameSources.Find(dump, reverse);
        cancel.ThrowIfCancellationRequested();
        var frameTree = RootPathBfs.Run(graph, frameSources, cancel, throughModules: false);
        steps.Done("reverse + frame BFS");
        progress?.Report(new AnalysisProgress("dominators", 0.55));
        var dominators = DominatorTree.Compute(graph, reverse, dump.Modules, frameSources, unseen, cancel);
        steps.Done("dominators");
        var typeTotals = TypeTotals.Compute(graph, dominators);
        steps.Done("type totals");
        cancel.ThrowIfCancellationRequested();
        var (moduleParent, moduleDistance) = moduleTree.GetAwaiter().GetResult();
        progress?.Report(new AnalysisProgress("writing analysis", 0.7));
        var classRowsAdded = additions.GetAwaiter().GetResult();
        steps.Done("wait for SQL additions");

        long totalShallow = 0;
        foreach (var size in graph.ObjSize)
        {
            totalShallow += size;
        }

        var results = new AnalysisResults
        {
            ModuleParentEdge = moduleParent,
            ModuleDistance = moduleDistance,
            FrameParentEdge = frameTree.ParentEdge,
            FrameDistance = frameTree.Distance,
            Dominators = dominators,
            UnseenReferences = unseen,
            TypeTotals = typeTotals,
            TotalShallowBytes = totalShallow,
            ModuleReachable = CountReachable(moduleDistance),
            FrameReachable = CountReachable(frameTree.Distance),
        };
        AnalysisWriter.WriteResults(connection, results, dump, Path.GetFileName(dumpPath));
        steps.Done("write results");
        return new AnalysisReport
        {
            ObjectCount = graph.NodeCount,
            EdgeCount = graph.EdgeCount,
            ReferenceRows = dump.ReferenceRows,
            DanglingReferences = dump.DanglingReferences,
            NonIntegerReferences = dump.NonIntegerReferences,
            UnreadableSizes = dump.UnreadableSizes,
            CappedSizes = dump.CappedSizes,
            SizeCap = dump.SizeCap,
            ClassReferencesAdded = classRowsAdded,
            ModuleReachable = results.ModuleReachable,
            FrameReachable = results.FrameReachable,
            Unreachable = dominators.UnreachableCount,
            HeldFromC = dominators.HeldFromCCount,
            DumpBytes = 0,
            OutputBytes = 0,
            Elapsed = TimeSpan.Zero,
        };
    }

    private static int CountReachable(int[] distance)
    {
        var count = 0;
        foreach (var d in distance)
        {
            if (d >= 0)
            {
                count++;
            }
        }

        return count;
    }

    private static void DeleteSidecars(string database)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["-wal", "-shm", "-journal"])
        {
            OutputFile.DeleteQuietly(database + suffix);
        }
    }

    private sealed class StepClock
    {
        private readonly Stopwatch _clock = Stopwatch.StartNew();

        internal List<KeyValuePair<string, double>> Steps { get; } = [];

        internal void Done(string step)
        {
            Steps.Add(new(step, _clock.Elapsed.TotalSeconds));
            _clock.Restart();
        }
    }

    private sealed class ProgressHandlerRemoval(SQLitePCL.sqlite3 handle) : IDisposable
    {
        public void Dispose() => SQLitePCL.raw.sqlite3_progress_handler(handle, 0, null, null);
    }

    // Progress<T> would post to the thread pool and reorder reports; these are reported inline.
    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
