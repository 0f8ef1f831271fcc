using Objex.Analysis;
using Objex.Snapshot;

namespace Objex.Export;

/// <summary>
/// Where an export goes: a temporary file or folder beside the output (<c>.NAME.objex-tmp-PID</c>), renamed into
/// place only when complete, and deleted otherwise, so a full disk, a cancel or an error leaves nothing behind.
/// The output is refused when it exists, unless <c>force</c> (then it is replaced at the rename).
/// </summary>
public sealed class ExportOutput : IDisposable
{
    private readonly bool _force;
    private bool _committed;

    private ExportOutput(string output, bool isFolder, bool force)
    {
        Output = output;
        IsFolder = isFolder;
        _force = force;
        TempPath = OutputFile.TemporaryFor(output);
    }

    /// <summary>The output as the user named it.</summary>
    public string Output { get; }

    /// <summary>Whether the output is a folder of files (Parquet) rather than one file.</summary>
    public bool IsFolder { get; }

    /// <summary>The temporary file or folder to write; <see cref="Commit"/> renames it to <see cref="Output"/>.</summary>
    public string TempPath { get; }

    /// <summary>
    /// Checks the output (it must not be <paramref name="input"/>, must not exist unless <paramref name="force"/>, its
    /// folder must exist) and makes the temporary file's or folder's name. Throws <see cref="ObjexFileException"/>.
    /// </summary>
    public static ExportOutput Begin(string input, string output, bool isFolder, bool force)
    {
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new ObjexFileException(output, "is the analysis database itself: choose another output");
        }

        if (!isFolder)
        {
            // The one check every command's output gets: never a device, FIFO or directory, even with --force.
            FileChecks.RequireOutput(output, force, "export");
        }
        else
        {
            if (File.Exists(output))
            {
                throw new ObjexFileException(output, "is a file: Parquet goes into a folder, give the folder's name");
            }

            if (Directory.Exists(output) && !force)
            {
                throw new ObjexFileException(output, "already exists (pass --force to replace it)");
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(output));
            if (directory is null || !Directory.Exists(directory))
            {
                throw new ObjexFileException(output, $"cannot be written: folder {directory} does not exist");
            }
        }

        var export = new ExportOutput(output, isFolder, force);
        export.RemoveTemp();
        try
        {
            if (isFolder)
            {
                Directory.CreateDirectory(export.TempPath);
            }
            else
            {
                File.Create(export.TempPath).Dispose();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw export.Failed(e);
        }

        return export;
    }

    /// <summary>Renames the finished temporary file or folder to the output (replacing it under --force).</summary>
    public void Commit()
    {
        try
        {
            if (IsFolder)
            {
                if (_force && Directory.Exists(Output))
                {
                    Directory.Delete(Output, recursive: true);
                }

                Directory.Move(TempPath, Output);
            }
            else
            {
                File.Move(TempPath, Output, overwrite: _force);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(e);
        }

        _committed = true;
    }

    /// <summary>The one line that says why the output could not be written (a full disk, no permission, …).</summary>
    public ObjexFileException Failed(Exception error) => new(Output, OutputFile.Problem(error, Output), error);

    /// <summary>Deletes the temporary file or folder unless it was committed.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            RemoveTemp();
        }
    }

    private void RemoveTemp()
    {
        try
        {
            if (Directory.Exists(TempPath))
            {
                Directory.Delete(TempPath, recursive: true);
            }
            else
            {
                File.Delete(TempPath);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
