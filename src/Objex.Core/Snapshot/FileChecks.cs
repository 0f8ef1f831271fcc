using System.Runtime.InteropServices;

namespace Objex.Snapshot;

/// <summary>
/// The one check of every path a command reads or writes, before anything opens it. Opening a FIFO waits for a
/// writer forever, reading a device reads whatever it produces, and replacing a device (make-analysis-db's rename
/// with --force, as root) turns /dev/null into a regular file: only regular files are read, and only new paths
/// or regular files are written.
/// </summary>
public static partial class FileChecks
{
    /// <summary>Throws <see cref="ObjexFileException"/> unless <paramref name="path"/> names an existing regular file (symbolic links followed).</summary>
    public static void RequireInput(string path)
    {
        RequireName(path);
        switch (KindOf(path))
        {
            case FileKind.Missing:
                throw new ObjexFileException(path, "no such file");
            case FileKind.Directory:
                throw new ObjexFileException(path, "is a directory, not a database file");
            case FileKind.Regular or FileKind.Unknown:
                return;
            case var other:
                throw new ObjexFileException(path, $"is {Describe(other)}, not a regular file: give a database file");
        }
    }

    /// <summary>
    /// Throws <see cref="ObjexFileException"/> unless <paramref name="path"/> can be written as a new file: a path
    /// nothing is at, or a regular file when <paramref name="replace"/> (--force) is given, in an existing
    /// directory. Returns the full path.
    /// </summary>
    /// <param name="noun">What the file is, for the message about a directory ("analysis database").</param>
    public static string RequireOutput(string path, bool replace, string noun)
    {
        RequireName(path);
        switch (KindOf(path))
        {
            case FileKind.Directory:
                throw new ObjexFileException(path, $"is a directory: give the {noun}'s file name");
            case FileKind.Regular or FileKind.Unknown when !replace:
                throw new ObjexFileException(path, "already exists (pass --force to replace it)");
            case FileKind.Missing or FileKind.Regular or FileKind.Unknown:
                break;
            case var other:
                throw new ObjexFileException(path, $"is {Describe(other)}, not a regular file: objex never writes to one, even with --force");
        }

        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (directory is not null && File.Exists(directory))
        {
            throw new ObjexFileException(path, $"cannot be written: {directory} is a file, not a directory");
        }

        if (directory is null || !Directory.Exists(directory))
        {
            throw new ObjexFileException(path, $"cannot be written: directory {directory} does not exist");
        }

        return full;
    }

    /// <summary>Throws <see cref="ObjexFileException"/> for an empty name (or one no file can have).</summary>
    public static void RequireName(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ObjexFileException($"\"{path.Replace("\0", "\\0", StringComparison.Ordinal)}\"", "is not a file name");
        }
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        _ => "not a file",
    };

    private enum FileKind
    {
        Missing,
        Regular,
        Directory,
        Fifo,
        CharacterDevice,
        BlockDevice,
        Socket,
        Unknown,
    }

    /// <summary>
    /// The type of what <paramref name="path"/> names. .NET tells a directory from the rest but not a FIFO or a
    /// device from a file, so this asks Linux's statx(2) for the type bits only: its buffer has the same layout on
    /// every architecture (stx_mode is a u16 at byte 28), unlike struct stat. Elsewhere, or where statx fails for
    /// another reason than a missing path, the answer is Unknown and the path is treated as a file.
    /// </summary>
    private static FileKind KindOf(string path)
    {
        if (Directory.Exists(path))
        {
            return FileKind.Directory;
        }

        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? FileKind.Regular : FileKind.Missing;
        }

        Span<byte> buffer = stackalloc byte[256];
        int result;
        try
        {
            result = Statx(AtFdCwd, path, 0, StatxType, ref MemoryMarshal.GetReference(buffer));
        }
        catch (EntryPointNotFoundException)
        {
            return File.Exists(path) ? FileKind.Unknown : FileKind.Missing;
        }

        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is ENOENT or ENOTDIR ? FileKind.Missing : FileKind.Unknown;
        }

        var mode = BitConverter.ToUInt16(buffer[28..30]) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
    }

    private const int AtFdCwd = -100;
    private const uint StatxType = 1;
    private const int ENOENT = 2;
    private const int ENOTDIR = 20;

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string pathname, int flags, uint mask, ref byte statxbuf);
}
