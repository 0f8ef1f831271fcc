using System.CommandLine;

namespace Objex.Cli.Repl;

/// <summary>One REPL command: its System.CommandLine definition (arguments and their completions) and what it does.</summary>
internal interface IReplCommand
{
    /// <summary>The command's name as typed (a unique prefix also works).</summary>
    string Name { get; }

    /// <summary>One line for <c>help</c>.</summary>
    string Summary { get; }

    /// <summary>Usage and details for <c>help &lt;command&gt;</c>: the first line is the usage.</summary>
    string Help { get; }

    /// <summary>
    /// True when the command takes the rest of the line verbatim (<c>sql</c>, <c>find</c>) instead of
    /// parsed arguments; its <see cref="ReplCall.Text"/> then holds that text.
    /// </summary>
    bool TakesRawText => false;

    /// <summary>Builds the command's definition once; the REPL adds it to its command tree.</summary>
    Command Build();

    /// <summary>Runs the command; a <see cref="Objex.Query.QueryException"/> is printed as one line by the REPL.</summary>
    Task RunAsync(ReplCall call);
}
