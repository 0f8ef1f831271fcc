using Objex.Cli.Tests.Support;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>
/// Paths that are not regular files (issue 19): a device or a FIFO is never written, even with --force (as root,
/// a rename over /dev/null replaced it with a regular file), and never read (a FIFO blocked every command forever);
/// an empty name is one line, not a stack trace. One check (FileChecks) serves every command.
/// </summary>
[Collection(ShapesCollection.Name)]
public sealed class SpecialFileTests(ShapesHeap heap)
{
    [Fact]
    public void Should_refuse_a_device_as_output_even_with_force()
    {
        var result = ObjexProcess.Run("make-analysis-db", heap.DumpDb, "/dev/null", "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["objex: /dev/null: is a character device, not a regular file: objex never writes to one, even with --force"], result.StderrLines);
        Assert.Equal("", result.Stdout);
        Assert.Equal("character special file\n", ObjexProcess.RunProgram("stat", ["-c", "%F", "/dev/null"]).Stdout);
        Assert.Empty(Directory.GetFiles("/dev", ".null.objex-tmp-*"));
    }

    [Fact]
    public void Should_refuse_a_fifo_as_output_even_with_force()
    {
        using var scratch = Fixtures.Scratch();
        var fifo = MakeFifo(scratch, "out.db");

        var result = ObjexProcess.Run("make-analysis-db", heap.DumpDb, fifo, "--force");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"objex: {fifo}: is a FIFO (named pipe), not a regular file: objex never writes to one, even with --force"], result.StderrLines);
        Assert.Equal(["out.db"], scratch.Files());
        Assert.Equal("fifo\n", ObjexProcess.RunProgram("stat", ["-c", "%F", fifo]).Stdout);
    }

    [Theory]
    [InlineData("make-analysis-db", "objex: ")]
    [InlineData("explore", "objex: ")]
    [InlineData("suspects", "objex: ")]
    [InlineData("diff", "objex: ")]
    [InlineData("web", "objex web: ")]
    public void Should_refuse_a_fifo_as_input_of_every_command_instead_of_waiting_for_a_writer(string command, string prefix)
    {
        using var scratch = Fixtures.Scratch();
        var fifo = MakeFifo(scratch, "in.db");
        string[] arguments = command switch
        {
            "make-analysis-db" => [command, fifo, scratch.File("out.db")],
            "explore" => [command, fifo, "-c", "in"],
            "diff" => [command, fifo, heap.AnalysisDb],
            "web" => [command, fifo, "--port", "0"],
            _ => [command, fifo],
        };

        var result = ObjexProcess.Run(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal([$"{prefix}{fifo}: is a FIFO (named pipe), not a regular file: give a database file"], result.StderrLines);
        Assert.Equal(["in.db"], scratch.Files());
    }

    [Fact]
    public void Should_refuse_a_device_as_input()
    {
        var result = ObjexProcess.Run("make-analysis-db", "/dev/zero", Path.Combine(heap.Directory, "zero.analysis.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["objex: /dev/zero: is a character device, not a regular file: give a database file"], result.StderrLines);
    }

    [Fact]
    public void Should_say_in_one_line_that_an_empty_name_is_no_file_name()
    {
        var result = ObjexProcess.Run("make-analysis-db", "", "");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(["objex: \"\": is not a file name"], result.StderrLines);
        Assert.Equal("", result.Stdout);
    }

    private static string MakeFifo(Fixtures.ScratchDirectory scratch, string name)
    {
        var fifo = scratch.File(name);
        Assert.Equal(0, ObjexProcess.RunProgram("mkfifo", [fifo]).ExitCode);
        return fifo;
    }
}
