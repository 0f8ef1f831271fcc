using System.Text.Json;
using Objex.Snapshot;

namespace Objex.Cli.Tests.MakeAnalysisDb;

/// <summary>
/// A real heap shape: runs tests/targets/&lt;name&gt;.py under a real interpreter (it dumps itself and
/// writes the addresses of its named objects), runs make-analysis-db through the CLI, opens the result.
/// </summary>
internal sealed class ShapeDump : IDisposable
{
    private readonly Fixtures.ScratchDirectory _scratch = Fixtures.Scratch();
    private readonly Dictionary<string, long> _addresses;

    internal ShapeDump(string target, string python)
    {
        var dump = _scratch.File("dump.db");
        ObjexProcess.Result made = ObjexProcess.RunProgram(python, [Path.Combine(Fixtures.RepositoryRoot, "tests", "targets", target + ".py"), dump]);
        Assert.True(made.ExitCode == 0, $"{target}.py under {python} failed: {made.Stderr}");
        _addresses = JsonSerializer.Deserialize<Dictionary<string, long>>(File.ReadAllText(dump + ".facts.json"))!;
        AnalysisDb = _scratch.File("analysis.db");
        var result = ObjexProcess.Run("make-analysis-db", dump, AnalysisDb);
        Assert.True(result.ExitCode == 0, $"make-analysis-db failed: {result.Stderr}");
        Snapshot = HeapSnapshot.Open(AnalysisDb);
    }

    internal HeapSnapshot Snapshot { get; }

    /// <summary>The analysis database, for the explorer to open.</summary>
    internal string AnalysisDb { get; }

    /// <summary>The object the target named <paramref name="name"/> in its facts file.</summary>
    internal ObjId this[string name]
    {
        get
        {
            using var command = Snapshot.Connection.CreateCommand();
            command.CommandText = "SELECT id FROM object WHERE address = $address";
            command.Parameters.AddWithValue("$address", _addresses[name]);
            return command.ExecuteScalar() is long id ? (ObjId)id : throw new InvalidOperationException($"{name} is not in the dump");
        }
    }

    /// <summary>The dominator-tree ancestors of <paramref name="obj"/>, nearest first, ending at the super-root.</summary>
    internal List<ObjId> Dominators(ObjId obj)
    {
        var chain = new List<ObjId>();
        for (var d = Snapshot.ImmediateDominator(obj); d != ObjId.None; d = Snapshot.ImmediateDominator(d))
        {
            chain.Add(d);
        }

        return chain;
    }

    public void Dispose()
    {
        Snapshot.Dispose();
        _scratch.Dispose();
    }

    /// <summary>Every CPython on this machine (pyenv's), or the one on PATH.</summary>
    internal static TheoryData<string> Interpreters()
    {
        var data = new TheoryData<string>();
        foreach (var python in PythonInterpreter.All)
        {
            data.Add(python);
        }

        return data;
    }
}
