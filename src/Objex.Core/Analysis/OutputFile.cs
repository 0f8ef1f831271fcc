using Objex.Snapshot;

namespace Objex.Analysis;

/// <summary>
/// A file objex writes (an analysis database, a report): refused up front when it is in the way or cannot be made, and
/// written as a temporary file beside it that is renamed into place only when complete, so a reader never sees half of
/// it and a failure leaves nothing behind. Every problem is an <see cref="ObjexFileException"/> naming the output.
/// </summary>
public static class OutputFile
{
    /// <summary>
    /// Refuses, before any work, what <see cref="FileChecks.RequireOutput"/> refuses: an output that exists (unless
    /// <paramref name="force"/>), a directory, a device or FIFO in its place (even with --force), a missing directory.
    /// <paramref name="noun"/> names it in the message (<c>report</c>).
    /// </summary>
    public static void Check(string outputPath, bool force, string noun) => FileChecks.RequireOutput(outputPath, force, noun);

    /// <summary>The temporary file beside <paramref name="outputPath"/> that becomes it (hidden, one per process).</summary>
    public static string TemporaryFor(string outputPath)
    {
        var full = Path.GetFullPath(outputPath);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.objex-tmp-{Environment.ProcessId}");
    }

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="outputPath"/> atomically (<see cref="Check"/> first, then a
    /// temporary file beside it, renamed over it). Returns the bytes written.
    /// </summary>
    public static long WriteAllText(string outputPath, string contents, bool force, string noun)
    {
        Check(outputPath, force, noun);
        var temp = TemporaryFor(outputPath);
        try
        {
            File.WriteAllText(temp, contents, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, Path.GetFullPath(outputPath), overwrite: force);
            return new FileInfo(outputPath).Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ObjexFileException(outputPath, Problem(e, outputPath), e);
        }
        finally
        {
            DeleteQuietly(temp);
        }
    }

    /// <summary>Why the temporary file beside the output could not be made, written or renamed, in words.</summary>
    public static string Problem(Exception error, string outputPath)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        return error switch
        {
            UnauthorizedAccessException => $"cannot be written: no permission to create files in {directory}",
            IOException when IsDiskFull(error) => "cannot be written: the disk is full",

            // Creating a file where the file system has no place for it (/proc, /sys) fails with ENOENT.
            FileNotFoundException or DirectoryNotFoundException => $"cannot be written: {directory} does not accept new files",
            _ => $"cannot be written ({error.Message})",
        };
    }

    /// <summary>
    /// ENOSPC, as .NET words it: "No space left on device" from a write, "… because the disk was full" from a
    /// preallocating create (<c>File.WriteAllText</c>); the HResult is not the errno on every path.
    /// </summary>
    private static bool IsDiskFull(Exception error) =>
        error.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase) ||
        error.Message.Contains("disk was full", StringComparison.OrdinalIgnoreCase) ||
        error.HResult == 28;

    /// <summary>Deletes a file that may not exist, ignoring why it cannot be deleted (cleaning up after a failure).</summary>
    public static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
