namespace Objex.Cli.Tests;

/// <summary>
/// A test that needs a real library installed for the system python3 (Debian's python3-flask, python3-sympy: .ci/run
/// installs them), skipped with a message saying so when it does not import there.
/// </summary>
public sealed class SystemLibraryFactAttribute : FactAttribute
{
    internal const string SystemPython = "/usr/bin/python3";

    public SystemLibraryFactAttribute(string module)
    {
        if (!File.Exists(SystemPython) || Support.Processes.Run(SystemPython, ["-c", "import " + module]).ExitCode != 0)
        {
            Skip = $"{module} does not import in {SystemPython} (apt-get install python3-{module}): the RSS breakdown of a {module} heap is not tested here";
        }
    }
}
