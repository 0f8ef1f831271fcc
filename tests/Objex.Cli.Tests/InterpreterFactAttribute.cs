using Objex.Cli.Tests.MakeAnalysisDb;

namespace Objex.Cli.Tests;

/// <summary>A test that needs a CPython of one version (pyenv's, or pythonX.Y on PATH), skipped with a message saying so when the machine has none.</summary>
public sealed class InterpreterFactAttribute : FactAttribute
{
    public InterpreterFactAttribute(string majorMinor, string why)
    {
        if (PythonInterpreter.Find(majorMinor) is null)
        {
            Skip = $"no CPython {majorMinor} on this machine (pyenv versions, PATH): {why} is not tested here";
        }
    }
}
